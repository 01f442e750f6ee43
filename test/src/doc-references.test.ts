// Every reference a newcomer follows must lead somewhere inside the repository: a markdown link
// to a file (and heading) that exists, a `docs/….md` or `<folder>/README.md` named in a comment,
// and no citation of the design documents the project started from, which a checkout does not
// have. History (which tracker item asked for what) belongs in git, not in comments, docs or
// test titles.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = relative(ROOT, fileURLToPath(import.meta.url))
  .split('\\')
  .join('/');
const TEXT_FILE = /\.(?:[cm]?[jt]s|md|html|css|ya?ml)$/;

/** The tracked text files (generated and vendored files are not tracked, so they are not read). */
function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((file) => TEXT_FILE.test(file) && existsSync(join(ROOT, file)));
}

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Drops fenced code blocks, keeping line numbers. */
function withoutFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) =>
    block.replace(/[^\n]/g, ''),
  );
}

const anchorCache = new Map<string, Set<string>>();

/** The anchors a markdown file's headings make, duplicates numbered the way GitHub does. */
function anchorsOf(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set();
  const seen = new Map<string, number>();
  for (const match of withoutFences(readFileSync(file, 'utf8')).matchAll(
    /^#{1,6}\s+(.+?)\s*#*$/gm,
  )) {
    const slug = githubSlug(match[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Checks one target (`path`, `path#anchor` or `#anchor`); returns the problem, if any. */
function checkTarget(from: string, target: string, bases: string[]): string | undefined {
  const [path = '', anchor] = target.split('#', 2);
  let file = from;
  if (path !== '') {
    const found = bases
      .map((base) => normalize(join(base, decodeURIComponent(path))))
      .find((candidate) => existsSync(candidate));
    if (!found) return `no file ${path}`;
    file = found;
  }
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  if (statSync(file).isDirectory()) return undefined;
  return anchorsOf(file).has(anchor.toLowerCase())
    ? undefined
    : `no heading #${anchor} in ${relative(ROOT, file)}`;
}

/** Design-document citations and history that must not appear anywhere in the repository. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /\b(?:ARCHITECTURE|COMPLIANCE|IYS|STYLE)\.md\b/, why: 'a design document' },
  { pattern: /\b(?:ARCHITECTURE|COMPLIANCE|STYLE)\b/, why: 'a design document citation' },
  { pattern: /\bIYS\.md|\bIYS §/, why: 'a design document section' },
  { pattern: /\.\.\/shared\/|\bshared\/reference\//, why: 'a file outside the repository' },
  { pattern: /\bissues? \d+/i, why: 'history (an issue number)' },
];

interface Problem {
  where: string;
  what: string;
}

function findProblems(): Problem[] {
  const problems: Problem[] = [];
  for (const file of trackedFiles()) {
    const abs = join(ROOT, file);
    const text = readFileSync(abs, 'utf8');
    const report = (index: number, what: string): void => {
      problems.push({ where: `${file}:${lineOf(text, index)}`, what });
    };
    const here = dirname(abs);

    if (file.endsWith('.md')) {
      const prose = withoutFences(text).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
      for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const problem = checkTarget(abs, target, [here]);
        if (problem) report(match.index, `link ${target}: ${problem}`);
      }
    }

    // Paths named in prose or comments: docs/….md and <folder>/README.md, from the file's folder
    // or the repository's root.
    for (const match of text.matchAll(
      /(?<![\w./-])((?:\.\.?\/)*(?:docs\/[\w./-]*?\.md|(?:[\w.-]+\/)+README\.md)(?:#[\w-]+)?)/g,
    )) {
      const target = match[1] ?? '';
      if (target.startsWith('node_modules/')) continue;
      const problem = checkTarget(abs, target, [here, ROOT]);
      if (problem) report(match.index, `reference ${target}: ${problem}`);
    }

    if (file === SELF) continue;
    for (const { pattern, why } of FORBIDDEN) {
      for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))) {
        report(match.index, `${why}: "${match[0]}"`);
      }
    }
  }
  return problems;
}

describe('references in code and docs', () => {
  it('computes heading anchors the way GitHub does', () => {
    const anchors = {
      'Record and proof': 'record-and-proof',
      'Retention (A14, B10)': 'retention-a14-b10',
      'The `izinli` command': 'the-izinli-command',
      'Reloading the config (SIGHUP)': 'reloading-the-config-sighup',
    };
    for (const [heading, anchor] of Object.entries(anchors)) {
      expect(githubSlug(heading), heading).toBe(anchor);
    }
  });

  it('lead to files and headings inside the repository, with no design-doc citation or issue number', () => {
    const problems = findProblems();
    expect(
      problems.map((p) => `${p.where}: ${p.what}`),
      `${problems.length} broken references`,
    ).toEqual([]);
  });

  it('no file holds a merge conflict left unresolved (a markdown file checks nothing else)', () => {
    const markers = trackedFiles().flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /^(<{7} |>{7} |={7}$)/.test(line) ? [`${file}:${i + 1}: ${line.slice(0, 40)}`] : [],
        ),
    );
    expect(markers).toEqual([]);
  });
});
