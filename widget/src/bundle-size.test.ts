// The size budget of the embed: Lit and translations included, gzip -9, at most 13 KiB enforced
// here, so a regression fails `npm test` before it ships.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const LIMIT = 13 * 1024;
const dist = new URL('../dist/', import.meta.url);

describe('the embed’s size', () => {
  it.each(['izinli.js', 'izinli.iife.js'])('%s is at most 13 KiB with gzip -9', (file) => {
    const path = new URL(file, dist);
    expect(existsSync(path), `${file} is built by \`rollup -c\` (npm test runs it first)`).toBe(
      true,
    );
    const bytes = readFileSync(path);
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    console.log(
      `${file}: ${bytes.length} B minified, ${gzipped} B (${(gzipped / 1024).toFixed(2)} KiB) gzip -9`,
    );
    expect(gzipped).toBeLessThanOrEqual(LIMIT);
  });

  it('keeps the code step in its own file, which imports nothing and stays small', () => {
    const embed = readFileSync(new URL('izinli.js', dist), 'utf8');
    const classic = readFileSync(new URL('izinli.iife.js', dist), 'utf8');
    const step = readFileSync(new URL('izinli-verify.js', dist));
    const gzipped = gzipSync(step, { level: 9 }).length;
    console.log(`izinli-verify.js: ${step.length} B minified, ${gzipped} B gzip -9`);
    for (const code of [embed, classic]) expect(code).not.toContain('Kodu gönder');
    // A static path for bundlers in the module; the script's own URL in the classic script.
    expect(embed).toContain('import("./izinli-verify.js")');
    expect(classic).toContain('new URL("./izinli-verify.js",');
    // Lit comes from the element: a second copy would double the step's bytes.
    expect(step.toString('utf8')).not.toMatch(/\bimport\s*[{*"'\w]|lit-html/);
    expect(gzipped).toBeLessThanOrEqual(5 * 1024);
  });

  it('leaves zod and libphonenumber-js out of the embed', () => {
    const code = readFileSync(new URL('izinli.js', dist), 'utf8');
    expect(code).not.toMatch(/ZodError|_zod|libphonenumber/);
  });
});
