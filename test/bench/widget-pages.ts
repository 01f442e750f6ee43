// The pages the widget bench loads, and the local HTTP server that serves them: izinli's embed
// (widget/dist) with a fake `GET /v1/sites/{key}/widget` answering exactly as the real server does
// (the shape of widget/test-support/fake-izinli-server.js), vanilla-cookieconsent and Orejime from
// node_modules, and a baseline page whose script only defines a trivial custom element.
//
// Every page notes `performance.now()` just before it adds its script, then polls (every 4 ms,
// the same for every page) for its interactive element; `window.__ready` is the time it appeared.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicSiteConfig } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleSiteConfig } from '@izinli/core/fixtures';

const require = createRequire(import.meta.url);
// dist/bench/*.js → widget/dist/
const WIDGET_DIST = fileURLToPath(new URL('../../../widget/dist/', import.meta.url));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string })
    .version;

/** A script (and its stylesheet) as the bench weighs and serves it. */
export interface Asset {
  path: string;
  file: string;
}

/** A page of the bench: what it loads and how it knows its element is interactive. */
export interface BenchPage {
  task: string;
  /** What is weighed for the size row (script and CSS); empty for the baseline. */
  assets: Asset[];
  path: string;
  html: string;
}

const FORM_FIELDS = `<input name="adSoyad" autocomplete="name" />
<input name="telefon" type="tel" autocomplete="tel" />
<input name="eposta" type="email" autocomplete="email" />`;

// Notes t0, adds the page's script(s), then polls for `probe` (an expression) every 4 ms.
function page(title: string, body: string, load: string, probe: string): string {
  return `<!doctype html>
<html lang="tr"><head><meta charset="utf-8" /><title>${title}</title>
<script>
window.__t0 = performance.now();
${load}
const timer = setInterval(() => {
  if (${probe}) { window.__ready = performance.now(); clearInterval(timer); }
}, 4);
</script></head>
<body><form>${body}</form></body></html>`;
}

const addScript = (src: string, module = false) =>
  `{ const s = document.createElement('script'); s.src = ${JSON.stringify(src)};` +
  `${module ? " s.type = 'module';" : ''} document.head.append(s); }`;
const addCss = (href: string) =>
  `{ const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = ${JSON.stringify(href)}; document.head.append(l); }`;

const IZINLI_ELEMENT = `<izinli-consent name="izinli" site="${EXAMPLE_SITE_KEY}" name-field="adSoyad"
  phone-field="telefon" email-field="eposta"></izinli-consent>`;
const IZINLI_PROBE = `document.querySelector('izinli-consent')?.shadowRoot?.querySelector('input[type=checkbox]:not([disabled])')`;

// The trivial custom element of the baseline: a checkbox in a shadow root, defined by a tiny script.
const TINY_ELEMENT_JS = `customElements.define('tiny-consent', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<label><input type="checkbox" /> Kabul ediyorum</label>';
  }
});
`;

// hideFromBots: false, or it shows nothing to a browser driven by automation (navigator.webdriver).
const COOKIECONSENT_RUN = `window.addEventListener('load', () => CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Cookies', description: 'We use cookies.', acceptAllBtn: 'Accept all',
      acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage' },
    preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all',
      acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [] },
  } } },
}));`;

const OREJIME_CONFIG = `window.orejimeConfig = { privacyPolicyUrl: '/privacy',
  purposes: [{ id: 'analytics', title: 'Analytics', cookies: ['_ga'] }] };`;

/**
 * The page of one widget build: `file` of widget/dist, served at `/<file>` and added as a module
 * or a classic script, in the form with its element; ready once the element shows an enabled
 * checkbox.
 */
function izinliPage(
  task: string,
  file: string,
  path: string,
  title: string,
  module = false,
): BenchPage {
  return {
    task,
    assets: [{ path: `/${file}`, file: join(WIDGET_DIST, file) }],
    path,
    html: page(
      title,
      `${FORM_FIELDS}${IZINLI_ELEMENT}`,
      addScript(`/${file}`, module),
      IZINLI_PROBE,
    ),
  };
}

/** The pages, baseline first. */
export function benchPages(): BenchPage[] {
  const cc = packageDir('vanilla-cookieconsent');
  const orejime = packageDir('orejime');
  const ccAssets = [
    { path: '/cc/cookieconsent.umd.js', file: join(cc, 'dist/cookieconsent.umd.js') },
    { path: '/cc/cookieconsent.css', file: join(cc, 'dist/cookieconsent.css') },
  ];
  const orejimeAssets = [
    { path: '/orejime/orejime-standard-en.js', file: join(orejime, 'dist/orejime-standard-en.js') },
    { path: '/orejime/orejime-standard.css', file: join(orejime, 'dist/orejime-standard.css') },
  ];
  return [
    {
      task: 'baseline: a trivial custom element (tiny script)',
      assets: [],
      path: '/baseline.html',
      html: page(
        'baseline',
        `<tiny-consent></tiny-consent>`,
        addScript('/tiny-consent.js'),
        `document.querySelector('tiny-consent')?.shadowRoot?.querySelector('input')`,
      ),
    },
    izinliPage('izinli.js (ES module)', 'izinli.js', '/izinli-esm.html', 'izinli', true),
    izinliPage(
      'izinli.iife.js (classic script)',
      'izinli.iife.js',
      '/izinli-iife.html',
      'izinli iife',
    ),
    {
      task: `vanilla-cookieconsent ${packageVersion('vanilla-cookieconsent')} (JS + CSS)`,
      assets: ccAssets,
      path: '/cookieconsent.html',
      html: page(
        'vanilla-cookieconsent',
        '',
        `${addCss(ccAssets[1]!.path)}${addScript(ccAssets[0]!.path)}\n${COOKIECONSENT_RUN}`,
        `document.querySelector('#cc-main button')`,
      ),
    },
    {
      task: `Orejime ${packageVersion('orejime')} (JS + CSS)`,
      assets: orejimeAssets,
      path: '/orejime.html',
      html: page(
        'Orejime',
        '',
        `${OREJIME_CONFIG}${addCss(orejimeAssets[1]!.path)}${addScript(orejimeAssets[0]!.path)}`,
        `document.querySelector('.orejime-Banner button')`,
      ),
    },
  ];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The site config answer of `GET /v1/sites/{key}/widget`, as the real server gives it. */
function widgetView(locale: string): unknown {
  const view = publicSiteConfig(exampleSiteConfig);
  return { ...view, locale, notices: view.notices.filter((n) => n.locale === locale) };
}

/** Serves the pages, their assets and the fake widget config on a free port of 127.0.0.1. */
export async function servePages(pages: BenchPage[]): Promise<{ url: string; server: Server }> {
  const files = new Map<string, { type: string; body: Buffer | string }>();
  files.set('/tiny-consent.js', { type: TYPES['.js']!, body: TINY_ELEMENT_JS });
  for (const p of pages) {
    files.set(p.path, { type: TYPES['.html']!, body: p.html });
    for (const asset of p.assets) {
      const ext = asset.path.slice(asset.path.lastIndexOf('.'));
      files.set(asset.path, { type: TYPES[ext]!, body: readFileSync(asset.file) });
    }
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const site = /^\/v1\/sites\/([^/]+)\/widget$/.exec(url.pathname);
    if (site && decodeURIComponent(site[1]!) === EXAMPLE_SITE_KEY) {
      const asked = url.searchParams.get('locale');
      const locale = exampleSiteConfig.locales.find((l) => l === asked) ?? 'tr';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(widgetView(locale)));
      return;
    }
    const file = files.get(url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not.found', message: url.pathname } }));
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}
