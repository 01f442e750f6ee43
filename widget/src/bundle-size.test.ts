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

  it('leaves zod and libphonenumber-js out of the embed', () => {
    const code = readFileSync(new URL('izinli.js', dist), 'utf8');
    expect(code).not.toMatch(/ZodError|_zod|libphonenumber/);
  });
});
