// The capture the widget builds is checked with the server's own rules: core's schema
// (validateCapture) and its site check (checkCaptureAgainstSite).
import { checkCaptureAgainstSite, publicSiteConfig, validateCapture } from '@izinli/core';
import type { Channel } from '@izinli/core';
import { exampleSiteConfig } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { buildDraft, offeredChannels } from './capture-draft.js';
import type { DraftInput } from './capture-draft.js';
import { shownPurposes } from './site-view.js';
import type { SiteView } from './site-view.js';

function viewIn(locale: 'tr' | 'en'): SiteView {
  const view = publicSiteConfig(exampleSiteConfig);
  return { ...view, locale, notices: view.notices.filter((n) => n.locale === locale) };
}

function draft(overrides: Partial<DraftInput> = {}) {
  const view = overrides.view ?? viewIn('tr');
  return buildDraft({
    view,
    recipientType: 'BIREYSEL',
    person: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'ayse@ornek.com.tr' },
    channels: ['MESAJ', 'ARAMA', 'EPOSTA'],
    purposes: shownPurposes(view),
    ticked: { channels: {}, purposes: {} },
    pageUrl: 'https://www.ornekkitabevi.com.tr/uye-ol',
    ...overrides,
  });
}

/** What the server would say about this body: [] when it stores it. */
function serverProblems(body: ReturnType<typeof draft>) {
  const capture = { id: crypto.randomUUID(), capturedAt: new Date().toISOString(), ...body };
  const validated = validateCapture(capture);
  if (!validated.ok) return validated.error.map((p) => p.code);
  return checkCaptureAgainstSite(validated.value, exampleSiteConfig).map((p) => p.code);
}

describe('buildDraft', () => {
  it('B5: all unticked is a valid capture that names every box shown as false', () => {
    const body = draft();
    expect(serverProblems(body)).toEqual([]);
    expect(body.channels).toEqual({ MESAJ: false, ARAMA: false, EPOSTA: false });
    expect(body.purposes).toEqual({ 'kitap-onerileri': false, 'yurt-disi-eposta-hizmeti': false });
  });

  it.each([['tr'], ['en']] as const)(
    'B8: names the current %s texts shown, with hashes',
    (locale) => {
      const body = draft({ view: viewIn(locale) });
      expect(serverProblems(body)).toEqual([]);
      expect(body.locale).toBe(locale);
      expect(body.notices.map((n) => `${n.id}@${n.version}`)).toEqual([
        'kvkk-aydinlatma@2',
        'etk-onay@1',
        'riza-pazarlama-analizi@1',
        'riza-yurt-disi-aktarim@1',
      ]);
    },
  );

  it('A3, A4: every combination of ticked channels and purposes passes the server’s checks', () => {
    const channels: Channel[] = ['MESAJ', 'ARAMA', 'EPOSTA'];
    for (let mask = 0; mask < 32; mask++) {
      const ticked = {
        channels: Object.fromEntries(channels.map((c, i) => [c, (mask & (1 << i)) > 0])),
        purposes: {
          'kitap-onerileri': (mask & 8) > 0,
          'yurt-disi-eposta-hizmeti': (mask & 16) > 0,
        },
      };
      expect(serverProblems(draft({ ticked })), `mask ${mask}`).toEqual([]);
    }
  });

  it('B2: without channel boxes the etk text is not named, the aydınlatma notice always is', () => {
    const body = draft({ channels: [] });
    expect(body.channels).toEqual({});
    expect(body.notices.map((n) => n.id)).toEqual([
      'kvkk-aydinlatma',
      'riza-pazarlama-analizi',
      'riza-yurt-disi-aktarim',
    ]);
    expect(serverProblems(body)).toEqual([]);
  });

  it('leaves out fields the server would refuse, and trims the rest', () => {
    const body = draft({ person: { fullName: ' A ', phone: '12', email: 'ayse@ornek' } });
    expect(body.person).toEqual({});
    expect(serverProblems(body)).toEqual([]);
    expect(draft({ person: { fullName: '  Ayşe Yılmaz ' } }).person).toEqual({
      fullName: 'Ayşe Yılmaz',
    });
  });

  it('A17: carries the recipient type, the widget version and the page without query', () => {
    const body = draft({ recipientType: 'TACIR', pageUrl: 'http://localhost:8787/' });
    expect(body.recipientType).toBe('TACIR');
    expect(body.widgetVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.pageUrl).toBe('http://localhost:8787/');
    expect(draft({ pageUrl: 'file:///x.html' }).pageUrl).toBeUndefined();
  });
});

describe('buildDraft with verified channels', () => {
  it('B5: names the code verifications the form started, and nothing when it started none', () => {
    const ticked = { channels: { MESAJ: true }, purposes: {} };
    expect(draft({ ticked, verifications: [] })).not.toHaveProperty('verifications');
    expect(draft({ ticked })).not.toHaveProperty('verifications');
    expect(draft({ ticked, verifications: ['v-1'] }).verifications).toEqual(['v-1']);
  });
});

describe('offeredChannels', () => {
  it('A4: phone channels need a phone field, EPOSTA an e-mail field, in the config’s order', () => {
    const view = viewIn('tr');
    expect(offeredChannels(view, { phone: true, email: true })).toEqual([
      'MESAJ',
      'ARAMA',
      'EPOSTA',
    ]);
    expect(offeredChannels(view, { phone: false, email: true })).toEqual(['EPOSTA']);
    expect(offeredChannels(view, { phone: true, email: false })).toEqual(['MESAJ', 'ARAMA']);
    expect(offeredChannels(view, { phone: false, email: false })).toEqual([]);
  });
});
