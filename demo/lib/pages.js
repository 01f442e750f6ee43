// The demo's pages, each one HTML template (`demo/pages/<page>.html`) filled from its texts
// in Turkish and English (`<page>.json`), so the two languages cannot drift apart in structure.
// The texts are the demo's own, written as HTML; nothing a visitor sends is ever put in a page.
import { readFileSync } from 'node:fs';

/** @typedef {{ page: string, locale: 'tr' | 'en' }} PageRef */

/** @type {Record<string, PageRef>} */
export const PAGE_PATHS = {
  '/': { page: 'index', locale: 'tr' },
  '/index.html': { page: 'index', locale: 'tr' },
  '/makbuz.html': { page: 'receipt', locale: 'tr' },
  '/iys.html': { page: 'iys', locale: 'tr' },
  '/posta-kutusu.html': { page: 'mailbox', locale: 'tr' },
  '/en/': { page: 'index', locale: 'en' },
  '/en/index.html': { page: 'index', locale: 'en' },
  '/en/receipt.html': { page: 'receipt', locale: 'en' },
  '/en/iys.html': { page: 'iys', locale: 'en' },
  '/en/mailbox.html': { page: 'mailbox', locale: 'en' },
};

const PAGES = new URL('../pages/', import.meta.url);

/**
 * The page's HTML in that language; throws when the template names a text the language lacks,
 * or the texts hold one the template does not use (a test renders every page).
 * @param {PageRef} ref
 * @returns {string}
 */
export function renderPage({ page, locale }) {
  const template = readFileSync(new URL(`${page}.html`, PAGES), 'utf8');
  /** @type {Record<string, Record<string, string>>} */
  const texts = JSON.parse(readFileSync(new URL(`${page}.json`, PAGES), 'utf8'));
  const words = texts[locale];
  if (!words) throw new Error(`demo page ${page} has no ${locale} texts`);
  const used = new Set();
  const html = template.replace(/\{\{(\w+)\}\}/g, (_, /** @type {string} */ key) => {
    const text = words[key];
    if (text === undefined)
      throw new Error(`demo page ${page}.html uses {{${key}}}, not in ${locale}`);
    used.add(key);
    return text;
  });
  const unused = Object.keys(words).filter((key) => !used.has(key));
  if (unused.length > 0)
    throw new Error(`demo page ${page}.json ${locale} has unused ${unused.join(', ')}`);
  return html;
}
