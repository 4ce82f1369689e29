/**
 * Markdown → sanitised HTML, for the composer's preview and for "copy as rich HTML". marked
 * renders (raw HTML as text, unless the post's template is the user's own), DOMPurify keeps only
 * the elements and attributes Markdown makes (no scripts, handlers,
 * styles, forms, frames, media or `srcset`), links go to http, https or mailto only. Images are the
 * one thing that could make the page load from another site: only the recap's own thumbnails
 * (`data:` rasters, `blob:`) are shown as they are; any other image is replaced by a link to it
 * unless the caller lets it through (`remoteImages`).
 */
import createDOMPurify, { type WindowLike } from 'dompurify';
import { Marked } from 'marked';

const escapeText = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * marked reads a few edge cases (backslashes next to code spans, say) otherwise than micromark, which
 * the export's safety pass uses; so what marked takes for raw HTML is shown as text here whatever
 * the Markdown says — the HTML holds only elements made by Markdown syntax.
 */
const markedText = new Marked({
  gfm: true,
  async: false,
  renderer: { html: ({ text, block }) => (block ? `<p>${escapeText(text)}</p>` : escapeText(text)) },
});
/** For a template the user wrote on this device: its raw HTML goes through (DOMPurify still applies). */
const markedHtml = new Marked({ gfm: true, async: false });

/** Drops a leading YAML front matter block: a preview shows the post, not its metadata. */
export function stripFrontMatter(markdown: string): string {
  const m = /^---\n[\s\S]*?\n---\n/.exec(markdown);
  return m ? markdown.slice(m[0].length) : markdown;
}

/** What Markdown renders to; everything else is dropped (DOMPurify keeps the content of most). */
const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'a',
  'img',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'del',
  's',
  'ins',
  'sup',
  'sub',
  'small',
  'mark',
  'kbd',
  'q',
  'cite',
  'abbr',
  'span',
  'div',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];
/** No `id`/`class` (they could clobber the extension page's names), no `style`, no `srcset`. */
const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'align',
  'start',
  'colspan',
  'rowspan',
  'width',
  'height',
];
/** http, https, mailto, or a relative address (no scheme at all). */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** The recap's own images: inline raster thumbnails and object URLs made by this page. */
const LOCAL_IMAGE = /^(?:data:image\/(?:png|jpeg|gif|webp);base64,|blob:)/i;

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

/**
 * What to do with an image from another site (any image that is not the recap's own):
 * `block` (the default) shows a link to it instead, so nothing is fetched; `keep` leaves it (the
 * clipboard, when the user allowed images for the post); a function gives the local address to
 * show instead (a `blob:` URL of a copy fetched with the user's consent), or null to block it.
 */
export type RemoteImages = 'block' | 'keep' | ((src: string) => string | null);

export interface SafeHtml {
  html: string;
  /** The http(s) addresses of the images from other sites, in order, each once. */
  remote: string[];
}

/** The host an address names, for the link shown instead of an image. */
function hostOf(src: string): string {
  try {
    return new URL(src).host;
  } catch {
    return '';
  }
}

/**
 * Applies the image policy in an inert document (one made by DOMParser never fetches anything),
 * replacing each blocked image by a link to it that says it was not loaded.
 */
function imagesByPolicy(html: string, win: WindowLike, policy: RemoteImages): SafeHtml {
  const remote: string[] = [];
  if (!/<img\b/i.test(html)) return { html, remote };
  const Parser = (win as unknown as { DOMParser: typeof DOMParser }).DOMParser;
  const doc = new Parser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  for (const img of [...doc.body.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? '';
    if (LOCAL_IMAGE.test(src)) continue;
    const web = /^https?:/i.test(src);
    if (web && !remote.includes(src)) remote.push(src);
    const local = web && typeof policy === 'function' ? policy(src) : null;
    if (web && policy === 'keep') continue;
    if (local && LOCAL_IMAGE.test(local)) {
      img.setAttribute('src', local);
      continue;
    }
    const alt = img.getAttribute('alt') ?? '';
    const host = web ? hostOf(src) : '';
    const label = `Image${host ? ` from ${host}` : ''}${alt ? `: ${alt}` : ''} (not loaded)`;
    const stand = doc.createElement(web ? 'a' : 'span');
    if (web) {
      stand.setAttribute('href', src);
      stand.setAttribute('target', '_blank');
      stand.setAttribute('rel', 'noopener noreferrer');
    }
    stand.setAttribute('data-remote-image', '');
    stand.textContent = label;
    img.replaceWith(stand);
  }
  return { html: doc.body.innerHTML, remote };
}

export interface SafeHtmlOptions {
  /** Images from other sites (default `block`). */
  images?: RemoteImages;
  /** Let raw HTML through (sanitised): only for a template the user wrote on this device. */
  keepHtml?: boolean;
}

/**
 * Renders Markdown to sanitised HTML, images from other sites handled by `options.images`, and
 * lists those images (so a page can offer to show them).
 */
export function renderSafeHtml(
  markdown: string,
  win: WindowLike = globalThis as unknown as WindowLike,
  options: SafeHtmlOptions = {},
): SafeHtml {
  const marked = options.keepHtml ? markedHtml : markedText;
  const raw = marked.parse(stripFrontMatter(markdown)) as string;
  const clean = purify(win).sanitize(raw, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
  return imagesByPolicy(String(clean), win, options.images ?? 'block');
}

/** Renders Markdown to HTML and sanitises it; images from other sites are blocked unless `options.images` says otherwise. */
export function markdownToSafeHtml(
  markdown: string,
  win: WindowLike = globalThis as unknown as WindowLike,
  options: SafeHtmlOptions = {},
): string {
  return renderSafeHtml(markdown, win, options).html;
}

/** A standalone HTML document for the clipboard: rich-text editors keep headings, lists and links. */
export function htmlDocument(title: string, bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeText(title)}</title></head><body>${bodyHtml}</body></html>`;
}
