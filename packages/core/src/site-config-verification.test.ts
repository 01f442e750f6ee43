/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately invalid configs by hand. */
// The site's verification policy (docs/verification.md#configuration): its defaults, the refusals
// the config check gives (each at its path, in both languages), and what the widget sees of it.
import { describe, expect, it } from 'vitest';
import { configWith, expectReadable, problemAt, problemsOf } from './site-config.test-support.js';
import { validateSiteConfig } from './site-config.js';
import { publicSiteConfig } from './site-config-public.js';
import { VerificationPolicy, verificationOf } from './site-config-verification.js';
import { exampleSiteConfig } from './site-config.fixture.js';

const validated = (input: unknown) => {
  const result = validateSiteConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('verification policy', () => {
  it('defaults to no verification: every channel none, 72 hours, 3 minutes, 3 sends', () => {
    const site = validated(configWith((c) => delete c.verification));
    expect(site.verification).toEqual({
      channels: {},
      holdHours: 72,
      codeMinutes: 3,
      maxSends: 3,
      messages: {},
    });
    for (const channel of ['MESAJ', 'ARAMA', 'EPOSTA'] as const) {
      expect(verificationOf(site.verification, channel)).toBe('none');
    }
    expect(verificationOf(undefined, 'MESAJ')).toBe('none');
    expect(VerificationPolicy.parse({ channels: { MESAJ: 'code' } })).toMatchObject({
      channels: { MESAJ: 'code' },
      holdHours: 72,
    });
  });

  it('accepts code for MESAJ and link for EPOSTA, with texts holding their placeholders', () => {
    const site = validated(
      configWith((c) => {
        c.verification = {
          channels: { MESAJ: 'code', ARAMA: 'none', EPOSTA: 'link' },
          holdHours: 24,
          messages: {
            tr: { sms: '{brand} kodunuz: {code}', emailText: 'Onaylamak için: {link}' },
          },
        };
      }),
    );
    expect(verificationOf(site.verification, 'MESAJ')).toBe('code');
    expect(verificationOf(site.verification, 'EPOSTA')).toBe('link');
    expect(site.verification.holdHours).toBe(24);
  });

  it('refuses a method for a channel the site does not offer, at verification.channels.EPOSTA', () => {
    const problem = problemAt('config.verificationChannel', (c) => {
      c.channels = c.channels.filter((x: any) => x.type !== 'EPOSTA');
      c.verification = { channels: { EPOSTA: 'link' } };
    });
    expect(problem).toMatchObject({
      path: ['verification', 'channels', 'EPOSTA'],
      received: '"link"',
      params: { channel: 'EPOSTA' },
    });
    expectReadable(problem);
  });

  it('refuses verifying ARAMA, at verification.channels.ARAMA (verify the number through MESAJ)', () => {
    const problem = problemAt(
      'config.verificationArama',
      (c) => (c.verification = { channels: { ARAMA: 'code' } }),
    );
    expect(problem).toMatchObject({ path: ['verification', 'channels', 'ARAMA'] });
    expect(problem.expected.en).toMatch(/MESAJ/);
    expectReadable(problem);
  });

  it('refuses a text without the placeholder its method needs, at its locale and field', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.verification = {
          channels: { MESAJ: 'code', EPOSTA: 'link' },
          messages: { en: { sms: 'Your code is here', emailText: 'Confirm: {code}' } },
        };
      }),
    );
    const found = problems.filter((p) => p.code === 'config.verificationText');
    expect(found.map((p) => [p.path, p.params?.placeholder])).toEqual([
      [['verification', 'messages', 'en', 'sms'], '{code}'],
      [['verification', 'messages', 'en', 'emailText'], '{link}'],
    ]);
    for (const p of found) expectReadable(p);
  });

  it('refuses numbers out of range with what it expects', () => {
    for (const [field, value] of [
      ['holdHours', 0],
      ['holdHours', 721],
      ['codeMinutes', 16],
      ['maxSends', 6],
      ['holdHours', 1.5],
    ] as const) {
      const problems = problemsOf(configWith((c) => (c.verification = { [field]: value })));
      expect(
        problems.map((p) => p.path),
        `${field} ${value}`,
      ).toContainEqual(['verification', field]);
    }
  });
});

describe('what the widget sees of the policy', () => {
  it('carries verification only when some channel is verified, without hold or texts', () => {
    expect(publicSiteConfig(exampleSiteConfig)).not.toHaveProperty('verification');
    const none = {
      ...exampleSiteConfig,
      verification: { ...exampleSiteConfig.verification, channels: { MESAJ: 'none' as const } },
    };
    expect(publicSiteConfig(none)).not.toHaveProperty('verification');
    const held = {
      ...exampleSiteConfig,
      verification: {
        ...exampleSiteConfig.verification,
        channels: { MESAJ: 'code' as const },
        messages: { tr: { sms: '{code}' } },
      },
    };
    expect(publicSiteConfig(held).verification).toEqual({
      channels: { MESAJ: 'code' },
      codeMinutes: 3,
      maxSends: 3,
    });
  });
});
