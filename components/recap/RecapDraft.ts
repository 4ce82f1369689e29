/**
 * The composer's state: the recap being edited (a `recaps` record or a new draft), the data it
 * shows (read live, so notes typed meanwhile appear) and the rendered Markdown. Text fields render
 * without touching the database; only a change of talks reloads notes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BUILTIN_TEMPLATES, builtinTemplate, DEFAULT_TEMPLATE_ID, focusOf } from '../../recap/builtins';
import { type ComposeResult, composeRecap } from '../../recap/compose';
import { type Coverage, recapCoverage } from '../../recap/coverage';
import { thumbnailPath } from '../../recap/files';
import { DEFAULT_TALK_OPTIONS, defaultTitle, type RecapInput, type TalkOptions } from '../../recap/model';
import { listTemplates } from '../../recap/templates';
import { toBase64 } from '../../storage/backup/format';
import {
  createRecap,
  loadRecapInput,
  loadThumbnails,
  type RecapContent,
  type RecapFields,
  updateRecap,
} from '../../storage/recaps';
import type { NoteRecord } from '../../storage/types';
import { type LiveState, useLive } from '../shared/useLive';
import { useOwnTemplate } from './template-trust';

export type Draft = RecapFields & { id?: string };

export const EMPTY_DRAFT: Draft = {
  title: '',
  talkIds: [],
  templateId: DEFAULT_TEMPLATE_ID,
  frontMatter: 'none',
};

type Thumbs = Map<string, { mime: string; bytes: Uint8Array }>;
const NO_THUMBS: Thumbs = new Map();

/** Where thumbnails point: data URLs in the preview and the clipboard, `images/…` in a zip. */
export type ImageMode = 'inline' | 'zip';

export function talkOptions(draft: Draft, talkId: string): TalkOptions {
  return { ...DEFAULT_TALK_OPTIONS, ...draft.talkOptions?.[talkId] };
}

/** Data URLs of the thumbnails, made once per set of thumbnails (not on every keystroke). */
const dataUrls = new WeakMap<Thumbs, Map<string, string>>();

function dataUrl(thumbs: Thumbs, id: string): string | undefined {
  let urls = dataUrls.get(thumbs);
  if (!urls) {
    urls = new Map();
    dataUrls.set(thumbs, urls);
  }
  const t = thumbs.get(id);
  if (!t) return undefined;
  let url = urls.get(id);
  if (!url) {
    url = `data:${t.mime};base64,${toBase64(t.bytes)}`;
    urls.set(id, url);
  }
  return url;
}

function withText(input: RecapInput, draft: Draft, thumbs: Thumbs, mode: ImageMode): RecapInput {
  return {
    ...input,
    title: draft.title,
    intro: draft.intro,
    outro: draft.outro,
    thumbnailUrl: (id) => {
      const t = thumbs.get(id);
      if (!t) return undefined;
      return mode === 'zip' ? thumbnailPath(id, t.mime) : dataUrl(thumbs, id);
    },
  };
}

const AUTOSAVE_MS = 800;

/** What the user can change in a recap (timestamps left out). */
function shapeOf(d: Draft): string {
  return JSON.stringify([
    d.title,
    d.eventId,
    d.day,
    d.talkIds,
    d.templateId,
    d.intro,
    d.outro,
    d.talkOptions,
    d.frontMatter,
    d.momentsOut,
  ]);
}

/**
 * The day's moments split by the draft's ticks. They are read once for the day, so ticking one
 * re-renders without reading the database again.
 */
function withMoments(content: RecapContent, momentsOut: readonly string[] | undefined): RecapContent {
  const out = new Set(momentsOut ?? []);
  const all = [...content.moments, ...content.dayLeftOut.moments].sort((a, b) => a.createdAt - b.createdAt);
  return {
    ...content,
    moments: all.filter((n) => !out.has(n.id)),
    dayLeftOut: { ...content.dayLeftOut, moments: all.filter((n) => out.has(n.id)) },
  };
}

