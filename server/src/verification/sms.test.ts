import { exampleServerConfig } from '@izinli/core/fixtures';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import { signWebhook } from '../webhooks/webhook-request.js';
import { webhookTargetsOf } from '../webhooks/webhook-targets.js';
import { smsEvent } from './sms.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const verification = {
  id: 'ver_1',
  siteKey: exampleServerConfig.tenants[0]!.sites[0]!.siteKey,
  locale: 'tr' as const,
  destination: '+905321234567',
  expiresAt: '2031-03-20T09:03:00.000Z',
};

describe('verification.sms event', () => {
  it('carries the number, the text, the locale and the secret’s end', () => {
    const event = smsEvent(
      verification,
      'Kod: 042917',
      () => 'evt_1',
      new Date('2031-03-20T09:00:00Z'),
    );
    expect(event).toEqual({
      id: 'evt_1',
      siteKey: verification.siteKey,
      type: 'verification.sms',
      payload: {
        verificationId: 'ver_1',
        siteKey: verification.siteKey,
        to: '+905321234567',
        text: 'Kod: 042917',
        locale: 'tr',
        expiresAt: '2031-03-20T09:03:00.000Z',
      },
      createdAt: '2031-03-20T09:00:00.000Z',
    });
  });

  it('is signed like every event and goes to the targets that take it (none listed: all)', async () => {
    const tenant = exampleServerConfig.tenants[0]!;
    const hook = (id: string, events?: string[]) => ({
      id,
      url: `https://${id}.example.com.tr/hook`,
      secret: { env: 'WH' },
      ...(events ? { events } : {}),
    });
    const loaded = await checkServerConfig(
      {
        ...exampleServerConfig,
        tenants: [
          {
            ...tenant,
            webhooks: [
              hook('all'),
              hook('sms', ['verification.sms']),
              hook('other', ['consent.delivered']),
            ],
          },
        ],
      },
      { IYS_PASSWORD: 'x', WH: SECRET },
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const event = smsEvent(verification, 'Kod: 042917', () => 'evt_1', new Date());
    expect(webhookTargetsOf(loaded.value, event).map((t) => t.webhookId)).toEqual(['all', 'sms']);
    const signed = signWebhook(new Webhook(SECRET), event, new Date());
    const received = new Webhook(SECRET).verify(signed.body, signed.headers) as {
      type: string;
      data: { to: string; text: string };
    };
    expect(received.type).toBe('verification.sms');
    expect(received.data).toMatchObject({ to: '+905321234567', text: 'Kod: 042917' });
  });
});
