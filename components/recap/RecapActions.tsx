/**
 * Copy as Markdown, copy as rich HTML, download `.md` (or `.zip` with the slide images). The
 * Markdown is the composer's, already made safe to publish (recap/safe-markdown.ts); rich HTML is
 * sanitised again on the way out (recap/html.ts).
 */

import { makeZip, slugify, thumbnailPath } from '../../recap/files';
import { htmlDocument, markdownToSafeHtml } from '../../recap/html';
import type { ToastState } from '../shared/Toast';
import type { RecapDraftState } from './RecapDraft';

/** Saves bytes or text as a file through a temporary link (works in every extension page). */
export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props {
  state: RecapDraftState;
  notify: (t: ToastState) => void;
  /** The post's choice (the preview's toggle): rich text keeps images from other sites. */
  allowImages?: boolean;
}

export function RecapActions({ state, notify, allowImages = false }: Props) {
  const { preview, draft } = state;
  const markdown = preview?.ok ? preview.markdown : '';
  const title = draft.title.trim() || state.placeholderTitle || 'recap';
  const withImages =
    draft.templateId === 'builtin:slides-digest' ||
    Object.values(draft.talkOptions ?? {}).some((o) => o.thumbnails) ||
    (draft.pictures?.length ?? 0) > 0;

  const copy = async () => {
    await navigator.clipboard.writeText(markdown);
    notify({ message: 'Markdown copied.' });
  };
  const copyRich = async () => {
    // Images from other sites go in only when the user allowed them for this post (else links).
    const html = htmlDocument(
      title,
      markdownToSafeHtml(markdown, window, {
        images: allowImages ? 'keep' : 'block',
        keepHtml: state.ownTemplate,
      }),
    );
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([markdown], { type: 'text/plain' }),
      }),
    ]);
    notify({ message: 'Copied as rich text: paste it into WordPress, Medium or Google Docs.' });
  };
  const download = () => {
    const name = slugify(title);
    if (!withImages) {
      downloadFile(`${name}.md`, markdown, 'text/markdown;charset=utf-8');
      return;
    }
    const { result, thumbs } = state.forZip();
    if (!result?.ok) return;
    const images = [...thumbs].map(([id, t]) => ({ path: thumbnailPath(id, t.mime), data: t.bytes }));
    const zip = makeZip([{ path: `${name}.md`, data: result.markdown }, ...images]);
    downloadFile(`${name}.zip`, zip as Uint8Array<ArrayBuffer>, 'application/zip');
  };
  const fail = (what: string) => (e: unknown) =>
    notify({ message: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });

  return (
    <div class="flex flex-wrap gap-2">
      <button
        type="button"
        class="btn btn-primary"
        disabled={!markdown}
        onClick={() => copy().catch(fail('Copy'))}
      >
        Copy Markdown
      </button>
      <button type="button" class="btn" disabled={!markdown} onClick={() => copyRich().catch(fail('Copy'))}>
        Copy rich text
      </button>
      <button type="button" class="btn" disabled={!markdown} onClick={download}>
        Download {withImages ? '.zip' : '.md'}
      </button>
    </div>
  );
}
