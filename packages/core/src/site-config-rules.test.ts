/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately invalid configs by hand. */
// Long because: one group per rule family of the site config, each config built by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPath, problemMessage } from './problem.js';
import {
  configWith,
  expectReadable,
  only,
  problemAt,
  problemsOf,
} from './site-config.test-support.js';
import { otherLegalBasisOf } from './site-config-legal-basis.js';
import { SiteConfig, validateSiteConfig } from './site-config.js';

/** The problem `code` of purposes[index][field] set to `value`: there, quoting it, for `rule`. */
function refusedPurpose(code: string, rule: string, index: number, field: string, value: unknown) {
  const problem = problemAt(code, (c) => (c.purposes[index][field] = value));
  expect(problem).toMatchObject({
    path: ['purposes', index, field],
    received: JSON.stringify(value),
    params: { rule },
  });
  return problem;
}

describe('pre-ticked and required boxes', () => {
  it('B6: refuses a pre-ticked purpose at purposes[1].defaultChecked', () => {
    const problem = problemAt('config.preTicked', (c) => (c.purposes[1].defaultChecked = true));
    expect(problem).toEqual({
      code: 'config.preTicked',
      path: ['purposes', 1, 'defaultChecked'],
      expected: {
        en: 'false or omitted: every consent box starts unticked',
        tr: 'false ya da hiç yazılmaması: her onay kutusu işaretsiz başlar',
      },
      received: 'true',
      params: { rule: 'B6' },
    });
    expect(formatPath(problem.path)).toBe('purposes[1].defaultChecked');
    expectReadable(problem);
  });

  it('A5: refuses a pre-ticked channel box at channels[2].defaultChecked', () => {
    const problem = problemAt('config.preTicked', (c) => (c.channels[2].defaultChecked = true));
    expect(problem).toMatchObject({
      path: ['channels', 2, 'defaultChecked'],
      params: { rule: 'A5' },
    });
    expectReadable(problem);
  });

  it('A5: accepts defaultChecked written out as false', () => {
    const input = configWith((c) => {
      c.channels[0].defaultChecked = false;
      c.purposes[0].defaultChecked = false;
    });
    expect(validateSiteConfig(input).ok).toBe(true);
  });

  it('B5: refuses a consent made required at purposes[0].required', () => {
    const problem = refusedPurpose('config.requiredConsent', 'B5', 0, 'required', true);
    expectReadable(problem);
    expect(validateSiteConfig(configWith((c) => (c.purposes[0].required = false))).ok).toBe(true);
  });

  it('B6: reports a pre-tick together with the cross-field problems of the same config', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.purposes[0].defaultChecked = true;
        c.purposes[1].noticeId = 'kvkk-aydinlatma';
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(['config.preTicked', 'config.noticeAsConsent']);
  });

  it('B6: the SiteConfig schema itself refuses pre-ticks, for callers that parse directly', () => {
    const result = SiteConfig.safeParse(configWith((c) => (c.purposes[0].defaultChecked = true)));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['purposes', 0, 'defaultChecked'],
      params: { code: 'config.preTicked', rule: 'B6' },
    });
  });
});

describe('bundled purposes', () => {
  it('B4: refuses a category given as a list, at purposes[0].category', () => {
    const problem = refusedPurpose('config.bundledPurpose', 'B4', 0, 'category', [
      'pazarlama',
      'profilleme',
    ]);
    expect(problem.expected.en).toContain('give each purpose its own entry');
    expectReadable(problem);
  });

  it.each([
    'pazarlama, profilleme',
    'pazarlama ve profilleme',
    'pazarlama-ve-profilleme',
    'analiz/profilleme',
    'marketing-and-profiling',
  ])('B4: refuses the category "%s", which names several purposes', (category) => {
    refusedPurpose('config.bundledPurpose', 'B4', 1, 'category', category);
  });

  it('B4: refuses a plural categories field on a purpose', () => {
    const problem = problemAt(
      'config.bundledPurpose',
      (c) => (c.purposes[0].categories = ['a', 'b']),
    );
    expect(problem).toMatchObject({ path: ['purposes', 0, 'categories'], received: '["a","b"]' });
  });

  it('B4: still reports other unknown keys beside a plural categories field', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.purposes[0].categories = ['a', 'b'];
        c.purposes[0].zorunlu = true;
      }),
    );
    expect(problems.map((p) => p.code)).toEqual([
      'config.bundledPurpose',
      'schema.unrecognized_keys',
    ]);
  });

  it('B4: refuses two purposes sharing one açık rıza text, pointing at the second', () => {
    const problem = refusedPurpose(
      'config.sharedConsentText',
      'B4',
      1,
      'noticeId',
      'riza-pazarlama-analizi',
    );
    expect(problem.params).toMatchObject({ other: 0 });
    expect(problem.expected.en).toContain('purposes[0]');
    expectReadable(problem);
  });

  it('B4: refuses a purpose whose consent text is the commercial-message (etk) text', () => {
    const problem = problemAt(
      'config.sharedConsentText',
      (c) => (c.purposes[0].noticeId = 'etk-onay'),
    );
    expect(problem).toMatchObject({ path: ['purposes', 0, 'noticeId'], params: { rule: 'B4' } });
  });

  it('refuses a category that is not an identifier, without calling it bundling', () => {
    const problem = problemAt(
      'config.categoryFormat',
      (c) => (c.purposes[0].category = 'Pazarlama_Analizi'),
    );
    expect(problem.path).toEqual(['purposes', 0, 'category']);
  });
});

