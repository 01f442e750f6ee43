/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately invalid configs by hand. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemMessage } from './problem.js';
import {
  SiteConfig,
  checkSiteConfigHashes,
  currentNotice,
  findNotice,
  loadSiteConfig,
  siteConfigJsonSchema,
  validateSiteConfig,
} from './site-config.js';
import type { SiteConfigInput } from './site-config.js';
import { exampleSiteConfig } from './site-config.fixture.js';
import { configWith, problemsOf } from './site-config.test-support.js';

const minimal: SiteConfigInput = {
  siteKey: 'minimal-site-key-0001',
  name: 'Asgari Site',
  allowedOrigins: ['https://asgari.com.tr'],
  brand: { iysCode: 100200, brandCode: 100200 },
  channels: [{ type: 'EPOSTA' }],
  notices: exampleSiteConfig.notices,
  aydinlatmaNoticeId: 'kvkk-aydinlatma',
  etkNoticeId: 'etk-onay',
};

describe('the example site config fixture', () => {
  it('is valid as written', () => {
    expect(validateSiteConfig(exampleSiteConfig)).toEqual({ ok: true, value: exampleSiteConfig });
  });

  it('B8: holds the true hash of every notice text', async () => {
    expect(await checkSiteConfigHashes(exampleSiteConfig)).toEqual([]);
    expect((await loadSiteConfig(exampleSiteConfig)).ok).toBe(true);
  });
});

describe('site config defaults', () => {
  it('fills every optional setting with its safe default', () => {
    const result = validateSiteConfig(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      recipientTypes: ['BIREYSEL'],
      purposes: [],
      locales: ['tr', 'en'],
      retention: { yearsAfterEnd: 3 },
      confirmationEvent: true,
    });
  });

  it('B10: keeps a truncated IP by default, and full or none only when configured', () => {
    const parsed = SiteConfig.parse(minimal);
    expect(parsed.ipPolicy).toBe('truncated');
    expect(SiteConfig.parse({ ...minimal, ipPolicy: 'none' }).ipPolicy).toBe('none');
    expect(SiteConfig.parse({ ...minimal, ipPolicy: 'full' }).ipPolicy).toBe('full');
    const [problem] = problemsOf({ ...minimal, ipPolicy: 'partial' });
    expect(problem).toMatchObject({ path: ['ipPolicy'], received: '"partial"' });
    expect(problem!.expected.en).toContain('"truncated"');
  });

  it('A14: keeps evidence 3 years after the consent ends by default, 1–10 when configured', () => {
    expect(SiteConfig.parse(minimal).retention.yearsAfterEnd).toBe(3);
    expect(SiteConfig.parse({ ...minimal, retention: {} }).retention.yearsAfterEnd).toBe(3);
    expect(SiteConfig.parse({ ...minimal, retention: { yearsAfterEnd: 10 } }).retention).toEqual({
      yearsAfterEnd: 10,
    });
    for (const years of [0, 11, 2.5]) {
      const [problem] = problemsOf({ ...minimal, retention: { yearsAfterEnd: years } });
      expect(problem).toMatchObject({
        path: ['retention', 'yearsAfterEnd'],
        expected: { en: 'a whole number of years from 1 to 10' },
        received: String(years),
      });
    }
  });

  it('A15: emits the confirmation event unless switched off', () => {
    expect(SiteConfig.parse(minimal).confirmationEvent).toBe(true);
    expect(SiteConfig.parse({ ...minimal, confirmationEvent: false }).confirmationEvent).toBe(
      false,
    );
  });
});

describe('site config structure', () => {
  it('refuses unknown keys, so a typo is never silently ignored', () => {
    const [problem] = problemsOf({ ...minimal, defaultCheked: false });
    expect(problem).toMatchObject({ code: 'schema.unrecognized_keys', path: [] });
    expect(problem!.expected.en).toContain('defaultCheked');
  });

  it('names each missing required field', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.path[0])).toEqual([
      'siteKey',
      'name',
      'allowedOrigins',
      'brand',
      'channels',
      'notices',
      'aydinlatmaNoticeId',
    ]);
    expect(problems.every((p) => p.received === 'undefined (missing)')).toBe(true);
  });

  it('refuses a short or non-URL-safe site key', () => {
    for (const siteKey of ['short', 'has spaces in the key!!']) {
      const [problem] = problemsOf({ ...minimal, siteKey });
      expect(problem).toMatchObject({
        path: ['siteKey'],
        expected: { en: 'a site key of 16–128 URL-safe characters (A–Z, a–z, 0–9, _ and -)' },
      });
    }
  });

  it('refuses İYS and brand codes that are not positive whole numbers', () => {
    const problems = problemsOf({ ...minimal, brand: { iysCode: 0, brandCode: '123' } });
    expect(problems.map((p) => p.path)).toEqual([
      ['brand', 'iysCode'],
      ['brand', 'brandCode'],
    ]);
    expect(problems[0]!.expected.en).toBe('a positive whole İYS code');
  });

  it('refuses a channel that İYS does not know', () => {
    const [problem] = problemsOf({ ...minimal, channels: [{ type: 'SMS' }] });
    expect(problem).toMatchObject({ path: ['channels', 0, 'type'], received: '"SMS"' });
    expect(problem!.expected.en).toContain('"MESAJ"');
  });
});

