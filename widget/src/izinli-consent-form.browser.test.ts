/// <reference types="mocha" />
// Long because: the whole form-control contract: validity, events, origin refusal, a real form.
// The element as a form control, in Chromium: validity, events, and a real <form> submitted,
// reset, disabled and restored, read back through FormData.
import { expect } from 'chai';
import {
  SITE,
  heard,
  mount,
  mountSignup,
  onTurkishSignupPage,
  server,
  submitInPlace,
  tick,
  until,
} from './browser.test-support.js';
import type { Mounted } from './browser.test-support.js';
import type { IzinliChangeEvent } from './events/izinli-change-event.js';
import type { IzinliErrorEvent } from './events/izinli-error-event.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An iframe named `name` in the form, which the form's native submission lands in. */
function landingFrame(m: Mounted, name: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.name = name;
  frame.title = 'landing';
  m.form.append(frame);
  m.form.target = name;
  return frame;
}

describe('<izinli-consent> in a form', () => {
  onTurkishSignupPage();

  describe('validity', () => {
    it('A3: a ticked channel without a name and surname is invalid, shown only after the tick', async () => {
      const m = await mountSignup(server);
      const error = m.root.querySelector('[part~=error]')!;
      expect(m.element.validity.valid).to.equal(true);
      expect(error.textContent).to.equal('');
      m.type('telefon', '0532 123 45 67');
      await tick(m, 'MESAJ');
      expect(m.element.validity.customError).to.equal(true);
      expect(error.textContent).to.equal('İleti izni için adınızı ve soyadınızı yazın.');
      expect(error.getAttribute('aria-live')).to.equal('polite');
      expect(m.box('MESAJ').getAttribute('aria-describedby')).to.equal('error');
      expect(m.box('MESAJ').getAttribute('aria-invalid')).to.equal('true');
      expect(m.element.matches(':state(user-invalid)')).to.equal(true);
      m.type('adSoyad', 'Ayşe');
      await m.element.updateComplete;
      expect(m.form.checkValidity()).to.equal(false);
      m.type('adSoyad', 'Ayşe Yılmaz');
      await m.element.updateComplete;
      expect(m.form.checkValidity()).to.equal(true);
      expect(error.textContent).to.equal('');
    });

    it('A4: a ticked MESAJ needs a phone number the server would accept, EPOSTA an e-mail address', async () => {
      const m = await mountSignup(server);
      const error = () => m.root.querySelector('[part~=error]')!.textContent;
      m.type('adSoyad', 'Ayşe Yılmaz');
      await tick(m, 'MESAJ');
      expect(error()).to.match(/geçerli bir telefon numarası/);
      m.type('telefon', '12');
      await m.element.updateComplete;
      expect(error()).to.match(/geçerli bir telefon numarası/);
      m.type('telefon', '+90 (532) 123-4567');
      await m.element.updateComplete;
      expect(m.form.checkValidity()).to.equal(true);
      await tick(m, 'EPOSTA');
      expect(error()).to.match(/geçerli bir e-posta adresi/);
      m.type('eposta', 'ayşe@ornek.com.tr');
      await m.element.updateComplete;
      expect(error()).to.match(/Türkçe harf olmadan/);
      expect(m.form.checkValidity()).to.equal(false);
      m.type('eposta', 'ayse@ornek.com.tr');
      await m.element.updateComplete;
      expect(m.form.checkValidity()).to.equal(true);
    });

    it('B5: the purposes need nothing, so ticking only purposes is valid', async () => {
      const m = await mountSignup(server);
      await tick(m, 'kitap-onerileri');
      expect(m.form.checkValidity()).to.equal(true);
    });

    it('an invalid submission is stopped by the browser, which focuses the box; the message is announced', async () => {
      const m = await mountSignup(server);
      await tick(m, 'EPOSTA');
      let submitted = false;
      m.form.addEventListener('submit', () => (submitted = true));
      m.form.requestSubmit();
      await m.element.updateComplete;
      expect(submitted).to.equal(false);
      expect(m.root.activeElement).to.equal(m.box('EPOSTA'));
      expect(m.root.querySelector('[part~=error]')!.textContent).to.match(/adınızı ve soyadınızı/);
      expect(await server.posts()).to.deep.equal([]);
    });

    it('a form that skips validation (novalidate) still captures nothing invalid, and says so', async () => {
      const m = await mountSignup(server);
      m.form.noValidate = true;
      const errors = heard('izinli-error');
      await tick(m, 'EPOSTA');
      submitInPlace(m.form);
      expect(errors.map((e) => [e.code, e.error.code, e.final, e.captureId])).to.deep.equal([
        ['capture.skipped', 'capture.invalid', true, undefined],
      ]);
      expect(errors[0]!.error.message).to.match(/adınızı ve soyadınızı/);
      expect(new FormData(m.form).has('izinli')).to.equal(false);
      expect(await server.posts()).to.deep.equal([]);
    });
  });

  /** The form carries no capture id, and submits all the same: the widget never blocks signup. */
  async function expectSubmitsWithoutValue(form: HTMLFormElement) {
    expect(new FormData(form).has('izinli')).to.equal(false);
    let submitted = false;
    form.addEventListener('submit', (e) => {
      submitted = true;
      e.preventDefault();
    });
    form.requestSubmit();
    await Promise.resolve();
    expect(submitted).to.equal(true);
  }

  describe('events', () => {
    it('fires izinli-change with every box shown as the person ticks', async () => {
      const m = await mountSignup(server);
      const changes: IzinliChangeEvent[] = [];
      document.addEventListener('izinli-change', (e) => changes.push(e), { once: true });
      await tick(m, 'yurt-disi-eposta-hizmeti');
      expect(changes).to.have.length(1);
      expect(changes[0]!.target).to.equal(m.element);
      expect(changes[0]!.channels).to.deep.equal({ MESAJ: false, ARAMA: false, EPOSTA: false });
      expect(changes[0]!.purposes).to.deep.equal({
        'kitap-onerileri': false,
        'yurt-disi-eposta-hizmeti': true,
      });
      expect(changes[0]!.valid).to.equal(true);
    });

    it('reports a site config it cannot load, says so, and the form still submits without a value', async () => {
      const errors: IzinliErrorEvent[] = [];
      document.addEventListener('izinli-error', (e) => errors.push(e), { once: true });
      const m = await mount({ site: 'yok-boyle-bir-site-0000', endpoint: server.endpoint });
      expect(errors[0]!.code).to.equal('config.unavailable');
      expect(errors[0]!.final).to.equal(true);
      expect(errors[0]!.error.code).to.equal('site.unknown');
      expect(errors[0]!.status).to.equal(404);
      expect(m.root.querySelector('[part~=status]')!.textContent).to.match(/yüklenemedi/);
      await expectSubmitsWithoutValue(m.form);
    });
  });

  describe('a page whose origin the site does not allow', () => {
    it('reports origin.not_allowed, warns in the console with the origin to add, and the form still submits', async () => {
      const errors: IzinliErrorEvent[] = [];
      document.addEventListener('izinli-error', (e) => errors.push(e), { once: true });
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
      let m: Awaited<ReturnType<typeof mount>>;
      try {
        m = await mount({ site: 'koken-izinsiz-0000', endpoint: server.endpoint });
        await until(() => errors.length > 0, 'the izinli-error event');
      } finally {
        console.warn = warn;
      }
      expect(errors[0]!.code).to.equal('origin.not_allowed');
      expect(errors[0]!.final).to.equal(true);
      expect(errors[0]!.status).to.equal(403);
      expect(errors[0]!.error.code).to.equal('origin.forbidden');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain(location.origin);
      expect(warnings[0]).to.contain('allowedOrigins');
      await expectSubmitsWithoutValue(m.form);
    });
  });

  describe('in a real form', () => {
    it('B5: submits with every box unticked, and FormData carries the capture id', async () => {
      const m = await mountSignup(server);
      const id = new FormData(m.form).get('izinli');
      expect(id).to.match(UUID);
      expect(m.element.value).to.equal(id);
      let read: FormData | undefined;
      m.form.addEventListener('submit', () => (read = new FormData(m.form)));
      submitInPlace(m.form);
      expect(read!.get('izinli')).to.equal(id);
      const [post] = await until(
        async () => (await server.posts()).length > 0 && server.posts(),
        'the capture',
      );
      expect(post!.status).to.equal(201);
      expect(post!.id).to.equal(id);
      expect(post!.body.channels).to.deep.equal({ MESAJ: false, ARAMA: false, EPOSTA: false });
      expect(post!.body.purposes).to.deep.equal({
        'kitap-onerileri': false,
        'yurt-disi-eposta-hizmeti': false,
      });
    });

    it('a native submission waits for the capture, then goes on with the capture id and the submit button', async () => {
      const m = await mountSignup(server);
      const frame = landingFrame(m, 'landing');
      m.type('adSoyad', 'Ayşe Yılmaz');
      m.type('eposta', 'ayse@ornek.com.tr');
      await tick(m, 'EPOSTA');
      const submits: Event[] = [];
      m.form.addEventListener('submit', (e) => submits.push(e));
      m.form.querySelector('button')!.click();
      const echo = await until(
        () => frame.contentDocument?.getElementById('echo')?.textContent,
        'the form to arrive',
      );
      const fields = new Map(JSON.parse(echo) as [string, string][]);
      const posts = await server.posts();
      expect(posts.map((p) => [p.id, p.status])).to.deep.equal([[m.element.value, 201]]);
      expect(fields.get('izinli')).to.equal(m.element.value);
      expect(fields.get('action')).to.equal('kaydol');
      expect(fields.get('adSoyad')).to.equal('Ayşe Yılmaz');
      expect(submits, 'the page saw one submission').to.have.length(1);
    });

    it('a native submission goes on after submit-wait when the server is slow; the capture still arrives', async () => {
      const m = await mountSignup(server, { 'submit-wait': '100' });
      const frame = landingFrame(m, 'slow-landing');
      await server.answer('hold', 1);
      m.form.querySelector('button')!.click();
      await until(() => frame.contentDocument?.getElementById('echo'), 'the form to go on');
      expect((await server.posts()).map((p) => p.status)).to.deep.equal([0]);
      await server.release();
      await until(async () => (await server.posts())[0]?.status === 201, 'the capture');
    });

    it('a second click while the submission is held sends the form once', async () => {
      const m = await mountSignup(server);
      const frame = landingFrame(m, 'once-landing');
      let resubmits = 0;
      m.form.requestSubmit = (submitter) => {
        resubmits += 1;
        HTMLFormElement.prototype.requestSubmit.call(m.form, submitter);
      };
      await server.answer('hold', 1);
      m.form.querySelector('button')!.click();
      await until(async () => (await server.posts()).length === 1, 'the held capture');
      m.form.querySelector('button')!.click();
      await server.release();
      await until(() => frame.contentDocument?.getElementById('echo'), 'the form to arrive');
      expect(resubmits).to.equal(1);
      expect((await server.posts()).map((p) => p.status)).to.deep.equal([201]);
    });

    it('reset unticks every box and keeps a capture id in FormData; after a submission it is a new id', async () => {
      const m = await mountSignup(server);
      m.type('adSoyad', 'Ayşe Yılmaz');
      m.type('telefon', '05321234567');
      await tick(m, 'ARAMA');
      await tick(m, 'kitap-onerileri');
      const first = new FormData(m.form).get('izinli');
      m.form.reset();
      await m.element.updateComplete;
      expect(m.box('ARAMA').checked).to.equal(false);
      expect(m.box('kitap-onerileri').checked).to.equal(false);
      expect(new FormData(m.form).get('izinli')).to.equal(first);
      expect(m.root.querySelector('[part~=error]')!.textContent).to.equal('');

      submitInPlace(m.form);
      await until(async () => (await server.posts()).length === 1, 'the capture');
      m.form.reset();
      await m.element.updateComplete;
      const second = new FormData(m.form).get('izinli');
      expect(second).to.match(UUID).and.not.equal(first);
    });

    it('a changed answer after a submission gets a new capture id, an unchanged one is not sent again', async () => {
      const m = await mountSignup(server);
      submitInPlace(m.form);
      await until(async () => (await server.posts()).length === 1, 'the first capture');
      submitInPlace(m.form);
      await tick(m, 'kitap-onerileri');
      submitInPlace(m.form);
      const posts = await until(async () => {
        const all = await server.posts();
        return all.length === 2 && all;
      }, 'the second capture');
      expect(posts.map((p) => p.status)).to.deep.equal([201, 201]);
      expect(posts[1]!.id).to.not.equal(posts[0]!.id);
      expect(posts[1]!.body.purposes['kitap-onerileri']).to.equal(true);
      expect(new FormData(m.form).get('izinli')).to.equal(posts[1]!.id);
    });

    it('restores the ticked boxes when the browser restores the form (formStateRestoreCallback)', async () => {
      const m = await mountSignup(server);
      const before = m.element.value;
      const state = JSON.stringify({
        channels: { EPOSTA: true },
        purposes: { 'kitap-onerileri': true },
      });
      m.element.formStateRestoreCallback(state);
      await m.element.updateComplete;
      expect(m.box('EPOSTA').checked).to.equal(true);
      expect(m.box('kitap-onerileri').checked).to.equal(true);
      expect(m.box('MESAJ').checked).to.equal(false);
      expect(m.element.value).to.equal(before);
    });

    it('honours a disabled fieldset: boxes disabled, no value submitted, nothing captured', async () => {
      const m = await mount(
        { site: SITE, endpoint: server.endpoint, 'name-field': 'adSoyad', 'email-field': 'eposta' },
        '<input name="adSoyad" aria-label="Ad soyad"><input name="eposta" aria-label="E-posta">',
      );
      const fieldset = document.createElement('fieldset');
      m.form.prepend(fieldset);
      fieldset.append(m.element);
      fieldset.disabled = true;
      await m.element.updateComplete;
      expect(m.box('EPOSTA').disabled).to.equal(true);
      expect(new FormData(m.form).has('izinli')).to.equal(false);
      submitInPlace(m.form);
      fieldset.disabled = false;
      await m.element.updateComplete;
      expect(m.box('EPOSTA').disabled).to.equal(false);
      expect(await server.posts()).to.deep.equal([]);
    });
  });
});
