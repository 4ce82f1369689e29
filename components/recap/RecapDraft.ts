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
import { safeMarkdown } from '../../recap/safe-markdown';
import { listTemplates } from '../../recap/templates';
import { toBase64 } from '../../storage/backup/format';
import { isPrivateNote } from '../../storage/kinds';
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
import { useRenderWorker } from './useRenderWorker';

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

/** Where the post lists the links its notes mention (recap/model.ts, `linksMentioned`). */
export type LinksPlace = NonNullable<RecapInput['linksMentioned']>;

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

function withText(
  input: RecapInput,
  draft: Draft,
  thumbs: Thumbs,
  mode: ImageMode,
  includePrivate = false,
  linksMentioned: LinksPlace = 'none',
): RecapInput {
  return {
    ...input,
    ...(includePrivate ? { includePrivate } : {}),
    ...(linksMentioned !== 'none' ? { linksMentioned } : {}),
    title: draft.title,
    intro: draft.intro,
    outro: draft.outro,
    ...(draft.themes?.length ? { themes: draft.themes } : {}),
    ...(draft.pictures?.length ? { pictures: draft.pictures } : {}),
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
    d.themes,
    d.pictures,
    d.edited,
  ]);
}

/** Edited Markdown keeps `images/…` paths (as in the zip); the preview and the clipboard show the images. */
function inlineImages(markdown: string, thumbs: Thumbs): string {
  let out = markdown;
  for (const [id, t] of thumbs) {
    const path = thumbnailPath(id, t.mime);
    if (out.includes(path)) out = out.split(`(${path})`).join(`(${dataUrl(thumbs, id)})`);
  }
  return out;
}

/** Words in a post, as a reader counts them: no URLs, no Markdown marks. */
export function wordCount(markdown: string): number {
  const text = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** Minutes to read, at 230 words a minute; at least one for any text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / 230));
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
  // "Include private notes": for this composing only, never saved with the recap.
  const [includePrivate, setIncludePrivate] = useState(false);
  const [linksMentioned, setLinksMentioned] = useState<LinksPlace>('none');
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
        ? recapCoverage(
            includePrivate ? { ...input.value, includePrivate } : input.value,
            draft.day ? input.value.dayLeftOut : undefined,
          )
        : null,
    [input, draft.day, includePrivate],
  );
  const pictured = new Set(draft.pictures ?? []);
  // A private note's picture stays out of the zip like its text (unless private notes are included).
  const shows = (n: NoteRecord) => includePrivate || !isPrivateNote(n);
  const thumbIds =
    input.status === 'ready'
      ? [
          ...input.value.talks.flatMap((t) =>
            t.notes.flatMap((n) =>
              n.thumbnailId && shows(n) && (talkOptions(draft, t.talk.id).thumbnails || pictured.has(n.id))
                ? [n.thumbnailId]
                : [],
            ),
          ),
          ...input.value.moments.flatMap((n) =>
            n.thumbnailId && shows(n) && pictured.has(n.id) ? [n.thumbnailId] : [],
          ),
        ]
      : [];
  const thumbs = useLive(() => loadThumbnails(thumbIds), [thumbIds.join()]);
  const thumbMap: Thumbs = thumbs.status === 'ready' ? thumbs.value : NO_THUMBS;

  const render = (mode: ImageMode): ComposeResult | null =>
    input.status === 'ready'
      ? composeRecap(withText(input.value, draft, thumbMap, mode, includePrivate, linksMentioned), {
          template: source,
          frontMatter: draft.frontMatter,
          ownTemplate,
        })
      : null;
  const shown = [
    draft.title,
    draft.intro,
    draft.outro,
    draft.frontMatter,
    draft.themes,
    draft.pictures,
    includePrivate,
    linksMentioned,
  ];
  // Composed in a worker (useRenderWorker.ts): a template that loops for seconds never holds a keystroke.
  const generated = useRenderWorker(
    fresh && input.status === 'ready'
      ? withText(input.value, draft, thumbMap, 'inline', includePrivate, linksMentioned)
      : null,
    { template: source, frontMatter: draft.frontMatter, ownTemplate },
    [fresh, input, source, thumbMap, ownTemplate, ...shown],
  );
  // The post as the zip holds it (images as `images/…`): what edits start from and are compared with.
  const generatedZip = useMemo(
    () => (draft.edited && fresh ? render('zip') : null),
    [!!draft.edited, fresh, input, source, thumbMap, ownTemplate, ...shown],
  );
  const edited = draft.edited;
  const editedSafe = useMemo(
    () => (edited ? safeMarkdown(edited.markdown, { keepHtml: ownTemplate }) : null),
    [edited?.markdown, ownTemplate],
  );
  /** What the preview, the copies and the download show: the user's edits when there are any. */
  const preview: ComposeResult | null = editedSafe
    ? { ok: true, markdown: inlineImages(editedSafe.markdown, thumbMap), safety: editedSafe.safety }
    : generated;
  /** The notes or settings changed since the user edited the post: regenerating would replace the edits. */
  const stale = !!edited && generatedZip?.ok === true && generatedZip.markdown !== edited.from;
  const placeholderTitle = input.status === 'ready' ? defaultTitle(input.value) : '';

  const baseline = useRef<{ id?: string; shape: string }>({ shape: '' });
  /** Why the last automatic save failed ('' when it did not). */
  const [autosaveError, setAutosaveError] = useState('');
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
          setAutosaveError('');
        })
        // Said under the post (a full disk, a recap trashed meanwhile): the edits stay in the page.
        .catch((e: unknown) =>
          setAutosaveError(
            `Your changes are not saved yet: ${e instanceof Error ? e.message : String(e)}. They are kept in this page; try Save.`,
          ),
        );
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
    /** Private notes go into this post (the preview, the copies and the zip) while ticked. */
    includePrivate,
    setIncludePrivate,
    /** Where the post lists the links its notes mention. */
    linksMentioned,
    setLinksMentioned,
    input,
    coverage,
    templates,
    preview,
    /** The chosen template was saved by the user on this device (its raw HTML is kept). */
    ownTemplate,
    placeholderTitle,
    /** Renders for a download: images as zip paths (the user's edits when there are any); the thumbnails. */
    forZip: (): { result: ComposeResult | null; thumbs: Thumbs } => ({
      result: editedSafe
        ? { ok: true, markdown: editedSafe.markdown, safety: editedSafe.safety }
        : render('zip'),
      thumbs: thumbMap,
    }),
    /** The post as generated from the notes, edits aside. */
    generated,
    stale,
    /** Starts editing the post: the generated Markdown (images as `images/…`) becomes the user's text. */
    startEditing: () => {
      const zip = render('zip');
      if (zip?.ok) setDraft((d) => ({ ...d, edited: { markdown: zip.markdown, from: zip.markdown } }));
    },
    /** Keeps the user's text as they type it. */
    editText: (markdown: string) =>
      setDraft((d) => (d.edited ? { ...d, edited: { ...d.edited, markdown } } : d)),
    /** Drops the edits: the post is generated from the notes again. */
    // `undefined`, not absent: a saved recap's update merges fields, and must drop the old edits.
    regenerate: () => setDraft((d) => ({ ...d, edited: undefined })),
    save,
    autosaveError,
  };
}

export type RecapDraftState = ReturnType<typeof useRecapDraft>;