/** Every moment of the day, ticked or not, oldest first (to-dos aside: they never go in). */
export function dayMoments(content: RecapContent): NoteRecord[] {
  return [...content.moments, ...content.dayLeftOut.moments]
    .filter((n) => n.kind !== 'todo')
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function useRecapDraft(initial: Draft) {
  const [draft, setDraft] = useState<Draft>(initial);
  const talkKey = JSON.stringify([draft.eventId, draft.day, draft.talkIds, draft.talkOptions]);
  const loaded = useLive(
    () => loadRecapInput({ ...draft, title: '', momentsOut: [] }).then((value) => ({ key: talkKey, value })),
    [talkKey],
  );
  // A live query keeps its last answer while the next one loads. The talk list may show it (so focus
  // stays on a talk being moved), but the preview never puts the draft's new text over the previous
  // talks: a reopened recap would flash as an empty post, and could be copied so.
  const fresh = loaded.status === 'ready' && loaded.value.key === talkKey;
  const templates = useLive(listTemplates, []);
  const source =
    (templates.status === 'ready' ? templates.value : BUILTIN_TEMPLATES).find(
      (t) => t.id === draft.templateId,
    )?.source ?? builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
  const focus = focusOf(source);
  // Only a template the user saved on this device may write raw HTML into the post.
  const ownTemplate = useOwnTemplate(draft.templateId, source);
  const input = useMemo(
    (): LiveState<RecapContent & Pick<RecapInput, 'focus'>> =>
      loaded.status === 'ready'
        ? { status: 'ready', value: { ...withMoments(loaded.value.value, draft.momentsOut), focus } }
        : loaded,
    [loaded, draft.momentsOut, focus],
  );
  const coverage = useMemo(
    (): Coverage | null =>
      input.status === 'ready'
        ? recapCoverage(input.value, draft.day ? input.value.dayLeftOut : undefined)
        : null,
    [input, draft.day],
  );
  const thumbIds =
    input.status === 'ready'
      ? input.value.talks.flatMap((t) =>
          talkOptions(draft, t.talk.id).thumbnails
            ? t.notes.flatMap((n) => (n.thumbnailId ? [n.thumbnailId] : []))
            : [],
        )
      : [];
  const thumbs = useLive(() => loadThumbnails(thumbIds), [thumbIds.join()]);
  const thumbMap: Thumbs = thumbs.status === 'ready' ? thumbs.value : NO_THUMBS;

  const render = (mode: ImageMode): ComposeResult | null =>
    input.status === 'ready'
      ? composeRecap(withText(input.value, draft, thumbMap, mode), {
          template: source,
          frontMatter: draft.frontMatter,
          ownTemplate,
        })
      : null;
  const lastFresh = useRef<ComposeResult | null>(null);
  const preview = useMemo(() => {
    if (!fresh) return lastFresh.current;
    lastFresh.current = render('inline');
    return lastFresh.current;
  }, [fresh, input, draft.title, draft.intro, draft.outro, draft.frontMatter, source, thumbMap, ownTemplate]);
  const placeholderTitle = input.status === 'ready' ? defaultTitle(input.value) : '';

  const baseline = useRef<{ id?: string; shape: string }>({ shape: '' });
  const save = async (): Promise<Draft> => {
    const { id, ...fields } = draft;
    const saved = id ? await updateRecap(id, fields) : await createRecap(fields);
    baseline.current = { id: saved.id, shape: shapeOf(saved) };
    setDraft(saved);
    return saved;
  };

  // A saved recap keeps itself: edits are written back shortly after the typing stops.
  useEffect(() => {
    const { id } = draft;
    if (!id) return;
    const shape = shapeOf(draft);
    if (baseline.current.id !== id) {
      baseline.current = { id, shape };
      return;
    }
    if (baseline.current.shape === shape) return;
    const timer = setTimeout(() => {
      const { id: _id, ...fields } = draft;
      void updateRecap(id, fields)
        .then(() => {
          baseline.current = { id, shape };
        })
        .catch(() => undefined); // trashed meanwhile: the explicit Save reports it
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  return {
    draft,
    update: (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })),
    /** Applies a suggestion only while the draft is still blank (never over the user's choice). */
    suggest: (patch: Partial<Draft>) =>
      setDraft((d) => (d.id || d.eventId || d.talkIds.length ? d : { ...d, ...patch })),
    replace: setDraft,
    input,
    coverage,
    templates,
    preview,
    /** The chosen template was saved by the user on this device (its raw HTML is kept). */
    ownTemplate,
    placeholderTitle,
    /** Renders for a download: images as zip paths; the thumbnails to put beside it. */
    forZip: () => ({ result: render('zip'), thumbs: thumbMap }),
    save,
  };
}

export type RecapDraftState = ReturnType<typeof useRecapDraft>;
