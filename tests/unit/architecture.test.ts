/**
 * The import rules of docs/architecture.md ("Layout"), checked over the import graph of the source so
 * they cannot drift: every `import`, `export … from`, `import()` and `import('…').T` specifier of every
 * source file is parsed with the TypeScript compiler and resolved to a folder of the repository.
 * Each broken rule is reported as `file:line imports 'specifier'` with the rule it breaks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
/** Folders whose files are checked (tests/ too: only for who may import it, and what it may not). */
const FOLDERS = [
  'capture',
  'components',
  'entrypoints',
  'messaging',
  'platform',
  'recap',
  'storage',
  'sync',
  'bench',
  'scripts',
  'tests',
];
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP = /^tests\/fixtures\//;

interface Edge {
  /** Repository-relative path of the importing file, with `/`. */
  from: string;
  line: number;
  spec: string;
  /** Repository-relative path of the imported module (as written, without extension), or the package name. */
  target: string;
  /** `import type`, `export type … from`, `import('…').T` in a type: erased from the build. */
  typeOnly: boolean;
  /** `import('…')`: loaded when the call runs. */
  dynamic: boolean;
  /** The source line, for rules that look at how an import is made. */
  text: string;
}

const posix = (p: string) => p.split(sep).join('/');

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(join(ROOT, dir));
  } catch {
    return; // a folder that does not exist yet (sync/)
  }
  for (const name of names) {
    const path = `${dir}/${name}`;
    if (SKIP.test(`${path}/`) || name === 'node_modules') continue;
    if (statSync(join(ROOT, path)).isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
}

/** Every import of one file. */
function importsOf(from: string, source: string): Edge[] {
  const file = ts.createSourceFile(from, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split('\n');
  const edges: Edge[] = [];
  const add = (node: ts.Node, spec: string, typeOnly: boolean, dynamic: boolean) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    const target = spec.startsWith('.') ? posix(normalize(join(dirname(from), spec))) : spec;
    edges.push({ from, line, spec, target, typeOnly, dynamic, text: lines[line - 1] ?? '' });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier.text, allTypes, false);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly, false);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) add(node, literal.text, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edges;
}

function graph(): { files: string[]; edges: Edge[] } {
  const files: string[] = [];
  for (const folder of FOLDERS) walk(folder, files);
  const edges = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
  return { files, edges };
}

const { files, edges } = graph();
const under = (path: string, ...folders: string[]) =>
  folders.some((f) => path === f || path.startsWith(`${f}/`));
const local = (e: Edge) => e.spec.startsWith('.');
const show = (e: Edge) => `${e.from}:${e.line} imports '${e.spec}'`;

/** The broken imports among `edges` for a rule: `breaks` says whether one edge breaks it. */
function violations(breaks: (e: Edge) => boolean): string[] {
  return edges.filter(breaks).map(show);
}

