// Arrows only point down: no source module may import, directly or through others, a module that
// imports it back. The graph is every relative import and re-export in the packages' sources
// (tests and their support files left out), read with the TypeScript parser and resolved to files;
// its strongly connected components (Tarjan) of more than one module, or a module importing
// itself, are the cycles; server/src's folders are held to the same, one node per folder. Type-only
// imports count too: a circle of types is still two modules that each need the other, and the one
// that is not type-only today may be tomorrow. Dynamic import() is left out: it loads lazily, so
// it cannot leave a module half-initialised the way a static cycle can. The store's SQLite and
// PostgreSQL files each implement one port, so each imports at most that port.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const roots = [
  ...readdirSync(join(repo, 'packages')).map((name) => join('packages', name, 'src')),
  'server/src',
  'widget/src',
  'admin/src',
].filter((root) => existsSync(join(repo, root)));

function isSource(file: string): boolean {
  return (
    file.endsWith('.ts') &&
    !file.endsWith('.d.ts') &&
    !file.endsWith('.test.ts') &&
    !file.endsWith('.test-support.ts')
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return isSource(path) ? [path] : [];
  });
}

/** The relative specifiers a file imports or re-exports, static ones only (import() is lazy). */
function relativeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

/** './x.js' from the file's folder to the TypeScript file it names. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    base,
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && candidate.endsWith('ts'));
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const root of roots) {
    for (const file of sourceFiles(join(repo, root))) {
      const targets = relativeImports(file)
        .map((specifier) => resolveImport(file, specifier))
        .filter((target): target is string => target !== undefined && isSource(target));
      graph.set(relative(repo, file), [...new Set(targets.map((t) => relative(repo, t)))]);
    }
  }
  return graph;
}

/** Tarjan's strongly connected components; those that are cycles, each sorted, in file order. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];

  function visit(node: string): void {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
        found.push(component.sort());
      }
    }
  }

  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) visit(node);
  }
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('the import graph of the sources', () => {
  const graph = importGraph();

  it('reads every package', () => {
    for (const root of ['packages/core/src', 'server/src', 'widget/src', 'admin/src']) {
      expect([...graph.keys()].some((file) => file.startsWith(`${root}/`))).toBe(true);
    }
    // The resolver finds what the files import: a graph of no edges would have no cycles.
    expect([...graph.values()].some((targets) => targets.length > 0)).toBe(true);
  });

  it('has no import cycles', () => {
    const listed = cycles(graph).map((component) => component.join(' ↔ '));
    expect(listed).toEqual([]);
  });

  it("has server/src's folders import each other one way only", () => {
    // A folder (capture/, store/, http/…) is one node, a file at server/src's root is its own: a
    // folder that imports another which imports it back has an arrow pointing up, even when no
    // two files form a cycle (config/ checking webhook targets with webhooks/' code did).
    const folderOf = (file: string) => {
      const [folder, ...rest] = relative('server/src', file).split('/');
      return rest.length > 0 ? `server/src/${folder}/` : file;
    };
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      if (!file.startsWith('server/src/')) continue;
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((target) => target !== from);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(cycles(folders).map((component) => component.join(' ↔ '))).toEqual([]);
  });

  it('has each store implementation file import at most the one port it implements', () => {
    // server/src/store/sqlite/ and postgres/ hold one file per port: a file that needs a second
    // port's interface is two ports' work in one place (the shared row types live in types.ts).
    const implementations = [...graph].filter(([file]) =>
      /^server\/src\/store\/(sqlite|postgres)\//.test(file),
    );
    expect(implementations.length).toBeGreaterThan(20);
    const overreaching = implementations
      .map(([file, targets]) => [file, targets.filter((t) => t.includes('/store/ports/'))] as const)
      .filter(([, ports]) => ports.length > 1)
      .map(([file, ports]) => `${file} → ${ports.join(', ')}`);
    expect(overreaching).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const withCycle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(cycles(withCycle)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
