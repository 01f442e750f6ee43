// The demo's pages are one template per page filled per language: every page renders in both
// languages with every text used, and the two languages differ only in their texts.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the demo is plain JavaScript checked by its own tsconfig, without declarations.
import { PAGE_PATHS, renderPage } from '../../demo/lib/pages.js';
// @ts-expect-error -- as above.
import { serveStatic } from '../../demo/lib/static-files.js';

const refs = Object.entries(PAGE_PATHS as Record<string, { page: string; locale: string }>);

describe('demo pages', () => {
  it.each(refs)('%s renders whole, in its language', async (path, ref) => {
    const html = renderPage(ref) as string;
    expect(html).toContain(`<html lang="${ref.locale}">`);
    expect(html).not.toMatch(/\{\{|\}\}/);
    const answer = (await serveStatic('GET', path)) as Response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await answer.text()).toBe(html);
  });

  it('the Turkish and English page link to each other', () => {
    for (const [path, ref] of refs) {
      const other = refs.find(([, r]) => r.page === ref.page && r.locale !== ref.locale);
      expect(other, path).toBeDefined();
      const html = renderPage(ref) as string;
      const otherPaths = refs.filter(([, r]) => r === other?.[1]).map(([p]) => p);
      expect(
        otherPaths.some((p) => html.includes(`href="${p}"`)),
        path,
      ).toBe(true);
    }
  });
});
