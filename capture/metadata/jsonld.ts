/**
 * JSON-LD blocks of a page, flattened into nodes: top-level arrays, `@graph`, nested objects and
 * `@id` references are all walked. Malformed blocks are skipped; huge ones are bounded.
 */

export type LdNode = { [key: string]: unknown };

/** Blocks larger than this are not parsed (a schedule of 1,000 talks is well under it). */
const MAX_BLOCK_CHARS = 4_000_000;
/** At most this many nodes are collected per page. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 12;

export function isNode(v: unknown): v is LdNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as an array (JSON-LD allows one value or many). */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Schema.org type names of a node, without the vocabulary prefix: ["EducationEvent"]. */
export function typesOf(node: LdNode): string[] {
  const known = typeCache.get(node);
  if (known) return known;
  const types = asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) =>
      t.includes(':')
        ? t.replace(/^(?:https?:\/\/)?(?:www\.)?schema\.org\//i, '').replace(/^schema:/i, '')
        : t,
    );
  typeCache.set(node, types);
  return types;
}

/** Types are asked for many times per node while a page is read: computed once. */
const typeCache = new WeakMap<LdNode, string[]>();

/** The raw text of every `application/ld+json` script (type compared case-insensitively, parameters ignored). */
export function jsonLdTexts(doc: Document): string[] {
  const out: string[] = [];
  for (const script of doc.getElementsByTagName('script')) {
    if (!script.hasAttribute('type')) continue; // `script[type]`, from the tag collection (capture/tags.ts)
    const type = (script.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/ld+json') out.push(script.textContent ?? '');
  }
  return out;
}

function parseBlock(text: string): unknown {
  if (!text || text.length > MAX_BLOCK_CHARS) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some CMSs wrap the JSON in HTML comments or CDATA, or leave a trailing comma.
    const stripped = text
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(stripped);
    } catch {
      return undefined;
    }
  }
}

/** Every node of every JSON-LD block, in document order, parents before children. */
export function readJsonLd(doc: Document): LdNode[] {
  const nodes: LdNode[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, depth: number) => {
    if (nodes.length >= MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    if (!isNode(value) || seen.has(value)) return;
    seen.add(value);
    if (value['@type'] !== undefined || value['@id'] !== undefined) nodes.push(value);
    for (const key in value) {
      if (key === '@context') continue;
      const child = value[key];
      if (typeof child === 'object' && child !== null) walk(child, depth + 1);
    }
  };
  for (const text of jsonLdTexts(doc)) walk(parseBlock(text), 0);
  return nodes;
}

/** Resolves `{ "@id": … }` references against the nodes that define those ids. */
export function idIndex(nodes: readonly LdNode[]): Map<string, LdNode> {
  const index = new Map<string, LdNode>();
  for (const n of nodes) {
    const id = n['@id'];
    // The fullest definition wins: a bare reference must not shadow the node it points to.
    if (typeof id === 'string' && (!index.has(id) || Object.keys(n).length > 1)) index.set(id, n);
  }
  return index;
}

/** A node with its reference resolved (when it is only `{ "@id": … }`). */
export function deref(value: unknown, index: Map<string, LdNode>): unknown {
  if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return index.get(value['@id']) ?? value;
  }
  return value;
}

/** A property as text: a string, a number, or a node's `name` / `@value`; first of many. */
export function textProp(node: LdNode, key: string): string | undefined {
  for (const v of asArray(node[key])) {
    if (typeof v === 'string' && v.trim()) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (isNode(v)) {
      const inner = v['@value'] ?? v.name;
      if (typeof inner === 'string' && inner.trim()) return inner;
    }
  }
  return undefined;
}

/** A property as a URL string: a string, or a node's `url` / `@id`. */
export function urlProp(node: LdNode, key: string): string | undefined {
  for (const v of asArray(node[key])) {
    if (typeof v === 'string' && v.trim()) return v;
    if (isNode(v)) {
      const inner = v.url ?? v['@id'] ?? v.contentUrl;
      if (typeof inner === 'string' && inner.trim()) return inner;
    }
  }
  return undefined;
}
