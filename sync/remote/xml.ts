/**
 * XML answers (WebDAV multistatus, S3 listings and errors) read with a real, namespace-aware parser:
 * `@xmldom/xmldom`, because the extension's background is a service worker, which has no `DOMParser`
 * (and Node, where the tests run, has none either). Elements are matched by namespace URI and local
 * name, never by prefix: servers write `D:`, `d:`, `lp1:` or a default namespace for the same element.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { UnexpectedResponseError } from './errors';

export type XmlElement = Element;

const ELEMENT_NODE = 1;

/** The document element of `text`, or `UnexpectedResponseError` if it is not well-formed XML. */
export function parseXml(text: string, what: string): Element {
  let problem: string | undefined;
  let doc: ReturnType<DOMParser['parseFromString']> | undefined;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problem ??= message;
      },
    }).parseFromString(text, 'application/xml');
  } catch (cause) {
    throw new UnexpectedResponseError(`${what}: the server's XML cannot be read`, { cause });
  }
  const root = doc?.documentElement;
  if (problem !== undefined || !root)
    throw new UnexpectedResponseError(`${what}: the server's XML cannot be read (${problem ?? 'empty'})`);
  return root;
}

/** Whether `el` is `{ns}local` (`ns` null: any namespace). */
export function isElement(el: Element, ns: string | null, local: string): boolean {
  return el.localName === local && (ns === null || el.namespaceURI === ns);
}

/** The child elements of `el` named `{ns}local`, in document order (`ns` null: any namespace). */
export function childElements(el: Element, ns: string | null, local: string): Element[] {
  const out: Element[] = [];
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE && isElement(node as Element, ns, local)) out.push(node as Element);
  }
  return out;
}

export function firstChild(el: Element, ns: string | null, local: string): Element | undefined {
  return childElements(el, ns, local)[0];
}

/** Text content of the first child `{ns}local`, trimmed; undefined if there is no such child. */
export function childText(el: Element, ns: string | null, local: string): string | undefined {
  const child = firstChild(el, ns, local);
  return child ? (child.textContent ?? '').trim() : undefined;
}
