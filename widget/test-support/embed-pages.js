// The embed tests' pages (`/test-support/pages/<name>.html`), as @web/test-runner middleware:
// a site's own signup form loading the built script with plain `<script>` tags (no inline script
// or style, served under the strict CSP). Written from one shape, so the pages differ only where
// the tests need them to: which builds they load, which fields they have, which site they name.
import { STRICT_CSP, VERIFYING_SITE } from './fake-izinli-server.js';

const DEMO_SITE = 'ornek-kitabevi-demo-0001';

const BUILDS = {
  classic: '<script src="/dist/izinli.iife.js"></script>',
  module: '<script type="module" src="/dist/izinli.js"></script>',
};

/** Each form field: its label, its input's attributes, and the element's attribute naming it. */
const FIELDS = {
  adSoyad: { label: 'Ad soyad', input: 'autocomplete="name"', attribute: 'name-field' },
  telefon: {
    label: 'Cep telefonu',
    input: 'type="tel" autocomplete="tel"',
    attribute: 'phone-field',
  },
  eposta: {
    label: 'E-posta',
    input: 'type="email" autocomplete="email"',
    attribute: 'email-field',
  },
};

/**
 * @typedef {{
 *   title: string,
 *   builds: (keyof typeof BUILDS)[],
 *   fields: (keyof typeof FIELDS)[],
 *   site: string,
 *   submitWait?: number,
 *   button: boolean,
 * }} EmbedPage
 */

/** @type {Record<string, EmbedPage>} */
const PAGES = {
  // The demo bookshop's signup; the element holds the submit up to half a second for the send.
  signup: {
    title: 'Üye ol',
    builds: ['module'],
    fields: ['adSoyad', 'telefon', 'eposta'],
    site: DEMO_SITE,
    submitWait: 500,
    button: true,
  },
  // A CMS theme loads the classic build and a plugin loads the module build.
  'two-copies': {
    title: 'İki kopya',
    builds: ['classic', 'module'],
    fields: ['adSoyad', 'eposta'],
    site: DEMO_SITE,
    button: false,
  },
  // A site that verifies MESAJ by a code; each build loads the code step itself.
  ...Object.fromEntries(
    /** @type {const} */ (['classic', 'module']).map((build) => [
      `verify-${build}`,
      {
        title: 'Doğrulamalı üyelik',
        builds: [build],
        fields: ['adSoyad', 'telefon'],
        site: VERIFYING_SITE,
        button: true,
      },
    ]),
  ),
};

/** @param {EmbedPage} page */
function embedPage({ title, builds, fields, site, submitWait, button }) {
  const attributes = [
    'name="izinli"',
    `site="${site}"`,
    ...fields.map((name) => `${FIELDS[name].attribute}="${name}"`),
    ...(submitWait === undefined ? [] : [`submit-wait="${submitWait}"`]),
  ];
  return `<!doctype html>
<html lang="tr">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <script src="./page-spy.js"></script>
    ${builds.map((build) => BUILDS[build]).join('\n    ')}
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      <form action="/__test/echo" method="post">
        ${fields
          .map((name) => {
            const { label, input } = FIELDS[name];
            return `<p><label>${label} <input name="${name}" ${input} /></label></p>`;
          })
          .join('\n        ')}
        <izinli-consent ${attributes.join(' ')}></izinli-consent>
        ${button ? '<p><button name="action" value="kaydol">Üye ol</button></p>' : ''}
      </form>
    </main>
  </body>
</html>
`;
}

/** The middleware: each page in PAGES, under the strict CSP. */
export function embedPages() {
  return async function servePage(ctx, next) {
    const name = /^\/test-support\/pages\/([\w-]+)\.html$/.exec(ctx.path)?.[1];
    const page = name === undefined ? undefined : PAGES[name];
    if (!page || ctx.method !== 'GET') return next();
    ctx.type = 'text/html';
    ctx.set('Content-Security-Policy', STRICT_CSP);
    ctx.body = embedPage(page);
  };
}
