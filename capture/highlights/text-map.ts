/**
 * A page's visible text as quotes are written (capture/quote.ts squashes every run of white space to
 * one space), with the way back from an offset in that text to a DOM position, so a match becomes a
 * Range. Script, style and template text is not page text; `skip` leaves out Talkmarks' own layer.
 */

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

export interface TextMap {
  text: string;
  /** A DOM range for `text.slice(start, end)`, or null for an empty one. */
  range(start: number, end: number): Range | null;
}

export function textMap(root: Node, skip?: Node): TextMap {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let p = node.parentNode; p && p !== root; p = p.parentNode) {
        if (p === skip || NOT_TEXT.has((p as Element).nodeName)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const nodes: Text[] = [];
  const parts: string[] = [];
  const nodeOf: number[] = [];
  const offsetOf: number[] = [];
  let space = true; // leading white space is dropped, as a selection's would be
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    const i = nodes.push(t) - 1;
    const data = t.data;
    for (let k = 0; k < data.length; k++) {
      const ch = data[k] as string;
      if (/\s/u.test(ch)) {
        if (space) continue;
        space = true;
        parts.push(' ');
      } else {
        space = false;
        parts.push(ch);
      }
      nodeOf.push(i);
      offsetOf.push(k);
    }
  }
  const text = parts.join('');
  return {
    text,
    range(start, end) {
      if (end <= start || start < 0 || end > text.length) return null;
      const a = nodes[nodeOf[start] as number];
      const b = nodes[nodeOf[end - 1] as number];
      if (!a || !b) return null;
      const r = doc.createRange();
      r.setStart(a, offsetOf[start] as number);
      r.setEnd(b, (offsetOf[end - 1] as number) + 1);
      return r;
    },
  };
}
