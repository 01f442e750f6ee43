// The README's ```sh blocks, read by the tests that run or check them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './demo-process.test-support.js';

export const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The text of every ```sh block, in the section `## heading` or (no heading) anywhere. */
export function readmeShBlocks(heading?: string): string[] {
  let text = README;
  if (heading) {
    const from = README.indexOf(`\n## ${heading}\n`);
    if (from < 0) throw new Error(`README has no "## ${heading}" section`);
    text = README.slice(from + 1).split(/\n## /)[0]!;
  }
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, body]) => body!);
}

/** The commands of those blocks: comments and blank lines dropped. */
export function readmeCommands(heading?: string): string[] {
  return readmeShBlocks(heading).flatMap((body) =>
    body
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}
