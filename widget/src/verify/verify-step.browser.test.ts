/// <reference types="mocha" />
// The code step of verified consent in Chromium (docs/verification.md#the-flow), against the
// fake server's verification routes: when it appears, send, wrong, locked, expired, confirmed,
// resend timing, what the capture and its event carry, the link note, axe in every state.
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import {
  FAKE_CODE,
  SITE,
  VERIFYING_SITE,
  axeViolations,
  heard,
  mountSignup,
  onTurkishSignupPage,
  server,
  signUp,
  submitInPlace,
  tick,
  until,
} from '../browser.test-support.js';
import type { Mounted } from '../browser.test-support.js';

const q = <E extends Element = HTMLElement>(m: Mounted, selector: string) =>
  m.root.querySelector<E>(selector);
const status = (m: Mounted) => q(m, '[data-verify=MESAJ] [part~=verify-status]')?.textContent ?? '';

async function mountVerifying(lang = 'tr'): Promise<Mounted> {
  const m = await mountSignup(server, { site: VERIFYING_SITE, lang });
  // The step's chunk loads after the config: wait until the element has it.
  await signUp(m, ['MESAJ']);
  await until(() => q(m, '[data-verify=MESAJ]'), 'the code step');
  return m;
}

async function send(m: Mounted): Promise<HTMLInputElement> {
  q(m, '[part~=send]')!.click();
  return until(() => q<HTMLInputElement>(m, '[data-code=MESAJ]'), 'the code input');
}

