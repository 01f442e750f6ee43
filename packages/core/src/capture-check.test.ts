import { describe, expect, it } from 'vitest';
import { Capture } from './capture.js';
import type { CaptureInput } from './capture.js';
import { checkCaptureAgainstSite } from './capture-check.js';
import { problemMessage } from './problem.js';
import {
  EXAMPLE_SITE_KEY,
  exampleSiteConfig as config,
  exampleShownNotice,
  exampleShownNotices,
} from './site-config.fixture.js';

const base: CaptureInput = {
  id: '7d3f0c1e-9a2b-4c5d-8e6f-0a1b2c3d4e5f',
  siteKey: EXAMPLE_SITE_KEY,
  locale: 'tr',
  person: { fullName: 'Mehmet Öztürk', phone: '+90 532 123 45 67', email: 'mehmet@ornek.com.tr' },
  channels: { MESAJ: true, ARAMA: false, EPOSTA: true },
  purposes: { 'kitap-onerileri': true, 'yurt-disi-eposta-hizmeti': false },
  notices: exampleShownNotices(),
  widgetVersion: '1.0.0',
};

function check(edit: (c: CaptureInput) => void = () => {}) {
  const input = structuredClone(base);
  edit(input);
  return checkCaptureAgainstSite(Capture.parse(input), config);
}

describe('checkCaptureAgainstSite', () => {
  it('accepts a capture of the current texts in Turkish and in English', () => {
    expect(check()).toEqual([]);
    expect(
      check((c) => {
        c.locale = 'en';
        c.notices = c.notices.map((n) => exampleShownNotice(n.id, 'en'));
      }),
    ).toEqual([]);
  });

  it('B8: accepts an older version still defined, as a capture queued offline proves what was seen', () => {
    const old = config.notices.find((n) => n.id === 'kvkk-aydinlatma' && n.version === 1)!;
    expect(check((c) => (c.notices[0] = { id: old.id, version: 1, sha256: old.sha256 }))).toEqual(
      [],
    );
  });

  it('B8: refuses a hash that does not match the stored text, at notices[i].sha256', () => {
    const [problem] = check((c) => (c.notices[1]!.sha256 = 'a'.repeat(64)));
    expect(problem).toMatchObject({
      code: 'capture.noticeHashMismatch',
      path: ['notices', 1, 'sha256'],
      params: { rule: 'B8', id: 'etk-onay', version: 1 },
    });
    expect(problem!.expected.en).toContain(exampleShownNotice('etk-onay').sha256);
    expect(problemMessage(problem!, 'tr')).toContain('B8');
  });

  it('refuses a notice version the site never had, or a language version it lacks', () => {
    const problems = check((c) => {
      c.notices[1]!.version = 9;
      c.locale = 'en';
      c.notices[0] = {
        id: 'kvkk-aydinlatma',
        version: 1,
        sha256: exampleShownNotice('kvkk-aydinlatma').sha256,
      };
    });
    expect(problems.filter((p) => p.code === 'capture.unknownNotice').map((p) => p.path)).toEqual([
      ['notices', 0],
      ['notices', 1],
    ]);
  });

  it('B2: refuses a capture that does not name the aydınlatma notice as shown', () => {
    const [problem] = check((c) => (c.notices = c.notices.slice(1)));
    expect(problem).toMatchObject({
      code: 'capture.noticeNotShown',
      path: ['notices'],
      params: { id: 'kvkk-aydinlatma', rule: 'B2' },
    });
    expect(problem!.received).toContain('etk-onay');
  });

  it('needs the etk text when channel boxes were shown, and each answered purpose’s text', () => {
    const problems = check((c) => (c.notices = [c.notices[0]!]));
    expect(problems.map((p) => p.params?.id)).toEqual([
      'etk-onay',
      'riza-pazarlama-analizi',
      'riza-yurt-disi-aktarim',
    ]);
    expect(
      check((c) => {
        c.notices = [c.notices[0]!];
        c.channels = {};
        c.purposes = {};
      }),
    ).toEqual([]);
  });

  it('refuses another site’s key, a locale, recipient type or channel the site does not offer', () => {
    const onlyMesaj = { ...config, channels: [{ type: 'MESAJ' as const }] };
    const parsed = Capture.parse({
      ...base,
      siteKey: 'baska-bir-site-anahtari',
      recipientType: 'TACIR',
    });
    const problems = checkCaptureAgainstSite(parsed, onlyMesaj);
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['capture.siteMismatch', 'siteKey'],
      ['capture.notOffered', 'recipientType'],
      ['capture.notOffered', 'channels.ARAMA'],
      ['capture.notOffered', 'channels.EPOSTA'],
    ]);
    expect(problemMessage(problems[0]!, 'tr')).toContain(EXAMPLE_SITE_KEY);
    const trOnly = checkCaptureAgainstSite(Capture.parse({ ...base, locale: 'en' }), {
      ...config,
      locales: ['tr'],
    });
    expect(trOnly[0]).toMatchObject({
      code: 'capture.notOffered',
      path: ['locale'],
      received: '"en"',
    });
  });

  it('refuses a purpose the site does not define', () => {
    const [problem] = check((c) => (c.purposes['profilleme'] = true));
    expect(problem).toMatchObject({
      code: 'capture.unknownPurpose',
      path: ['purposes', 'profilleme'],
      received: '"profilleme"',
    });
    expect(problem!.expected.en).toContain('kitap-onerileri');
  });
});
