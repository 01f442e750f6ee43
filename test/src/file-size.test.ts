// A source file over 300 lines says at its top why: one of its first five lines holds
// `Long because:` and the reason ("the whole İYS error table, one entry per code"). A file that
// grew long without a reason is one to split; one with a reason is long on purpose. Read from the
// tracked .ts and .js files of the packages' sources, the server, the widget, the admin console,
// the demo and these tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_LINES = 300;
const MARKER = 'Long because:';
const HEAD_LINES = 5;

/** The folders held to the rule. */
const SCOPE = /^(packages\/[^/]+\/src|server\/src|widget\/src|admin\/src|demo|test)\//;
const SOURCE = /\.[cm]?[jt]s$/;

/**
 * Long files without a reason yet, each being split by other work in progress. Remove an entry
 * when its file is split (the last test fails on an entry whose file is no longer long).
 */
const NOT_YET: readonly string[] = [];

function trackedSources(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((file) => SCOPE.test(file) && SOURCE.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => !file.includes('/node_modules/') && !file.includes('/dist/'))
    .filter((file) => existsSync(join(ROOT, file)));
}

function linesOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const long = trackedSources()
  .map((file) => ({ file, lines: linesOf(file) }))
  .filter(({ lines }) => lines.length > MAX_LINES);

describe(`source files over ${MAX_LINES} lines`, () => {
  it('finds the sources to read', () => {
    expect(trackedSources()).toEqual(
      expect.arrayContaining(['demo/start.js', 'server/src/main.ts', 'test/src/file-size.test.ts']),
    );
  });

  it(`say why in their first ${HEAD_LINES} lines (${MARKER} …)`, () => {
    const unexplained = long
      .filter(({ file }) => !NOT_YET.includes(file))
      .filter(({ lines }) => !lines.slice(0, HEAD_LINES).some((line) => line.includes(MARKER)))
      .map(({ file, lines }) => `${file} (${lines.length} lines)`);
    expect(unexplained, `split them, or add a "// ${MARKER} …" line at the top`).toEqual([]);
  });

  it('give a reason, not just the marker', () => {
    const empty = long
      .map(({ file, lines }) => ({
        file,
        reason: lines
          .slice(0, HEAD_LINES)
          .find((line) => line.includes(MARKER))
          ?.split(MARKER)[1]
          ?.trim(),
      }))
      .filter(({ reason }) => reason !== undefined && reason.length < 10)
      .map(({ file }) => file);
    expect(empty).toEqual([]);
  });

  it('leave the not-yet list once they are short', () => {
    const longFiles = new Set(long.map(({ file }) => file));
    expect(NOT_YET.filter((file) => !longFiles.has(file))).toEqual([]);
  });
});