describe('notice and consent kept apart', () => {
  it('B3: refuses a purpose whose consent text is the aydınlatma notice', () => {
    const problem = refusedPurpose(
      'config.noticeAsConsent',
      'B3',
      0,
      'noticeId',
      'kvkk-aydinlatma',
    );
    expectReadable(problem);
  });

  it('B3: refuses the aydınlatma notice used as the commercial-message consent text', () => {
    const problem = problemAt('config.noticeAsConsent', (c) => (c.etkNoticeId = 'kvkk-aydinlatma'));
    expect(problem).toMatchObject({ path: ['etkNoticeId'], params: { rule: 'B3' } });
  });

  it('B2: refuses a site offering English without an English aydınlatma notice, at locales[1]', () => {
    const input = configWith((c) => {
      c.notices = c.notices.filter((n: any) => !(n.id === 'kvkk-aydinlatma' && n.locale === 'en'));
    });
    const problem = only(problemsOf(input), 'config.aydinlatmaMissing');
    expect(problem).toMatchObject({
      path: ['locales', 1],
      received: '"en"',
      params: { rule: 'B2', id: 'kvkk-aydinlatma', locale: 'en' },
    });
    expectReadable(problem);
    expect(problemMessage(problem, 'tr')).toContain('her durumda gösterilmelidir');
  });

  it('B2: reports a missing locale even when locales is left to its default', () => {
    const input = configWith((c) => {
      delete c.locales;
      c.notices = c.notices.filter((n: any) => n.locale === 'tr');
    });
    const problem = only(problemsOf(input), 'config.aydinlatmaMissing');
    expect(problem).toMatchObject({ path: ['locales', 1], received: '"en"' });
  });

  it('B2: a Turkish-only site needs only Turkish texts and labels', () => {
    const input = configWith((c) => {
      c.locales = ['tr'];
      c.notices = c.notices.filter((n: any) => n.locale === 'tr');
      for (const p of c.purposes) delete p.label.en;
    });
    expect(validateSiteConfig(input).ok).toBe(true);
  });

  it('refuses an aydınlatmaNoticeId that names a consent text', () => {
    const problem = problemAt(
      'config.noticeKind',
      (c) => (c.aydinlatmaNoticeId = 'riza-pazarlama-analizi'),
    );
    expect(problem).toMatchObject({
      path: ['aydinlatmaNoticeId'],
      expected: { en: 'a notice of kind "aydinlatma"' },
    });
  });

  it('needs the etk text as soon as a channel is offered, and not otherwise', () => {
    const problem = problemAt('config.etkNoticeMissing', (c) => delete c.etkNoticeId);
    expect(problem).toMatchObject({ path: ['etkNoticeId'], received: 'undefined (missing)' });
    expectReadable(problem);
    const purposesOnly = configWith((c) => {
      delete c.etkNoticeId;
      c.channels = [];
    });
    expect(validateSiteConfig(purposesOnly).ok).toBe(true);
  });
});

describe('other legal basis', () => {
  it.each([
    'iys-izin-kaniti',
    'izin-kaydi-saklama',
    'yasal-yukumluluk',
    'consent-proof',
    'sozlesmenin-ifasi',
  ])('B9: refuses asking consent for "%s"', (category) => {
    const problem = refusedPurpose('config.otherLegalBasis', 'B9', 0, 'category', category);
    expect(typeof problem.params?.basis).toBe('string');
    expectReadable(problem);
  });

  it('B9: lets genuine consent purposes through', () => {
    for (const category of [
      'pazarlama-analizi',
      'profilleme',
      'yurt-disi-bulut-abd',
      'ilan',
      'kisiye-ozel-kampanya',
    ]) {
      expect(otherLegalBasisOf(category)).toBeUndefined();
    }
  });
});

