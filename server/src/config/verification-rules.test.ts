import { describe, expect, it } from 'vitest';
import { problemMessage } from '@izinli/core';
import type { ServerConfigInput } from '@izinli/core';
import { exampleServerConfig, exampleSiteConfig } from '@izinli/core/fixtures';
import { checkServerConfig } from './load-config.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SMTP = { SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'izin@ornek.com.tr' };

/** The example config verifying `channels`, its tenant's webhooks as given. */
function verifying(
  channels: Record<string, string>,
  webhooks: { id: string; events?: string[] }[] = [],
): ServerConfigInput {
  const tenant = exampleServerConfig.tenants[0]!;
  return {
    ...exampleServerConfig,
    tenants: [
      {
        ...tenant,
        webhooks: webhooks.map((w) => ({
          url: `https://${w.id}.example.com.tr/hook`,
          secret: { env: 'WH' },
          ...w,
        })),
        sites: [{ ...exampleSiteConfig, verification: { channels } }],
      },
    ],
  } as ServerConfigInput;
}

const check = (config: ServerConfigInput, env: Record<string, string> = {}) =>
  checkServerConfig(config, { IYS_PASSWORD: 'x', WH: SECRET, ...env });

/** Where a site's policy for `channel` sits in the example config. */
const channelPath = (channel: string) => [
  'tenants',
  0,
  'sites',
  0,
  'verification',
  'channels',
  channel,
];

/** Expects `config` refused with one problem like `problem`, its messages saying `en` and `tr`. */
async function expectOneProblem(
  config: ServerConfigInput,
  problem: Record<string, unknown>,
  says: { en: string; tr: string },
) {
  const result = await check(config);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toEqual([expect.objectContaining(problem)]);
  expect(problemMessage(result.error[0]!, 'en')).toContain(says.en);
  expect(problemMessage(result.error[0]!, 'tr')).toContain(says.tr);
}

describe('verification against the server (docs/verification.md#configuration)', () => {
  it('refuses an EPOSTA code or link without SMTP_URL, saying what to set', async () => {
    for (const method of ['code', 'link']) {
      const problem = { code: 'config.verificationNeedsSmtp', received: method };
      await expectOneProblem(
        verifying({ EPOSTA: method }),
        { ...problem, path: channelPath('EPOSTA') },
        {
          en: 'Set SMTP_URL (smtp:// or smtps://) and SMTP_FROM, or choose "none" for EPOSTA',
          tr: 'SMTP_URL (smtp:// ya da smtps://) ve SMTP_FROM tanımlanmalı',
        },
      );
    }
    expect((await check(verifying({ EPOSTA: 'link' }), SMTP)).ok).toBe(true);
    expect((await check(verifying({ EPOSTA: 'none' }))).ok).toBe(true);
  });

  it('refuses a MESAJ code or link when no webhook of the tenant takes verification.sms', async () => {
    for (const webhooks of [[], [{ id: 'crm', events: ['consent.delivered'] }]]) {
      const params = { method: 'code', tenant: 'ornek-kitabevi' };
      const problem = { code: 'config.verificationNeedsSmsWebhook', received: 'code', params };
      await expectOneProblem(
        verifying({ MESAJ: 'code' }, webhooks),
        { ...problem, path: channelPath('MESAJ') },
        {
          en: 'no webhook of tenant ornek-kitabevi takes verification.sms',
          tr: 'ornek-kitabevi kiracısının hiçbir webhook’u verification.sms almıyor',
        },
      );
    }
  });

  it('takes a MESAJ policy with a target of every event or one listing verification.sms', async () => {
    expect((await check(verifying({ MESAJ: 'code' }, [{ id: 'all' }]))).ok).toBe(true);
    const listed = [{ id: 'sms', events: ['verification.sms'] }];
    expect((await check(verifying({ MESAJ: 'link' }, listed))).ok).toBe(true);
  });

  it('reports both at once, and nothing for a site without verification', async () => {
    const result = await check(verifying({ MESAJ: 'code', EPOSTA: 'link' }));
    expect(!result.ok && result.error.map((p) => p.code)).toEqual([
      'config.verificationNeedsSmtp',
      'config.verificationNeedsSmsWebhook',
    ]);
    expect((await check(exampleServerConfig)).ok).toBe(true);
  });
});
