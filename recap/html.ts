/**
 * Markdown → sanitised HTML, for the composer's preview and for "copy as rich HTML". marked
 * renders, DOMPurify removes anything active; the result is safe to put into an extension page.
 */
import createDOMPurify, { type WindowLike } from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, async: false });

/** Drops a leading YAML front matter block: a preview shows the post, not its metadata. */
export function stripFrontMatter(markdown: string): string {
  const m = /^---\n[\s\S]*?\n---\n/.exec(markdown);
  return m ? markdown.slice(m[0].length) : markdown;
}

let purifier: ReturnType<typeof createDOMPurify> | undefined;
let purifierWindow: WindowLike | undefined;

function purify(win: WindowLike) {
  if (!purifier || purifierWindow !== win) {
    purifier = createDOMPurify(win);
    purifierWindow = win;
    // Links open outside the extension page and never tell the site where they came from.
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return purifier;
}

/** Renders Markdown to HTML and sanitises it (scripts, handlers, styles, forms and frames removed). */
export function markdownToSafeHtml(
  markdown: string,
  win: WindowLike = globalThis as unknown as WindowLike,
): string {
  const raw = marked.parse(stripFrontMatter(markdown)) as string;
  return purify(win).sanitize(raw, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** A standalone HTML document for the clipboard: rich-text editors keep headings, lists and links. */
export function htmlDocument(title: string, bodyHtml: string): string {
  const escaped = title.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escaped}</title></head><body>${bodyHtml}</body></html>`;
}
