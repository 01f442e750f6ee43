// The widget bundles @izinli/core; the server-side phone parser (libphonenumber-js with its full
// metadata) must stay out of a browser bundle that only uses the light Turkish-first normaliser.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundle(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform: 'browser',
    conditions: ['source'],
    metafile: true,
    logLevel: 'silent',
  });
  // Files esbuild read but tree-shook away show 0 bytes in the output; keep only what ships.
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([file]) => file);
}

describe('@izinli/core in a browser bundle', () => {
  it('leaves libphonenumber-js out when only the light normaliser is used', async () => {
    const inputs = await bundle(
      "import { normalizePhoneLite, normalizeEmail } from '@izinli/core';\n" +
        "console.log(normalizePhoneLite('0532 123 45 67'), normalizeEmail('a@ornek.com'));",
    );
    expect(inputs.some((file) => file.includes('phone-lite.ts'))).toBe(true);
    expect(inputs.filter((file) => file.includes('libphonenumber-js'))).toEqual([]);
  });

  it('does pull libphonenumber-js in when the authoritative normaliser is used (the check can fail)', async () => {
    const inputs = await bundle(
      "import { normalizePhone } from '@izinli/core';\nconsole.log(normalizePhone('0532 123 45 67'));",
    );
    expect(inputs.some((file) => file.includes('libphonenumber-js'))).toBe(true);
  });
});
