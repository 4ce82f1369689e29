/**
 * The recap composer: pick an event's day or any talks, order them, choose what goes in, pick a
 * template, write a title, intro and outro; the raw Markdown and a sanitised preview update as
 * you type. Narrow in the side panel, side by side in its own tab (`wide`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isDay, longDate } from '../../recap/dates';
import { getRecap, listRecaps, suggestedDay } from '../../storage/recaps';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { RecapActions } from './RecapActions';
import { RecapCoverage } from './RecapCoverage';
import { RecapDayNote } from './RecapDayNote';
import {
  type Draft,
  dayMoments,
  EMPTY_DRAFT,
  type LinksPlace,
  readingMinutes,
  useRecapDraft,
  wordCount,
} from './RecapDraft';
import { RecapEdits } from './RecapEdits';
import { RecapMoments } from './RecapMoments';
import { RecapPictures } from './RecapPictures';
import { RecapPreview } from './RecapPreview';
import { RecapSource } from './RecapSource';
import { RecapTalkList } from './RecapTalkList';
import { RecapThemes } from './RecapThemes';

interface Props {
  wide?: boolean;
  recapId?: string;
  notify: (t: ToastState) => void;
  /** Opens the wide composer on the saved recap (side panel only). */
  onOpenWide?: (recapId: string) => void;
}

