// Tests and their helpers stay out of what a package publishes: a helper is named
// `*.test-support.ts` (never `test-helpers.ts` or the like), each published workspace's build
// (tsconfig.json) leaves `*.test.ts` and `*.test-support.ts` out, its `files` drops any built one
// an old build left in dist, and `npm pack` lists none. The pack check reads dist, which
// `npm test` builds first (`npm run typecheck` ends with `tsc -b`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');

interface PackageJson {
  name: string;
  private?: boolean;
  files?: string[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(repo, path), 'utf8')) as T;

const workspaces = readJson<{ workspaces: string[] }>('package.json').workspaces;
const published = workspaces.filter((w) => !readJson<PackageJson>(`${w}/package.json`).private);

function filesUnder(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A test-only file: a test, or a helper named as one. */
const TEST_FILE = /\.test(-support)?\.[cm]?[jt]s$/;
/** Names a helper might take that hide it from the build's and the package's exclusions. */
const HELPER_NAME =
  /(^|[-_.])test[-_]?(helpers?|utils?|support)\.[cm]?[jt]s$|(^|[-_.])helpers\.ts$/i;

describe('test files are named as such and left out of what packages publish', () => {
  it('has published workspaces to check', () => {
    expect(published).toEqual(expect.arrayContaining(['packages/iys-sim', 'server', 'widget']));
  });

  it('names every test helper in a workspace source folder *.test-support.ts', () => {
    const misnamed = workspaces
      .filter((w) => existsSync(join(repo, w, 'src')))
      .flatMap((w) => filesUnder(`${w}/src`))
      .filter((file) => HELPER_NAME.test(file.split('/').pop()!) && !TEST_FILE.test(file));
    expect(misnamed).toEqual([]);
  });

  it.each(published)('%s: tsconfig.json builds no test or test-support file', (w) => {
    const { exclude = [] } = readJson<{ exclude?: string[] }>(`${w}/tsconfig.json`);
    expect(exclude).toEqual(
      expect.arrayContaining(['src/**/*.test.ts', 'src/**/*.test-support.ts']),
    );
  });

  it.each(published)('%s: package.json files drop built tests and test support', (w) => {
    const { files = [] } = readJson<PackageJson>(`${w}/package.json`);
    // A folder shipped whole (dist, dist/types) needs both exclusions; named files need none.
    for (const folder of files.filter((f) => !f.startsWith('!') && !/\.[a-z]+$/.test(f))) {
      if (!folder.startsWith('dist')) continue;
      expect(files, folder).toEqual(
        expect.arrayContaining([`!${folder}/**/*.test.*`, `!${folder}/**/*.test-support.*`]),
      );
    }
  });

  it.each(published)(
    '%s: npm pack lists no test file',
    (w) => {
      const [pack] = JSON.parse(
        execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', w], {
          cwd: repo,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      ) as { files: { path: string }[] }[];
      const paths = pack!.files.map((f) => f.path);
      expect(paths.length).toBeGreaterThan(0);
      // foo.test.js, foo.test.d.ts, foo.test-support.js.map, …
      expect(paths.filter((p) => /\.test(-support)?\./.test(p))).toEqual([]);
      expect(paths.filter((p) => /test[-_]?helper/i.test(p))).toEqual([]);
    },
    60_000,
  );
});
