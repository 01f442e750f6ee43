// custom-elements.json is generated (`npm run manifest`); this keeps the committed file current
// and checks it documents what the README promises.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The analyzer ships no types; this is the one function used.
type Analyze = (options: { argv: string[]; cwd: string; noWrite: boolean }) => Promise<unknown>;
const ANALYZER = '@custom-elements-manifest/analyzer/cli.js';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

// The analyzer lists modules in the order its file glob returns them, which varies from run to
// run on a busy machine (a CI run failed on order alone); what the manifest says does not.
const byPath = (manifest: Manifest): Manifest => ({
  ...manifest,
  modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)),
});

const cwd = new URL('..', import.meta.url).pathname;

describe('custom-elements.json', () => {
  it('is what the analyzer generates from the sources now', async () => {
    const { cli } = (await import(ANALYZER)) as { cli: Analyze };
    const fresh = (await cli({ argv: ['analyze', '--quiet'], cwd, noWrite: true })) as Manifest;
    const committed = JSON.parse(readFileSync(`${cwd}custom-elements.json`, 'utf8')) as Manifest;
    expect(byPath(committed), 'run `npm run manifest` in widget/').toEqual(byPath(fresh));
  });

  it('documents the element’s attributes, events, parts and custom properties', () => {
    const manifest = JSON.parse(readFileSync(`${cwd}custom-elements.json`, 'utf8')) as Manifest;
    const element = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === 'izinli-consent')!;
    const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);
    expect(names(element.attributes)).toEqual([
      'site',
      'endpoint',
      'name-field',
      'phone-field',
      'email-field',
      'recipient-type',
      'submit-wait',
      'lang',
    ]);
    expect(names(element.events)).toEqual(['izinli-captured', 'izinli-error', 'izinli-change']);
    expect(names(element.cssParts)).toContain('checkbox');
    expect(names(element.cssProperties).every((p) => p.startsWith('--izinli-'))).toBe(true);
  });
});