describe('allowed origins', () => {
  it.each([
    'https://www.ornek.com.tr',
    'https://ornek.com.tr:8443',
    'http://localhost:8787',
    'http://127.0.0.1:3000',
    'http://[::1]:8080',
  ])('accepts the exact origin %s', (origin) => {
    expect(validateSiteConfig({ ...minimal, allowedOrigins: [origin] }).ok).toBe(true);
  });

  it.each([
    ['https://www.ornek.com.tr/', 'https://www.ornek.com.tr'],
    ['https://www.ornek.com.tr/kayit', 'https://www.ornek.com.tr'],
    ['https://WWW.Ornek.com.tr', 'https://www.ornek.com.tr'],
    ['https://www.ornek.com.tr:443', 'https://www.ornek.com.tr'],
    ['http://www.ornek.com.tr', 'https://www.ornek.com.tr'],
    ['https://örnek.com.tr', 'https://xn--rnek-4qa.com.tr'],
  ])('refuses %s and suggests %s', (origin, suggestion) => {
    const [problem] = problemsOf({ ...minimal, allowedOrigins: ['https://ok.com.tr', origin] });
    expect(problem).toMatchObject({
      code: 'config.originInvalid',
      path: ['allowedOrigins', 1],
      received: JSON.stringify(origin),
      params: { suggestion },
    });
    expect(problemMessage(problem!, 'tr')).toContain(`ör. ${suggestion}`);
  });

  it('refuses text that is no URL at all, or another scheme, without a guess', () => {
    for (const origin of ['ornek.com.tr', 'ftp://ornek.com.tr', '*']) {
      const [problem] = problemsOf({ ...minimal, allowedOrigins: [origin] });
      expect(problem).toMatchObject({ code: 'config.originInvalid', path: ['allowedOrigins', 0] });
      expect(problem!.params).toBeUndefined();
    }
  });

  it('needs at least one origin', () => {
    const [problem] = problemsOf({ ...minimal, allowedOrigins: [] });
    expect(problem).toMatchObject({ path: ['allowedOrigins'], received: '[]' });
  });
});

describe('checkSiteConfigHashes', () => {
  it('B8: catches a notice whose text changed without a new hash, naming the exact notice', async () => {
    const edited = configWith((c) => {
      c.notices[4].text += ' (güncellendi)';
    });
    const problems = await checkSiteConfigHashes(edited as never);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'notice.hashMismatch',
      path: ['notices', 4, 'sha256'],
      params: { rule: 'B8', id: 'etk-onay', locale: 'en', version: 1 },
    });
    const loaded = await loadSiteConfig(edited);
    expect(loaded.ok).toBe(false);
  });

  it('leaves hashes unchecked when the structure is already wrong', async () => {
    const loaded = await loadSiteConfig({ ...minimal, siteKey: 'x' });
    expect(!loaded.ok && loaded.error.map((p) => p.path)).toEqual([['siteKey']]);
  });
});

describe('currentNotice and findNotice', () => {
  it('picks the highest version of an id in a language as the current one', () => {
    expect(currentNotice(exampleSiteConfig, 'kvkk-aydinlatma', 'tr')?.version).toBe(2);
    expect(currentNotice(exampleSiteConfig, 'kvkk-aydinlatma', 'en')?.version).toBe(2);
    expect(currentNotice(exampleSiteConfig, 'yok', 'tr')).toBeUndefined();
  });

  it('finds an exact older version, and nothing for a version never defined', () => {
    expect(findNotice(exampleSiteConfig, 'kvkk-aydinlatma', 'tr', 1)?.version).toBe(1);
    expect(findNotice(exampleSiteConfig, 'kvkk-aydinlatma', 'en', 1)).toBeUndefined();
  });
});

describe('siteConfigJsonSchema', () => {
  const schema = siteConfigJsonSchema() as {
    $schema: string;
    required: string[];
    properties: Record<string, any>;
    additionalProperties: boolean;
  };

  it('is what z.toJSONSchema gives, as draft 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => z.toJSONSchema(SiteConfig, { io: 'input' })).not.toThrow();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('marks the fields an author must write as required, and defaulted ones as optional', () => {
    expect(schema.required.sort()).toEqual(
      [
        'aydinlatmaNoticeId',
        'allowedOrigins',
        'brand',
        'channels',
        'name',
        'notices',
        'siteKey',
      ].sort(),
    );
    expect(schema.properties.ipPolicy.default).toBe('truncated');
    expect(schema.properties.locales.default).toEqual(['tr', 'en']);
    expect(schema.properties.purposes.items.required).toEqual([
      'id',
      'kind',
      'category',
      'noticeId',
      'label',
    ]);
  });

  it('B6: tells editors that defaultChecked and required can only be false', () => {
    const purpose = schema.properties.purposes.items.properties;
    expect(purpose.defaultChecked.const).toBe(false);
    expect(purpose.required.const).toBe(false);
    expect(schema.properties.channels.items.properties.defaultChecked.const).toBe(false);
  });

  it('refuses unknown keys, like the validator', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.brand.additionalProperties).toBe(false);
  });

  it('gives editors a pattern and descriptions for origins', () => {
    const origin = schema.properties.allowedOrigins.items;
    expect(new RegExp(origin.pattern).test('https://www.ornek.com.tr')).toBe(true);
    expect(new RegExp(origin.pattern).test('https://www.ornek.com.tr/yol')).toBe(false);
    expect(schema.properties.allowedOrigins.description).toMatch(/Exact origins/);
  });
});
