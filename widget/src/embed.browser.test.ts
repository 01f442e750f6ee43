/// <reference types="mocha" />
// The built embed (dist/, as a site loads it) on real pages in an iframe: the strict CSP, two
// copies of the script, and a capture that survives a failed send and a page load. These pages
// use the default endpoint (the script's origin), so they share the fake server's default
// namespace and the page's own IndexedDB outbox; the tests here run one after the other.
import { expect } from 'chai';
import { clear, createStore, keys } from 'idb-keyval';
import { fakeServer, until } from './browser.test-support.js';
import type { IzinliConsent } from './izinli-consent.js';

type PageWindow = Window & {
  __violations: string[];
  __warnings: string[];
  izinli?: { IzinliConsent: CustomElementConstructor };
};

const server = fakeServer('default');
const pageOutbox = createStore('izinli', 'outbox');
let frame: HTMLIFrameElement;

function load(path: string): Promise<PageWindow> {
  return new Promise((resolve) => {
    frame.addEventListener('load', () => resolve(frame.contentWindow as PageWindow), {
      once: true,
    });
    frame.src = path;
  });
}

/** The page's element once it has rendered its site config. */
async function rendered(win: PageWindow): Promise<IzinliConsent> {
  return until(() => {
    const element = win.document.querySelector('izinli-consent');
    return element?.shadowRoot?.querySelector('[part~=base]') && element;
  }, 'the embed to render');
}

/** Fills the page's form as a person would and sends it with its button; returns the echo. */
async function signUp(win: PageWindow, element: IzinliConsent): Promise<Map<string, string>> {
  const doc = win.document;
  for (const [name, value] of [
    ['adSoyad', 'Ayşe Yılmaz'],
    ['telefon', '0532 123 45 67'],
  ]) {
    const input = doc.querySelector<HTMLInputElement>(`[name=${name}]`)!;
    input.value = value!;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  element.shadowRoot!.querySelector<HTMLInputElement>('[data-channel=MESAJ]')!.click();
  await element.updateComplete;
  doc.querySelector('button')!.click();
  const echo = await until(
    () => frame.contentDocument?.getElementById('echo')?.textContent,
    'the form to arrive',
  );
  return new Map(JSON.parse(echo) as [string, string][]);
}

describe('the built embed on a page', () => {
  beforeEach(async () => {
    await server.reset();
    await clear(pageOutbox);
    frame = document.createElement('iframe');
    frame.title = 'signup page';
    frame.style.width = '800px';
    frame.style.height = '1000px';
    document.body.append(frame);
  });
  afterEach(() => frame.remove());

  it('renders, styles itself and submits under a strict CSP (script-src and style-src self)', async () => {
    const win = await load('/test-support/pages/signup.html');
    const element = await rendered(win);
    const policy = await fetch('/test-support/pages/signup.html').then((r) =>
      r.headers.get('content-security-policy'),
    );
    expect(policy).to.equal("script-src 'self'; style-src 'self'");
    expect(win.getComputedStyle(element).display).to.equal('block');
    const fieldset = element.shadowRoot!.querySelector('fieldset')!;
    expect(win.getComputedStyle(fieldset).borderTopLeftRadius).to.equal('8px');
    expect(win.__violations).to.deep.equal([]);

    const fields = await signUp(win, element);
    const posts = await server.posts();
    expect(posts.map((p) => [p.id, p.status])).to.deep.equal([[fields.get('izinli'), 201]]);
    expect(posts[0]!.body.channels).to.deep.equal({ MESAJ: true, ARAMA: false, EPOSTA: false });
    expect(fields.get('action')).to.equal('kaydol');
  });

  it('two copies of the script: one definition, and a warning naming both versions', async () => {
    const win = await load('/test-support/pages/two-copies.html');
    await rendered(win);
    const warnings = await until(() => win.__warnings.length > 0 && win.__warnings, 'a warning');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(
      /<izinli-consent> is already defined by izinli \d+\.\d+\.\d+; this copy \(\d+\.\d+\.\d+\)/,
    );
    // The classic script came first and holds the name.
    expect(win.customElements.get('izinli-consent')).to.equal(win.izinli!.IzinliConsent);
  });

  for (const build of ['module', 'classic']) {
    it(`the ${build} build loads the code step (dist/izinli-verify.js) under the strict CSP and sends a code`, async () => {
      const win = await load(`/test-support/pages/verify-${build}.html`);
      const element = await rendered(win);
      const root = element.shadowRoot!;
      for (const [name, value] of [
        ['adSoyad', 'Ayşe Yılmaz'],
        ['telefon', '0532 123 45 67'],
      ]) {
        const input = win.document.querySelector<HTMLInputElement>(`[name=${name}]`)!;
        input.value = value!;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      root.querySelector<HTMLInputElement>('[data-channel=MESAJ]')!.click();
      const send = await until(() => root.querySelector<HTMLElement>('[part~=send]'), 'the step');
      expect(win.getComputedStyle(send).borderTopStyle, 'the step styles itself').to.equal('solid');
      send.click();
      await until(() => root.querySelector('[data-code=MESAJ]'), 'the code input');
      expect(win.__violations).to.deep.equal([]);
    });
  }

  it('a capture that could not be sent is delivered on the next page load, exactly once', async function () {
    this.timeout(20_000);
    await server.answer('drop');
    let win = await load('/test-support/pages/signup.html');
    const fields = await signUp(win, await rendered(win));
    const id = fields.get('izinli')!;
    expect(await keys(pageOutbox)).to.deep.equal([id]);
    expect((await server.posts()).filter((p) => p.status > 0)).to.deep.equal([]);

    await server.answer('ok');
    win = await load('/test-support/pages/signup.html');
    // The page waits out the backoff the failed send started (1–2 s of real time on the built
    // file, which takes no fake clock): a loaded CI machine gets room beyond the usual 5 s.
    await until(async () => (await keys(pageOutbox)).length === 0, 'the outbox to empty', 8000);
    const accepted = (await server.posts()).filter((p) => p.status > 0);
    expect(accepted.map((p) => [p.id, p.status])).to.deep.equal([[id, 201]]);
    await rendered(win);
    expect(win.__violations).to.deep.equal([]);
  });
});
