// `@izinli/widget/design-tokens` as a page outside this repo gets it: the package's export points
// at a built file that runs in plain Node (no TypeScript) and holds the same tokens as the source.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designTokens } from './design-tokens.js';
import type * as Tokens from './design-tokens.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, { default?: string }>;
  files: string[];
};
// The build compacts the text: no white space, and no leading zero before a decimal point.
const compact = (css: string) => css.replace(/\s+/g, '').replace(/(^|[^\d])0\./g, '$1.');

describe('the design-tokens export', () => {
  it('points at a built file the package publishes', () => {
    const target = pkg.exports['./design-tokens']?.default;
    expect(target).toBe('./dist/design-tokens.js');
    expect(pkg.files).toContain('dist/design-tokens.js');
    expect(existsSync(new URL(`../${target}`, import.meta.url))).toBe(true);
  });

  it('gives the same eight tokens as the source, each a --izinli-* property with its default', async () => {
    const built = (await import(
      new URL('../dist/design-tokens.js', import.meta.url).href
    )) as typeof Tokens;
    expect(compact(built.designTokens)).toBe(compact(designTokens));
    const names = [...designTokens.matchAll(/(--_[a-z-]+):\s*var\((--izinli-[a-z-]+),/g)];
    expect(names.map((m) => m[1])).toEqual([
      '--_text',
      '--_muted',
      '--_bg',
      '--_border',
      '--_accent',
      '--_error',
      '--_radius',
      '--_gap',
    ]);
  });
});
