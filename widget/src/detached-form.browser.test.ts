/// <reference types="mocha" />
// A form built detached and inserted whole, as React and other frameworks build theirs: the
// element listens where the form ends up, so the page's own submit handler (React's form action on
// its root container) sees the submission first and unprevented, and the capture is still sent.
import { expect } from 'chai';
import {
  HOST_FIELDS,
  SITE,
  fakeServer,
  onTurkishSignupPage,
  testOutbox,
  until,
} from './browser.test-support.js';
import type { IzinliConsent } from './izinli-consent.js';

describe('<izinli-consent> in a form a framework built detached', () => {
  onTurkishSignupPage();

  it('leaves the submission to the page’s handler on an ancestor, and sends the capture', async () => {
    const server = fakeServer();
    // As React does: every node made with createElement (the element upgraded at once) and put
    // together before the container is in the document.
    const container = document.createElement('div');
    const form = document.createElement('form');
    form.action = '/__test/echo';
    form.method = 'post';
    form.innerHTML = `<label>Ad soyad <input name="adSoyad"></label>
      <label>Telefon <input name="telefon" type="tel"></label>
      <label>E-posta <input name="eposta" type="email"></label>`;
    const element = document.createElement('izinli-consent') as IzinliConsent;
    for (const [name, value] of Object.entries({
      name: 'izinli',
      site: SITE,
      endpoint: server.endpoint,
      ...HOST_FIELDS,
    })) {
      element.setAttribute(name, value);
    }
    element.outbox = testOutbox().outbox.start();
    const button = document.createElement('button');
    button.textContent = 'Üye ol';
    form.append(element, button);
    container.append(form);
    // The page's handler on the container, as React's root listener: it handles what no one prevented.
    const seen: { prevented: boolean; captureId: FormDataEntryValue | null }[] = [];
    container.addEventListener('submit', (event) => {
      seen.push({ prevented: event.defaultPrevented, captureId: new FormData(form).get('izinli') });
      event.preventDefault();
    });
    document.body.append(container);
    try {
      const root = element.shadowRoot!;
      await until(() => root.querySelector('[data-channel=MESAJ]'), 'the element to render');
      (form.elements.namedItem('adSoyad') as HTMLInputElement).value = 'Ayşe Yılmaz';
      (form.elements.namedItem('telefon') as HTMLInputElement).value = '0532 123 45 67';
      root.querySelector<HTMLInputElement>('[data-channel=MESAJ]')!.click();
      await element.updateComplete;
      button.click();
      expect(seen).to.have.length(1);
      expect(seen[0]!.prevented).to.equal(false);
      expect(seen[0]!.captureId).to.equal(element.value);
      const posts = await until(async () => {
        const sent = await server.posts();
        return sent.length > 0 ? sent : undefined;
      }, 'the capture to be sent');
      expect(posts.map((p) => p.id)).to.deep.equal([element.value]);
      expect(seen).to.have.length(1);
    } finally {
      container.remove();
    }
  });
});
