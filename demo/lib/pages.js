// The demo's pages, each one HTML template (`demo/pages/<page>.html`) filled from its texts
// in Turkish and English (`<page>.json`), so the two languages cannot drift apart in structure.
// The texts are the demo's own, written as HTML; nothing a visitor sends is ever put in a page.
// What the pages share is written once: `layout.html` around each page's own content, with the
// shop's or the systems' header from `partials/`.
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
 * What the layout puts around each page's content: its scripts, its header and its body's class.
 * @type {Record<string, { scripts: string[], header: string, bodyClass: string }>}
 */
const FRAMES = {
  index: { scripts: ['/izinli.js', '/signup.js'], header: 'shop-header', bodyClass: 'shop' },
  // The widget script also sends any capture an earlier page could not send yet.
  receipt: { scripts: ['/izinli.js', '/receipt.js'], header: 'shop-header', bodyClass: 'shop' },
  iys: { scripts: ['/citizen.js'], header: 'system-header', bodyClass: 'iys' },
  mailbox: { scripts: ['/mailbox.js'], header: 'system-header', bodyClass: 'mailbox' },
};

/** @param {string} file */
const readPage = (file) => readFileSync(new URL(file, PAGES), 'utf8');

/**
 * The page's template: the layout with each `{{>part}}` line replaced by that part (indented as
 * the line was): the page's scripts, header or content, or else `partials/<part>.html`, whose own
 * parts are replaced in turn. Then `{{@bodyClass}}` is the page's body class, and the header's
 * `{{current:page}}` is `aria-current="page"` on that page (nothing on the others).
 * @param {string} page
 */
function framedTemplate(page) {
  const frame = FRAMES[page];
  if (!frame) throw new Error(`demo page ${page} has no frame`);
  /** @type {Record<string, string>} */
  const parts = {
    scripts: frame.scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n'),
    header: readPage(`partials/${frame.header}.html`),
    content: readPage(`${page}.html`),
  };
  /** @param {string} template @returns {string} */
  const expand = (template) =>
    template.replace(
      /^( *)\{\{>([\w-]+)\}\}$/gm,
      (_, /** @type {string} */ indent, /** @type {string} */ part) =>
        expand(parts[part] ?? readPage(`partials/${part}.html`))
          .trimEnd()
          .split('\n')
          .map((line) => (line ? indent + line : line))
          .join('\n'),
    );
  return expand(readPage('layout.html'))
    .replace('{{@bodyClass}}', frame.bodyClass)
    .replace(/ \{\{current:(\w+)\}\}/g, (_, /** @type {string} */ current) =>
      current === page ? ' aria-current="page"' : '',
    );
}

/**
 * The page's HTML in that language; throws when the template names a text the language lacks,
 * or the texts hold one the template does not use (a test renders every page).
 * @param {PageRef} ref
 * @returns {string}
 */
export function renderPage({ page, locale }) {
  const template = framedTemplate(page);
  /** @type {Record<string, Record<string, string>>} */
  const texts = JSON.parse(readPage(`${page}.json`));
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
