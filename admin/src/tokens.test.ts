// The console and the widget share their design tokens: the same `--izinli-*` custom properties
// with the same defaults, so one theme styles both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tokens = (css: string) =>
  [...css.matchAll(/(--_[\w-]+): (var\(--izinli-[^;]+\));/g)].map(([, name, value]) => [
    name,
    value,
  ]);

describe('design tokens', () => {
  it('admin.css defines every widget token with the widget’s default', () => {
    const widget = tokens(
      readFileSync(new URL('../../widget/src/consent-styles.ts', import.meta.url), 'utf8'),
    );
    const admin = new Map(
      tokens(readFileSync(new URL('./admin.css', import.meta.url), 'utf8')) as [string, string][],
    );
    expect(widget.length).toBeGreaterThanOrEqual(8);
    for (const [name, value] of widget) expect(admin.get(name!), name).toBe(value);
  });
});