export function RecapComposer({ wide, recapId, notify, onOpenWide }: Props) {
  const state = useRecapDraft(EMPTY_DRAFT);
  const { draft, update, input, templates, preview } = state;
  const saved = useLive(listRecaps, []);
  const [tab, setTab] = useState<'preview' | 'markdown'>('preview');
  // Images from other sites: allowed per post, never saved; another post (or a reload) starts blocked.
  const postKey = draft.id ?? 'new';
  const [imagesFor, setImagesFor] = useState<string | null>(null);
  const allowImages = imagesFor === postKey;
  const onAllowImages = (allow: boolean) => setImagesFor(allow ? postKey : null);

  useEffect(() => {
    if (recapId) void getRecap(recapId).then((r) => r && state.replace(r));
    // A new recap starts on the day of the last talk noted: usually, today's.
    else void suggestedDay().then((s) => s && state.suggest(s));
  }, [recapId]);

  const talks = input.status === 'ready' ? input.value.talks.map((t) => t.talk) : [];
  const counts = new Map(
    input.status === 'ready' ? input.value.talks.map((t) => [t.talk.id, t.notes.length]) : [],
  );
  const moments = input.status === 'ready' && draft.day ? dayMoments(input.value) : [];
  const event = input.status === 'ready' ? input.value.event : undefined;
  const withThumbnails =
    input.status === 'ready'
      ? [...input.value.talks.flatMap((t) => t.notes), ...input.value.moments].filter(
          (n) => n.thumbnailId && n.kind !== 'todo' && !n.deletedAt,
        )
      : [];
  /** A talk left out goes back where its start time puts it among the recap's talks. */
  const putBack = (talkId: string) => {
    if (input.status !== 'ready' || draft.talkIds.includes(talkId)) return;
    const back = input.value.dayLeftOut.talks.find((t) => t.talk.id === talkId)?.talk;
    const starts = back?.startsAt ?? '';
    const at = talks.findIndex((t) => starts !== '' && (t.startsAt ?? '') > starts);
    const ids = [...draft.talkIds];
    ids.splice(at < 0 ? ids.length : at, 0, talkId);
    update({ talkIds: ids });
  };
  const save = async () => {
    try {
      const r = await state.save();
      notify({ message: 'Recap saved.' });
      return r;
    } catch (e) {
      notify({ message: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
      return null;
    }
  };
  const field = 'flex flex-col gap-1 text-xs font-medium text-muted';

  const editor = (
    <div class="flex flex-col gap-4">
      <div class="flex flex-wrap items-end gap-2">
        <label class={`${field} flex-1`}>
          Saved recaps
          <select
            class="field"
            aria-label="Saved recaps"
            value={draft.id ?? ''}
            onChange={async (e) => {
              const id = e.currentTarget.value;
              const r = id ? await getRecap(id) : undefined;
              state.replace(r ?? EMPTY_DRAFT);
            }}
          >
            <option value="">New recap</option>
            {saved.status === 'ready' &&
              saved.value.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title || (isDay(r.day) ? `Recap of ${longDate(r.day)}` : 'Untitled recap')}
                </option>
              ))}
          </select>
        </label>
        <button type="button" class="btn" onClick={() => void save()}>
          Save
        </button>
        {draft.id && (
          <span class="basis-full text-xs text-muted">Changes to a saved recap are kept as you type.</span>
        )}
        {onOpenWide && (
          <button
            type="button"
            class="btn"
            onClick={async () => {
              const r = await save();
              if (r?.id) onOpenWide(r.id);
            }}
          >
            Open wide view
          </button>
        )}
      </div>
      <RecapSource draft={draft} update={update} />
      <RecapTalkList draft={draft} talks={talks} noteCounts={counts} update={update} />
      {input.status === 'ready' && (
        <RecapMoments
          moments={moments}
          out={Array.isArray(draft.momentsOut) ? draft.momentsOut : []}
          zone={input.value.zone}
          onChange={(momentsOut) => update({ momentsOut })}
        />
      )}
      {draft.day && event && <RecapDayNote event={event} onDone={(message) => notify({ message })} />}
      <RecapPictures
        notes={withThumbnails}
        pictures={draft.pictures ?? []}
        onChange={(pictures) => update({ pictures })}
      />
      {state.coverage && <RecapCoverage coverage={state.coverage} onPutBack={putBack} />}
      <label class={field}>
        Template
        <select
          class="field"
          aria-label="Template"
          value={draft.templateId}
          onChange={(e) => update({ templateId: e.currentTarget.value })}
        >
          {templates.status === 'ready' &&
            templates.value.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.builtin ? '' : ' (mine)'}
              </option>
            ))}
        </select>
      </label>
      {draft.templateId === 'builtin:takeaways-by-theme' && (
        <RecapThemes themes={draft.themes ?? []} onChange={(themes) => update({ themes })} />
      )}
      <label class={field}>
        Title
        <input
          class="field"
          aria-label="Title"
          value={draft.title}
          placeholder={state.placeholderTitle}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
      </label>
      <label class={field}>
        Intro
        <textarea
          class="field min-h-16"
          aria-label="Intro"
          value={draft.intro ?? ''}
          onInput={(e) => update({ intro: e.currentTarget.value })}
        />
      </label>
      <label class={field}>
        Outro
        <textarea
          class="field min-h-16"
          aria-label="Outro"
          value={draft.outro ?? ''}
          onInput={(e) => update({ outro: e.currentTarget.value })}
        />
      </label>
      <label class={field}>
        Links mentioned
        <select
          class="field"
          aria-label="Links mentioned"
          value={state.linksMentioned}
          onChange={(e) => state.setLinksMentioned(e.currentTarget.value as LinksPlace)}
        >
          <option value="none">Not listed</option>
          <option value="talk">After each talk</option>
          <option value="post">At the end of the post</option>
        </select>
      </label>
      <label class="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={state.includePrivate}
          onChange={(e) => state.setIncludePrivate(e.currentTarget.checked)}
        />
        Include private notes
        <span class="text-xs text-muted">(this post only; off again when the composer closes)</span>
      </label>
      <label class={field}>
        Front matter
        <select
          class="field"
          aria-label="Front matter"
          value={draft.frontMatter ?? 'none'}
          onChange={(e) => update({ frontMatter: e.currentTarget.value as Draft['frontMatter'] })}
        >
          <option value="none">None</option>
          <option value="jekyll">Jekyll</option>
          <option value="hugo">Hugo</option>
        </select>
      </label>
    </div>
  );

  // A template error keeps the last good post on screen: never a blank one.
  const lastGood = useRef('');
  if (preview?.ok) lastGood.current = preview.markdown;
  const markdown = preview?.ok ? preview.markdown : lastGood.current;
  const error = preview && !preview.ok ? preview.error : null;
  const safety = preview?.ok ? preview.safety : null;
  const words = wordCount(markdown);
  const raw = (
    <label class={`${field} flex-1`}>
      Markdown{draft.edited ? ' (edited)' : ''}
      <textarea
        class="field min-h-80 flex-1 font-mono text-xs"
        readOnly={!draft.edited}
        aria-label="Markdown"
        value={draft.edited ? draft.edited.markdown : markdown}
        onInput={(e) => state.editText(e.currentTarget.value)}
        data-testid="recap-markdown"
      />
    </label>
  );
  const output = (
    <section class="flex flex-col gap-3" aria-label="Result">
      {state.autosaveError && (
        <p role="alert" class="text-sm text-danger" data-testid="autosave-error">
          {state.autosaveError}
        </p>
      )}
      {error && (
        <p role="alert" class="text-sm text-danger">
          Template error{error.line ? ` on line ${error.line}` : ''}: {error.message}
        </p>
      )}
      {safety && safety.htmlKept > 0 && (
        <p class="rounded border border-line p-2 text-sm" data-testid="raw-html-flag">
          <strong>Raw HTML in this post:</strong> this template (written on this device) writes{' '}
          {safety.htmlKept === 1 ? 'an HTML element' : `${safety.htmlKept} HTML elements`}, kept as written.
          Check them before publishing.
        </p>
      )}
      {safety && safety.htmlEscaped > 0 && (
        <p class="text-xs text-muted" data-testid="html-escaped-note">
          HTML from this template shows as text: only templates written on this device may write HTML.
        </p>
      )}
      {safety && safety.linksDefused > 0 && (
        <p class="text-xs text-muted" data-testid="links-defused-note">
          {safety.linksDefused === 1 ? 'A link' : `${safety.linksDefused} links`} with an unsafe address
          (javascript:, data: …) {safety.linksDefused === 1 ? 'was' : 'were'} made inert.
        </p>
      )}
      <RecapActions state={state} notify={notify} allowImages={allowImages} />
      <p class="text-xs text-muted" data-testid="recap-length">
        {words} {words === 1 ? 'word' : 'words'} · {readingMinutes(words)} min read
      </p>
      <RecapEdits state={state} onEdit={() => setTab('markdown')} />
      {wide ? (
        <div class="grid grid-cols-2 gap-3">
          {raw}
          <RecapPreview
            markdown={markdown}
            allowImages={allowImages}
            onAllowImages={onAllowImages}
            keepHtml={state.ownTemplate}
          />
        </div>
      ) : (
        <>
          <fieldset class="flex gap-2">
            <legend class="sr-only">Show</legend>
            <button
              type="button"
              class="btn"
              aria-pressed={tab === 'preview'}
              onClick={() => setTab('preview')}
            >
              Preview
            </button>
            <button
              type="button"
              class="btn"
              aria-pressed={tab === 'markdown'}
              onClick={() => setTab('markdown')}
            >
              Markdown
            </button>
          </fieldset>
          {tab === 'preview' ? (
            <RecapPreview
              markdown={markdown}
              allowImages={allowImages}
              onAllowImages={onAllowImages}
              keepHtml={state.ownTemplate}
            />
          ) : (
            raw
          )}
        </>
      )}
    </section>
  );

  return wide ? (
    <div class="grid grid-cols-[minmax(22rem,1fr)_2fr] gap-6">
      {editor}
      {output}
    </div>
  ) : (
    <div class="flex flex-col gap-4">
      {editor}
      {output}
    </div>
  );
}
