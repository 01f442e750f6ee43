/// <reference types="mocha" />
// The element in Chromium: accessibility first, then what it renders and in which language.
// Its life as a form control is in izinli-consent-form.browser.test.ts.
import { exampleSiteConfig } from '@izinli/core/fixtures';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import {
  HOST_FIELDS,
  SITE,
  TURKISH_ONLY_SITE,
  axeViolations,
  mount,
  mountSignup,
  onTurkishSignupPage,
  server,
  tick,
  until,
} from './browser.test-support.js';

const notice = (id: string, locale: string) =>
  exampleSiteConfig.notices
    .filter((n) => n.id === id && n.locale === locale)
    .sort((a, b) => b.version - a.version)[0]!;

describe('<izinli-consent>', () => {
  onTurkishSignupPage();

  async function openAll(root: ShadowRoot) {
    root.querySelectorAll('details').forEach((d) => (d.open = true));
  }

  describe('accessibility', () => {
    afterEach(async () => {
      await emulateMedia({ colorScheme: 'light' });
      document.documentElement.style.colorScheme = '';
    });

    it('has no axe-core violations in Turkish, with every text open', async () => {
      const m = await mountSignup(server);
      await openAll(m.root);
      expect(await axeViolations()).to.deep.equal([]);
    });

    it('has no axe-core violations in English, with a validation message showing', async () => {
      const m = await mountSignup(server, { lang: 'en' });
      await openAll(m.root);
      await tick(m, 'MESAJ');
      expect(m.root.querySelector('[part~=error]')!.textContent).to.match(/name and surname/);
      expect(await axeViolations()).to.deep.equal([]);
    });

    it('has no axe-core violations in dark mode, and turns dark when the page allows it', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      document.documentElement.style.colorScheme = 'light dark';
      const m = await mount({ site: SITE, endpoint: server.endpoint });
      await openAll(m.root);
      await tick(m, 'EPOSTA');
      expect(getComputedStyle(m.element).backgroundColor).to.equal('rgb(18, 18, 18)');
      expect(await axeViolations()).to.deep.equal([]);
    });

    it('stays light on a page that does not declare dark support, even when the system is dark', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const m = await mount({ site: SITE, endpoint: server.endpoint });
      expect(getComputedStyle(m.element).backgroundColor).to.equal('rgb(255, 255, 255)');
    });

    it('groups boxes in fieldsets with legends and labels every input', async () => {
      const m = await mount({ site: SITE, endpoint: server.endpoint });
      const legends = [...m.root.querySelectorAll('fieldset > legend')].map((l) => l.textContent);
      expect(legends).to.deep.equal([
        'İletişim bilgileriniz',
        notice('etk-onay', 'tr').title,
        'Açık rıza (isteğe bağlı)',
      ]);
      for (const input of m.root.querySelectorAll('input')) {
        expect(input.closest('label')?.textContent?.trim(), input.outerHTML).to.not.equal('');
      }
    });

    it('is operable with the keyboard alone: Tab reaches the boxes, Space ticks them', async () => {
      const m = await mountSignup(server);
      m.form.querySelector<HTMLInputElement>('[name=eposta]')!.focus();
      await sendKeys({ press: 'Tab' }); // the aydınlatma notice's summary
      expect(m.root.activeElement?.tagName).to.equal('SUMMARY');
      await sendKeys({ press: 'Enter' });
      expect(m.root.querySelector('details')!.open).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(m.root.activeElement).to.equal(m.box('MESAJ'));
      await sendKeys({ press: 'Space' });
      await m.element.updateComplete;
      expect(m.box('MESAJ').checked).to.equal(true);
      expect(m.box('MESAJ').matches(':focus-visible')).to.equal(true);
    });
  });

  describe('what it renders', () => {
    it('A5, B6: every channel box and every purpose box starts unticked', async () => {
      const m = await mountSignup(server);
      const boxes = [...m.root.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
      expect(boxes.map((b) => b.dataset.channel ?? b.dataset.purpose)).to.deep.equal([
        'MESAJ',
        'ARAMA',
        'EPOSTA',
        'kitap-onerileri',
        'yurt-disi-eposta-hizmeti',
      ]);
      expect(boxes.filter((b) => b.checked)).to.deep.equal([]);
    });

    it('A4: offers MESAJ and ARAMA only with a phone field, and EPOSTA only with an e-mail field', async () => {
      const channels = (m: { root: ShadowRoot }) =>
        [...m.root.querySelectorAll<HTMLInputElement>('[data-channel]')].map(
          (b) => b.dataset.channel,
        );
      const emailOnly = await mount(
        { site: SITE, endpoint: server.endpoint, 'name-field': 'adSoyad', 'email-field': 'eposta' },
        '<input name="adSoyad" aria-label="Ad soyad"><input name="eposta" aria-label="E-posta">',
      );
      expect(channels(emailOnly)).to.deep.equal(['EPOSTA']);
      const phoneOnly = await mount(
        {
          site: SITE,
          endpoint: server.endpoint,
          'name-field': 'adSoyad',
          'phone-field': 'telefon',
        },
        '<input name="adSoyad" aria-label="Ad soyad"><input name="telefon" aria-label="Telefon">',
      );
      expect(channels(phoneOnly)).to.deep.equal(['MESAJ', 'ARAMA']);
      const none = await mount(
        { site: SITE, endpoint: server.endpoint, 'name-field': 'adSoyad' },
        '<input name="adSoyad" aria-label="Ad soyad">',
      );
      expect(channels(none)).to.deep.equal([]);
      expect(none.root.querySelector('[part~=etk]')).to.equal(null);
      expect(none.root.querySelectorAll('[data-purpose]')).to.have.length(2);
    });

    it('A4: a named field the form does not have offers no channel for it', async () => {
      const m = await mount(
        { site: SITE, endpoint: server.endpoint, 'name-field': 'adSoyad', 'phone-field': 'gsm' },
        '<input name="adSoyad" aria-label="Ad soyad">',
      );
      expect(m.root.querySelectorAll('[data-channel]')).to.have.length(0);
    });

    it('A3, A4: without host fields it asks for name, phone and e-mail itself', async () => {
      const m = await mount({ site: SITE, endpoint: server.endpoint }, '');
      const own = [...m.root.querySelectorAll<HTMLInputElement>('[part~=input]')];
      expect(own.map((i) => [i.type, i.autocomplete])).to.deep.equal([
        ['text', 'name'],
        ['tel', 'tel'],
        ['email', 'email'],
      ]);
      expect(m.root.querySelectorAll('[data-channel]')).to.have.length(3);
    });

    it('phone rules: says next to its own phone field which numbers it takes, and asks for a mobile when MESAJ is ticked for a landline', async () => {
      const m = await mount({ site: SITE, endpoint: server.endpoint }, '');
      const phone = m.root.querySelector<HTMLInputElement>('[data-field=phone]')!;
      const hint = m.root.querySelector(`#${phone.getAttribute('aria-describedby')}`)!;
      expect(hint.textContent).to.match(/Türkiye’deki bir cep telefonu/);
      const typeOwn = async (field: string, value: string) => {
        const input = m.root.querySelector<HTMLInputElement>(`[data-field=${field}]`)!;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await m.element.updateComplete;
      };
      await typeOwn('fullName', 'Ayşe Yılmaz');
      await typeOwn('phone', '0212 345 67 89');
      await tick(m, 'ARAMA');
      expect(m.element.validity.valid, 'ARAMA to a landline').to.equal(true);
      await tick(m, 'MESAJ');
      expect(m.element.validity.valid).to.equal(false);
      expect(m.root.querySelector('[part~=error]')!.textContent).to.match(/yalnızca cep telefonu/);
      expect(phone.getAttribute('aria-describedby')).to.equal('phone-hint error');
      await typeOwn('phone', '+44 7911 123456');
      expect(m.root.querySelector('[part~=error]')!.textContent).to.match(/Türkiye telefon/);
      await typeOwn('phone', '0532 123 45 67');
      expect(m.element.validity.valid).to.equal(true);
    });

    it('B2, B3: shows the aydınlatma notice as its own disclosure, with no checkbox in or beside it', async () => {
      const m = await mountSignup(server);
      const aydinlatma = m.root.querySelector<HTMLDetailsElement>('[part~=aydinlatma]')!;
      const text = notice('kvkk-aydinlatma', 'tr');
      expect(aydinlatma.querySelector('summary')!.textContent).to.equal(text.title);
      expect(aydinlatma.querySelector('[part~=text]')!.textContent).to.equal(text.text);
      expect(aydinlatma.querySelector('input')).to.equal(null);
      expect(aydinlatma.closest('label, fieldset')).to.equal(null);
    });

    it('A7: shows the commercial-message text in full beside the channel boxes, from the site config', async () => {
      const m = await mountSignup(server);
      const etk = m.root.querySelector('[part~=etk]')!;
      expect(etk.querySelector('legend')!.textContent).to.equal(notice('etk-onay', 'tr').title);
      const text = etk.querySelector<HTMLElement>('[part~=text]')!;
      expect(text.textContent).to.equal(notice('etk-onay', 'tr').text);
      expect(text.closest('details')).to.equal(null);
      expect(text.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('B4: one box per purpose, labelled from the site config, each with its own consent text', async () => {
      const m = await mountSignup(server);
      const purposes = [...m.root.querySelectorAll('[part~=purpose]')];
      expect(purposes).to.have.length(exampleSiteConfig.purposes.length);
      exampleSiteConfig.purposes.forEach((p, i) => {
        expect(purposes[i]!.querySelectorAll('input[type=checkbox]')).to.have.length(1);
        expect(purposes[i]!.querySelector('label')!.textContent!.trim()).to.equal(p.label.tr);
        expect(purposes[i]!.querySelector('[part~=text]')!.textContent).to.equal(
          notice(p.noticeId, 'tr').text,
        );
      });
    });
  });

  describe('language', () => {
    afterEach(() => document.documentElement.setAttribute('lang', 'tr'));

    it('speaks English from its lang attribute, texts included', async () => {
      const m = await mountSignup(server, { lang: 'en' });
      expect(m.root.querySelector('[part~=base]')!.getAttribute('lang')).to.equal('en');
      expect(m.box('MESAJ').parentElement!.textContent!.trim()).to.equal('Text message (SMS)');
      expect(m.root.querySelector('[part~=aydinlatma] summary')!.textContent).to.equal(
        notice('kvkk-aydinlatma', 'en').title,
      );
    });

    it('speaks Turkish from <html lang> when the element has none, with Turkish casing', async () => {
      document.documentElement.lang = 'tr-TR';
      const style = document.createElement('style');
      style.textContent = 'izinli-consent::part(legend) { text-transform: uppercase }';
      document.head.append(style);
      try {
        const m = await mountSignup(server);
        expect(m.box('ARAMA').parentElement!.textContent!.trim()).to.equal('Telefon araması');
        const legends = [...m.root.querySelectorAll<HTMLElement>('legend')];
        // i → İ and ı → I only under Turkish rules: the page's CSS meets the texts' language.
        expect(legends.map((l) => l.innerText)).to.deep.equal([
          'TİCARİ ELEKTRONİK İLETİ ONAYI',
          'AÇIK RIZA (İSTEĞE BAĞLI)',
        ]);
      } finally {
        style.remove();
      }
    });

    it('follows a change of its lang attribute', async () => {
      const m = await mountSignup(server, { lang: 'tr' });
      m.element.lang = 'en';
      await until(
        () => m.root.querySelector('[part~=base]')?.getAttribute('lang') === 'en',
        'the English texts',
      );
    });

    it('asks again in Turkish when the site does not offer English', async () => {
      const m = await mount({
        site: TURKISH_ONLY_SITE,
        endpoint: server.endpoint,
        lang: 'en',
        ...HOST_FIELDS,
      });
      expect(m.root.querySelector('[part~=base]')!.getAttribute('lang')).to.equal('tr');
      expect(m.box('EPOSTA').parentElement!.textContent!.trim()).to.equal('E-posta');
    });
  });
});