describe('references, duplicates and coverage', () => {
  it('refuses a purpose naming a notice that is not defined', () => {
    const problem = problemAt('config.unknownNotice', (c) => (c.purposes[0].noticeId = 'riza-yok'));
    expect(problem).toMatchObject({
      path: ['purposes', 0, 'noticeId'],
      expected: { en: 'the id of a notice defined in `notices`' },
      received: '"riza-yok"',
    });
    expectReadable(problem);
  });

  it('refuses undefined aydınlatma and etk notices', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.aydinlatmaNoticeId = 'aydinlatma-yok';
        c.etkNoticeId = 'etk-yok';
      }),
    );
    expect(problems.filter((p) => p.code === 'config.unknownNotice').map((p) => p.path)).toEqual([
      ['aydinlatmaNoticeId'],
      ['etkNoticeId'],
    ]);
  });

  it('refuses duplicate purpose ids, channels, notice versions, origins and locales', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.purposes[1].id = c.purposes[0].id;
        c.channels.push({ type: 'MESAJ' });
        c.notices.push(structuredClone(c.notices[0]));
        c.allowedOrigins.push(c.allowedOrigins[0]);
        c.locales = ['tr', 'en', 'tr'];
      }),
    );
    const duplicates = problems
      .filter((p) => p.code === 'config.duplicate')
      .map((p) => formatPath(p.path));
    expect(duplicates.sort()).toEqual(
      [
        'allowedOrigins[3]',
        'channels[3].type',
        'locales[2]',
        'notices[9].version',
        'purposes[1].id',
      ].sort(),
    );
    const purposeDuplicate = problems.find((p) => formatPath(p.path) === 'purposes[1].id')!;
    expect(purposeDuplicate).toMatchObject({ received: '"kitap-onerileri"', params: { first: 0 } });
    expectReadable(purposeDuplicate);
  });

  it('refuses the same purpose asked twice under two ids', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.purposes[1].kind = 'processing';
        c.purposes[1].category = 'pazarlama-analizi';
      }),
    );
    expect(only(problems, 'config.duplicate').path).toEqual(['purposes', 1, 'category']);
  });

  it('refuses one notice id used for two kinds of text', () => {
    const problem = problemAt('config.noticeKind', (c) => (c.notices[8].kind = 'etk'));
    expect(problem).toMatchObject({ path: ['notices', 8, 'kind'], received: '"etk"' });
  });

  it('refuses a purpose label or consent text missing for an offered locale', () => {
    const problems = problemsOf(
      configWith((c) => {
        delete c.purposes[0].label.en;
        c.notices = c.notices.filter(
          (n: any) => !(n.id === 'riza-yurt-disi-aktarim' && n.locale === 'en'),
        );
      }),
    );
    expect(only(problems, 'config.labelMissing').path).toEqual(['purposes', 0, 'label', 'en']);
    expect(only(problems, 'config.noticeLocaleMissing')).toMatchObject({
      path: ['purposes', 1, 'noticeId'],
      params: { locale: 'en' },
    });
  });

  it('puts Turkish first', () => {
    const problem = problemAt('config.turkishFirst', (c) => (c.locales = ['en', 'tr']));
    expect(problem).toMatchObject({ path: ['locales', 0], received: '"en"' });
    expectReadable(problem);
  });

  it('refuses a config that asks nothing at all', () => {
    const problem = problemAt('config.nothingToAsk', (c) => {
      c.channels = [];
      c.purposes = [];
    });
    expect(problem.path).toEqual([]);
    expectReadable(problem);
  });
});

describe('B6: no config with a pre-ticked box ever validates', () => {
  it('holds for any choice of boxes ticked by default', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        (channelTicks, purposeTicks) => {
          const input = configWith((c) => {
            channelTicks.forEach((tick, i) => (c.channels[i].defaultChecked = tick));
            purposeTicks.forEach((tick, i) => (c.purposes[i].defaultChecked = tick));
          });
          const result = validateSiteConfig(input);
          const ticked = [...channelTicks, ...purposeTicks].filter(Boolean).length;
          expect(result.ok).toBe(ticked === 0);
          if (!result.ok)
            expect(result.error.filter((p) => p.code === 'config.preTicked')).toHaveLength(ticked);
        },
      ),
    );
  });
});
