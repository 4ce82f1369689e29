/**
 * XML answers (WebDAV multistatus, S3 listings and errors) read with a real, namespace-aware parser:
 * `saxes` (the conformant parser jsdom uses), because the extension's background is a service worker,
 * which has no `DOMParser` (and Node, where the tests run, has none either). It is small (≈29 KB
 * minified, a third of `@xmldom/xmldom`) and expands no DTD entities. Its events build a minimal tree;
 * elements are matched by namespace URI and local name, never by prefix: servers write `D:`, `d:`,
 * `lp1:` or a default namespace for the same element.
 */
import { SaxesParser } from 'saxes';
import { UnexpectedResponseError } from './errors';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  children: XmlElement[];
  /** The element's own text (character data and CDATA directly inside it, in order). */
  text: string;
}

/** The document element of `text`, or `UnexpectedResponseError` if it is not well-formed XML. */
export function parseXml(text: string, what: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const el: XmlElement = { ns: tag.uri ?? '', local: tag.local ?? tag.name, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    const current = stack.at(-1);
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch (cause) {
    throw new UnexpectedResponseError(`${what}: the server's XML cannot be read`, { cause });
  }
  if (!root) throw new UnexpectedResponseError(`${what}: the server's XML cannot be read (empty)`);
  return root;
}

/** Whether `el` is `{ns}local` (`ns` null: any namespace). */
export function isElement(el: XmlElement, ns: string | null, local: string): boolean {
  return el.local === local && (ns === null || el.ns === ns);
}

/** The child elements of `el` named `{ns}local`, in document order (`ns` null: any namespace). */
export function childElements(el: XmlElement, ns: string | null, local: string): XmlElement[] {
  return el.children.filter((c) => isElement(c, ns, local));
}

export function firstChild(el: XmlElement, ns: string | null, local: string): XmlElement | undefined {
  return el.children.find((c) => isElement(c, ns, local));
}

/** Text of the first child `{ns}local`, trimmed; undefined if there is no such child. */
export function childText(el: XmlElement, ns: string | null, local: string): string | undefined {
  const child = firstChild(el, ns, local);
  return child ? child.text.trim() : undefined;
}