describe('the import graph', () => {
  it('is read from the source folders (a sanity check on the walker)', () => {
    expect(files).toContain('storage/db.ts');
    expect(files).toContain('entrypoints/background.ts');
    expect(files.some((f) => f.startsWith('tests/fixtures/'))).toBe(false);
    // Known imports of today's code are found, with their kind.
    const db = edges.find((e) => e.from === 'components/library/Library.tsx' && e.target === 'storage/db');
    expect(db?.typeOnly).toBe(false);
    const hooks = edges.find(
      (e) => e.from === 'entrypoints/sidepanel/App.tsx' && e.target === 'tests/e2e/hooks/library',
    );
    expect(hooks?.dynamic).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('parses each kind of import the rules look at', () => {
    const found = importsOf(
      'components/x/A.tsx',
      [
        "import { a } from '../../storage/a';",
        "import type { B } from '../b';",
        "import { type C, type D } from './c';",
        "export { e } from '../../recap/e';",
        "export type { F } from 'f-package';",
        "const g = () => import('../../entrypoints/g');",
        "let h: import('../../tests/h').H;",
      ].join('\n'),
    );
    expect(found.map((e) => [e.target, e.typeOnly, e.dynamic, e.line])).toEqual([
      ['storage/a', false, false, 1],
      ['components/b', true, false, 2],
      ['components/x/c', true, false, 3],
      ['recap/e', false, false, 4],
      ['f-package', true, false, 5],
      ['entrypoints/g', false, true, 6],
      ['tests/h', true, false, 7],
    ]);
  });
});

describe('import rules (docs/architecture.md, "Layout")', () => {
  it('storage/ imports only storage/ and the pure capture/ modules (types, talk fields, time, site)', () => {
    const allowedCapture = ['capture/types', 'capture/talk-fields', 'capture/time', 'capture/site'];
    expect(
      violations(
        (e) =>
          under(e.from, 'storage') &&
          local(e) &&
          !under(e.target, 'storage') &&
          !allowedCapture.includes(e.target),
      ),
    ).toEqual([]);
  });

  it('capture/ imports only capture/ (and packages): no browser APIs, no storage, no messaging', () => {
    expect(
      violations(
        (e) =>
          under(e.from, 'capture') &&
          ((local(e) && !under(e.target, 'capture')) || e.target === 'wxt/browser' || e.target === 'dexie'),
      ),
    ).toEqual([]);
  });

  it('recap/ imports only recap/, storage/ and capture/ — never the UI, the entry points, platform/ or messaging/', () => {
    expect(
      violations(
        (e) => under(e.from, 'recap') && local(e) && !under(e.target, 'recap', 'storage', 'capture'),
      ),
    ).toEqual([]);
  });

  it('sync/ is plain TypeScript: only sync/, storage/types, capture/types and packages — no browser API wrappers, no Dexie, no Node built-ins (sync/transports/ aside)', () => {
    expect(files).toContain('sync/merge/index.ts');
    const allowed = ['storage/types', 'capture/types'];
    const platformOnly = (target: string) =>
      target === 'wxt' ||
      target.startsWith('wxt/') ||
      target.startsWith('@wxt-dev/') ||
      target === 'webextension-polyfill' ||
      target === 'dexie' ||
      target.startsWith('dexie/') ||
      target.startsWith('node:');
    expect(
      violations(
        (e) =>
          under(e.from, 'sync') &&
          !under(e.from, 'sync/transports') &&
          ((local(e) && !under(e.target, 'sync') && !allowed.includes(e.target)) || platformOnly(e.target)),
      ),
    ).toEqual([]);
  });

  it('messaging/ imports only messaging/, capture/ and storage/ types', () => {
    expect(
      violations(
        (e) =>
          under(e.from, 'messaging') &&
          local(e) &&
          !under(e.target, 'messaging', 'capture') &&
          !(under(e.target, 'storage') && e.typeOnly),
      ),
    ).toEqual([]);
  });

  it('platform/ imports no UI and no entry points', () => {
    expect(
      violations((e) => under(e.from, 'platform') && under(e.target, 'components', 'entrypoints', 'recap')),
    ).toEqual([]);
  });

  it('nothing imports entrypoints/ but entrypoints/ itself (entry points are the top)', () => {
    expect(violations((e) => under(e.target, 'entrypoints') && !under(e.from, 'entrypoints'))).toEqual([]);
  });

  it('Dexie is imported only in storage/ and the two live-data hooks (which subscribe, never touch tables)', () => {
    const liveHooks = ['components/shared/useLive.ts', 'components/library/LibraryPages.ts'];
    expect(
      violations(
        (e) =>
          (e.target === 'dexie' || e.target.startsWith('dexie/')) &&
          !under(e.from, 'storage', 'tests') &&
          !liveHooks.includes(e.from),
      ),
    ).toEqual([]);
  });

  it('outside storage/ nothing reaches the database itself: no getDb()/setDb(), no .transaction(, only openEarly from storage/db', () => {
    const outside = files.filter((f) => !under(f, 'storage', 'tests', 'bench', 'scripts'));
    const uses = outside.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((text, i) =>
          /\b(getDb|setDb)\s*\(|\.transaction\s*\(/.test(text) ? [`${f}:${i + 1}: ${text.trim()}`] : [],
        ),
    );
    expect(uses).toEqual([]);
    const dbImports = edges.filter(
      (e) =>
        e.target === 'storage/db' &&
        !under(e.from, 'storage', 'tests') &&
        !/^import \{ openEarly \} from/.test(e.text),
    );
    expect(dbImports.map(show)).toEqual([]);
  });

  it('bench/ is imported only by bench/ and tests/', () => {
    expect(violations((e) => under(e.target, 'bench') && !under(e.from, 'bench', 'tests'))).toEqual([]);
  });

  it('components/ does not import entrypoints/', () => {
    expect(violations((e) => under(e.from, 'components') && under(e.target, 'entrypoints'))).toEqual([]);
  });

  it('tests/ is imported only by tests/ and bench/, and by entry points for the E2E hooks behind __TALKMARKS_E2E__', () => {
    const e2eHook = (e: Edge) =>
      under(e.from, 'entrypoints') &&
      under(e.target, 'tests/e2e/hooks') &&
      e.dynamic &&
      /^\s*if \(__TALKMARKS_E2E__\) void import\(/.test(e.text);
    expect(
      violations((e) => under(e.target, 'tests') && !under(e.from, 'tests', 'bench') && !e2eHook(e)),
    ).toEqual([]);
  });

  it('entrypoints/ stays thin: at most 800 lines of code in all', () => {
    const lines = files
      .filter((f) => under(f, 'entrypoints'))
      .reduce((sum, f) => sum + readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeLessThanOrEqual(800);
  });
});
