// The console takes its design tokens from the widget (index.ts adopts them on the page's root),
// so one theme styles both: admin.css declares none of them and uses none that is missing, and
// the built script carries them without the rest of the widget.
import { existsSync, readFileSync } from 'node:fs';
import { designTokens } from '@izinli/widget/design-tokens';
import { describe, expect, it } from 'vitest';

const declared = (css: string) => [...css.matchAll(/(--_[\w-]+):/g)].map(([, name]) => name!);
const widget = declared(designTokens);
const stylesheet = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');

describe('design tokens', () => {
  it('admin.css reads the widget’s tokens and declares none of them itself', () => {
    expect(widget.length).toBeGreaterThanOrEqual(8);
    const own = declared(stylesheet);
    for (const name of widget) expect(own, name).not.toContain(name);
    for (const [, name] of stylesheet.matchAll(/var\((--_[\w-]+)/g)) {
      expect([...widget, ...own], name).toContain(name);
    }
  });

  it('the built script adopts them without zod or the widget’s element', () => {
    const path = new URL('../dist/admin.js', import.meta.url);
    expect(existsSync(path), 'dist/admin.js is built by `rollup -c` (npm test runs it first)').toBe(
      true,
    );
    const script = readFileSync(path, 'utf8');
    expect(script).toContain(designTokens);
    expect(script).not.toMatch(/ZodError|_zod|libphonenumber|["'`]izinli-consent["'`]/);
  });
});
