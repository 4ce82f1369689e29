/**
 * Functions that run inside an extension page, shared by the Chromium (Playwright) and Firefox
 * (puppeteer) harnesses: each passes them to its own `page.evaluate`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** axe-core's source, evaluated in the page before {@link runAxe}. */
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** In the page: axe-core's WCAG 2.x A/AA violations (axe must be loaded). */
export async function runAxe(): Promise<AxeViolation[]> {
  const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
  const result = await axe.run({
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target })),
  }));
}

/**
 * In the page: every record of every table of the extension's database, read raw from IndexedDB
 * (blobs as bytes); no tables while the extension has not created its database (opening it here
 * would create it).
 */
export async function readDatabase(): Promise<Record<string, unknown[]>> {
  if (!(await indexedDB.databases()).some((d) => d.name === 'talkmarks')) return {};
  const db = await new Promise<IDBDatabase>((ok, ko) => {
    const req = indexedDB.open('talkmarks');
    req.onsuccess = () => ok(req.result);
    req.onerror = () => ko(req.error);
  });
  const out: Record<string, unknown[]> = {};
  for (const name of ['events', 'talks', 'decks', 'blobs', 'notes', 'recaps', 'templates']) {
    const rows = await new Promise<Record<string, unknown>[]>((ok, ko) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => ko(req.error);
    });
    out[name] = await Promise.all(
      rows.map(async (r) =>
        r.data instanceof Blob
          ? { ...r, data: [...new Uint8Array(await r.data.arrayBuffer())].join(',') }
          : r,
      ),
    );
  }
  db.close();
  return out;
}