async function typeCode(m: Mounted, code: string): Promise<void> {
  const input = q<HTMLInputElement>(m, '[data-code=MESAJ]')!;
  input.focus();
  input.value = '';
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

/** Submits the form; the capture names the code step's verification, its event says `state`. */
async function submitNamingVerification(
  m: Mounted,
  state: 'confirmed' | 'unverified',
): Promise<void> {
  const captured = heard('izinli-captured');
  submitInPlace(m.form);
  await until(() => captured.length, 'izinli-captured');
  const [post] = await server.posts();
  const [started] = await server.verificationPosts();
  expect(post!.status).to.equal(201);
  expect(post!.body.verifications).to.deep.equal([started!.id]);
  expect(captured[0]!.verification).to.deep.equal([{ channel: 'MESAJ', method: 'code', state }]);
}

describe('the code step', () => {
  onTurkishSignupPage();

  it('appears only under a ticked code channel with a usable address (B5: link and none ask nothing)', async () => {
    const m = await mountSignup(server, { site: VERIFYING_SITE });
    m.type('adSoyad', 'Ayşe Yılmaz');
    m.type('telefon', '0532 12');
    await tick(m, 'MESAJ');
    await tick(m, 'EPOSTA');
    await tick(m, 'ARAMA');
    await new Promise((r) => setTimeout(r, 200));
    expect(q(m, '[part~=verify]'), 'no step for an unusable number').to.equal(null);
    m.type('telefon', '0532 123 45 67');
    m.type('eposta', 'ayse.yilmaz@ornek.com.tr');
    await until(() => q(m, '[data-verify=MESAJ]'), 'the MESAJ step');
    await m.element.updateComplete;
    expect(
      [...m.root.querySelectorAll('[part~=verify]')].map((n) => n.getAttribute('data-verify')),
    ).to.deep.equal(['MESAJ']);
    expect(q(m, '[part~=send]')!.textContent!.trim()).to.equal('Kodu gönder');
    expect(q(m, '[part~=verify]')!.getAttribute('role')).to.equal('group');
    expect(q(m, '[part~=verify]')!.getAttribute('aria-label')).to.equal(
      'Telefon numaranızın doğrulanması',
    );
    await tick(m, 'MESAJ');
    expect(q(m, '[part~=verify]'), 'unticked: no step').to.equal(null);
  });

  it('is never loaded for a site that verifies nothing', async () => {
    const m = await mountSignup(server, { site: SITE });
    await signUp(m, ['MESAJ']);
    await new Promise((r) => setTimeout(r, 200));
    expect(q(m, '[part~=verify]')).to.equal(null);
  });

  it('sends, takes the code and says Doğrulandı; the capture names the verification and its event says confirmed', async () => {
    const m = await mountVerifying();
    expect(await axeViolations(), 'before sending').to.deep.equal([]);
    const input = await send(m);
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('pattern')).to.equal('[0-9]{6}');
    expect(input.closest('label')!.textContent).to.contain('Doğrulama kodu');
    await until(() => m.root.activeElement === input, 'focus on the code input');
    expect(status(m)).to.equal('Kod telefonunuza gönderildi.');
    expect(q(m, '[part~=verify-status]')!.getAttribute('aria-live')).to.equal('polite');
    expect(await axeViolations(), 'sent').to.deep.equal([]);
    const [started] = await server.verificationPosts();
    expect(started!.body).to.deep.equal({
      siteKey: VERIFYING_SITE,
      channel: 'MESAJ',
      phone: '0532 123 45 67',
      locale: 'tr',
    });

    await typeCode(m, FAKE_CODE);
    await until(() => status(m) === '✓ Doğrulandı', 'Doğrulandı');
    expect(q(m, '[data-code=MESAJ]'), 'no input once confirmed').to.equal(null);
    expect(m.root.activeElement).to.equal(m.box('MESAJ'));
    expect(await axeViolations(), 'confirmed').to.deep.equal([]);

    await submitNamingVerification(m, 'confirmed');
  });

  it('says how many tries are left after a wrong code, then locks', async () => {
    const m = await mountVerifying();
    const input = await send(m);
    await typeCode(m, '111111');
    await until(() => status(m).includes('2 deneme'), 'two tries left');
    expect(status(m)).to.equal('Kod yanlış; 2 deneme hakkınız kaldı.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(m.root.activeElement).to.equal(input);
    expect(await axeViolations(), 'wrong').to.deep.equal([]);
    await typeCode(m, '111112');
    await until(() => status(m).includes('1 deneme'), 'one try left');
    await typeCode(m, '111113');
    await until(() => status(m).startsWith('Çok fazla'), 'locked');
    expect(q(m, '[data-code=MESAJ]'), 'no input once locked').to.equal(null);
    expect(q<HTMLButtonElement>(m, '[part~=resend]')).to.not.equal(null);
    expect(await axeViolations(), 'locked').to.deep.equal([]);
  });

  it('asks for the 6-digit code before sending anything else', async () => {
    const m = await mountVerifying();
    await send(m);
    await typeCode(m, '12');
    await until(() => status(m) === 'Size gelen 6 haneli kodu yazın.', 'the shape message');
    expect((await server.verificationPosts()).map((p) => p.path)).to.deep.equal(['verifications']);
  });

  it('says an expired code is expired; a new code can be asked after resendAfter, not before', async () => {
    await server.resendAfter(1);
    const m = await mountVerifying();
    await send(m);
    const resend = q<HTMLButtonElement>(m, '[part~=resend]')!;
    expect(resend.disabled, 'not yet').to.equal(true);
    await server.expire();
    await typeCode(m, FAKE_CODE);
    await until(() => status(m) === 'Kodun süresi doldu; yeni bir kod isteyin.', 'expired');
    expect(await axeViolations(), 'expired').to.deep.equal([]);
    await until(() => !q<HTMLButtonElement>(m, '[part~=resend]')!.disabled, 'resend enabled', 3000);
    q(m, '[part~=resend]')!.click();
    const input = await until(() => q<HTMLInputElement>(m, '[data-code=MESAJ]'), 'the input again');
    await until(() => m.root.activeElement === input, 'focus on the new code input');
    expect(q<HTMLButtonElement>(m, '[part~=resend]')!.disabled, 'waits again').to.equal(true);
    await typeCode(m, FAKE_CODE);
    await until(() => status(m) === '✓ Doğrulandı', 'confirmed with the new code');
    expect((await server.verificationPosts()).map((p) => p.path)).to.deep.equal([
      'verifications',
      'code',
      'resend',
      'code',
    ]);
  });

  it('starts over when the number changes after sending', async () => {
    const m = await mountVerifying();
    await send(m);
    m.type('telefon', '0533 765 43 21');
    await until(() => q(m, '[part~=send]'), 'the send button again');
    expect(q(m, '[data-code=MESAJ]')).to.equal(null);
    expect(status(m)).to.equal('');
  });

  it('never blocks the form (B5): without a code the capture still goes, naming the unconfirmed verification', async () => {
    const m = await mountVerifying();
    await send(m);
    await submitNamingVerification(m, 'unverified');
  });

  it('speaks English on an English page', async () => {
    const m = await mountVerifying('en');
    expect(q(m, '[part~=send]')!.textContent!.trim()).to.equal('Send code');
    const input = await send(m);
    expect(input.closest('label')!.textContent).to.contain('Verification code (6 digits)');
    expect(status(m)).to.equal('The code was sent to your phone.');
    await typeCode(m, '000000');
    await until(() => status(m) === 'Wrong code; 2 attempts left.', 'the English wrong-code text');
    await typeCode(m, FAKE_CODE);
    await until(() => status(m) === '✓ Verified', 'Verified');
    expect(await axeViolations()).to.deep.equal([]);
  });

  it('after the capture, says a confirmation link was sent for a link channel, in the page language', async () => {
    for (const [lang, text] of [
      ['tr', 'Onay bağlantısı e-posta adresinize gönderildi.'],
      ['en', 'A confirmation link was sent to your e-mail address.'],
    ] as const) {
      const m = await mountSignup(server, { site: VERIFYING_SITE, lang });
      await signUp(m, ['EPOSTA']);
      await until(() => q(m, '[part~=verify-note]'), 'the note region');
      expect(q(m, '[part~=verify-note]')!.textContent).to.equal('');
      const captured = heard('izinli-captured');
      submitInPlace(m.form);
      await until(() => captured.length, 'izinli-captured');
      expect(captured[0]!.verification).to.deep.equal([
        { channel: 'EPOSTA', method: 'link', state: 'sent' },
      ]);
      await until(() => q(m, '[part~=verify-note]')!.textContent === text, `the ${lang} note`);
      expect(await axeViolations()).to.deep.equal([]);
      m.form.parentElement!.remove();
    }
  });
});
