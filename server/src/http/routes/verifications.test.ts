// The verification routes end to end in-process (docs/verification.md): a code by SMS (the
// `verification.sms` webhook event) typed in, a link by e-mail (a real SMTP server) opened and
// confirmed, both released to İYS movements with the documented consentDate; forged, replayed
// and expired links and codes; limits; and no address, code or token in the logs.
import { Writable } from 'node:stream';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import type { ServerConfigInput } from '@izinli/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../verification/smtp-server.test-support.js';
import type { TestSmtpServer } from '../../verification/smtp-server.test-support.js';
import { ORIGIN, makeHarness, validCapture } from '../app-harness.test-support.js';

const SECRET = 'whsec_' + Buffer.from('a'.repeat(32)).toString('base64');
const PHONE = '+905321234567';
const EMAIL = 'ayse.yilmaz@example.com.tr';

/** The example config with MESAJ by code and EPOSTA by link, and a webhook for the SMS. */
function verifyingConfig(): ServerConfigInput {
  const [tenant] = exampleServerConfig.tenants;
  const [site] = tenant!.sites;
  return {
    ...exampleServerConfig,
    tenants: [
      {
        ...tenant!,
        webhooks: [
          {
            id: 'sms',
            url: 'http://127.0.0.1:9/izinli',
            secret: { env: 'WEBHOOK_SMS' },
            allowPrivateNetwork: true,
          },
        ],
        sites: [{ ...site!, verification: { channels: { MESAJ: 'code', EPOSTA: 'link' } } }],
      },
    ],
  };
}

// Every log line the app writes, to assert what never reaches a log.
function logLines() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: pino({ level: 'trace' }, stream) };
}

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
let smtp: TestSmtpServer;
let clock: Date;
let logs: ReturnType<typeof logLines>;

beforeEach(async () => {
  smtp = await startSmtpServer();
  clock = new Date('2026-11-26T09:15:30.000Z');
  logs = logLines();
  h = await makeHarness({
    config: verifyingConfig(),
    env: { WEBHOOK_SMS: SECRET, SMTP_URL: smtp.url, SMTP_FROM: 'izin@ornekkitabevi.com.tr' },
    now: () => clock,
    logger: logs.logger,
  });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });

async function startCode(phone = PHONE) {
  const response = await post('/v1/verifications', {
    siteKey: EXAMPLE_SITE_KEY,
    channel: 'MESAJ',
    phone,
    locale: 'tr',
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { verificationId: string; expiresAt: string };
}

/** The code in the newest `verification.sms` event for `verificationId`. */
async function smsCode(verificationId: string): Promise<string> {
  const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
  const sms = events.find(
    (e) =>
      e.type === 'verification.sms' &&
      (e.payload as { verificationId: string }).verificationId === verificationId,
  );
  const text = (sms?.payload as { text: string } | undefined)?.text ?? '';
  return /\b(\d{6})\b/.exec(text)![1]!;
}

const tryCode = (id: string, code: string) => post(`/v1/verifications/${id}/code`, { code });

describe('a code by SMS', () => {
  it('A20: is sent as a signed webhook event, confirms once typed, and the capture naming it is released to İYS with the capture’s date', async () => {
    const { verificationId } = await startCode('0532 123 45 67');
    const [sms] = (await h.store.webhookEvents(EXAMPLE_SITE_KEY)).filter(
      (e) => e.type === 'verification.sms',
    );
    expect(sms!.payload).toMatchObject({ verificationId, to: PHONE });
    const code = await smsCode(verificationId);
    expect((await tryCode(verificationId, code)).status).toBe(200);

    clock = new Date(clock.getTime() + 60_000);
    const capture = {
      ...validCapture({ channels: { MESAJ: true } }),
      verifications: [verificationId],
    };
    const captured = await post('/v1/captures', capture);
    expect(captured.status).toBe(201);
    expect(((await captured.json()) as { verification: unknown }).verification).toEqual([
      { channel: 'MESAJ', method: 'code', state: 'confirmed' },
    ]);
    const stored = await h.store.getCapture(capture.id);
    const movements = await h.store.movements({});
    const onay = movements.filter((m) => m.type === 'MESAJ' && m.status === 'ONAY');
    expect(onay).toHaveLength(1);
    // Confirmed before the form was sent: İYS gets the capture's own date.
    expect(onay[0]!.consentDate).toBe(
      stored!.record!.kind === 'capture' ? stored!.record!.consentDate : '',
    );
    expect(onay[0]!.captureId).not.toBe(capture.id);
  });

  it('A20: locks after three wrong codes; the right code then fails too, until a new code is sent', async () => {
    const { verificationId } = await startCode();
    const code = await smsCode(verificationId);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await tryCode(verificationId, wrong);
    expect(first.status).toBe(422);
    expect(
      ((await first.json()) as { error: { code: string; attemptsLeft: number } }).error,
    ).toMatchObject({ code: 'verification.codeWrong', attemptsLeft: 2 });
    const second = await tryCode(verificationId, wrong);
    expect(second.status).toBe(422);
    expect(((await second.json()) as { error: { attemptsLeft: number } }).error.attemptsLeft).toBe(
      1,
    );
    const third = await tryCode(verificationId, wrong);
    expect(third.status).toBe(410);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe(
      'verification.locked',
    );
    expect((await tryCode(verificationId, code)).status).toBe(410);
    // A new code starts a new attempt (within maxSends), as the widget's "Yeni kod gönder" asks.
    clock = new Date(clock.getTime() + 31_000);
    expect((await post(`/v1/verifications/${verificationId}/resend`, {})).status).toBe(200);
    const codes = (await h.store.webhookEvents(EXAMPLE_SITE_KEY))
      .filter((e) => e.type === 'verification.sms')
      .map((e) => /\b(\d{6})\b/.exec((e.payload as { text: string }).text)![1]!);
    expect((await tryCode(verificationId, codes[0]!)).status).toBe(200);
  });

  it('expires after its minutes; a resend waits, then makes a new code and the old one stops working', async () => {
    const { verificationId } = await startCode();
    const first = await smsCode(verificationId);
    expect((await post(`/v1/verifications/${verificationId}/resend`, {})).status).toBe(429);
    clock = new Date(clock.getTime() + 4 * 60_000);
    const late = await tryCode(verificationId, first);
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe(
      'verification.codeExpired',
    );
    expect((await post(`/v1/verifications/${verificationId}/resend`, {})).status).toBe(200);
    const second = (await h.store.webhookEvents(EXAMPLE_SITE_KEY))
      .filter((e) => e.type === 'verification.sms')
      .map((e) => /\b(\d{6})\b/.exec((e.payload as { text: string }).text)![1]!);
    expect(second).toHaveLength(2);
    const fresh = second[0]!;
    if (fresh !== first) expect((await tryCode(verificationId, first)).status).toBe(422);
    expect((await tryCode(verificationId, fresh)).status).toBe(200);
  });

  it('is refused for another origin, a channel not verified by code, a landline, and past the per-address limit', async () => {
    const foreign = await post(
      '/v1/verifications',
      { siteKey: EXAMPLE_SITE_KEY, channel: 'MESAJ', phone: PHONE },
      { Origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const email = await post('/v1/verifications', {
      siteKey: EXAMPLE_SITE_KEY,
      channel: 'EPOSTA',
      email: EMAIL,
    });
    expect(email.status).toBe(422);
    const landline = await post('/v1/verifications', {
      siteKey: EXAMPLE_SITE_KEY,
      channel: 'MESAJ',
      phone: '0212 123 45 67',
    });
    expect(landline.status).toBe(422);
    for (let i = 0; i < 5; i += 1) await startCode('0532 765 43 21');
    const sixth = await post('/v1/verifications', {
      siteKey: EXAMPLE_SITE_KEY,
      channel: 'MESAJ',
      phone: '0532 765 43 21',
    });
    expect(sixth.status).toBe(429);
  });
});

describe('a link by e-mail', () => {
  it('A20: goes out by SMTP; GET only asks, POST confirms once; the movement gets the confirmation time; forged and replayed links change nothing', async () => {
    const capture = validCapture({ channels: { EPOSTA: true } });
    const captured = await post('/v1/captures', capture);
    expect(captured.status).toBe(201);
    expect(((await captured.json()) as { verification: unknown }).verification).toEqual([
      { channel: 'EPOSTA', method: 'link', state: 'sent' },
    ]);
    expect(await h.store.movements({ captureId: capture.id })).toEqual([]);
    await h.verificationWorker!.runOnce();
    expect(smtp.messages).toHaveLength(1);
    const link = /https?:\/\/\S+\/v1\/confirm\/\S+/.exec(smtp.messages[0]!.text ?? '')![0];
    const path = new URL(link).pathname;

    const forged = await h.app.request(path.slice(0, -4) + 'AAAA');
    expect(forged.status).toBe(404);
    const asked = await h.app.request(path);
    expect(asked.status).toBe(200);
    expect(await h.store.movements({})).toEqual([]);

    clock = new Date(clock.getTime() + 2 * 86_400_000);
    const confirmed = await h.app.request(path, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const again = await h.app.request(path, { method: 'POST' });
    expect(again.status).toBe(200);
    const onay = (await h.store.movements({})).filter((m) => m.type === 'EPOSTA');
    expect(onay).toHaveLength(1);
    // Opened two days later: İYS gets the day it was confirmed.
    expect(onay[0]!.consentDate).toBe('2026-11-28 12:15:30');
  });

  it('A20: expires unsent after the hold, with a verification.expired event and no movement', async () => {
    const capture = validCapture({ channels: { EPOSTA: true } });
    expect((await post('/v1/captures', capture)).status).toBe(201);
    await h.verificationWorker!.runOnce();
    clock = new Date(clock.getTime() + 73 * 3_600_000);
    await h.verificationWorker!.runOnce();
    const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(events.find((e) => e.type === 'verification.expired')?.payload).toMatchObject({
      captureId: capture.id,
      channels: ['EPOSTA'],
    });
    expect(await h.store.movements({})).toEqual([]);
    const link = /https?:\/\/\S+\/v1\/confirm\/\S+/.exec(smtp.messages[0]!.text ?? '')![0];
    expect((await h.app.request(new URL(link).pathname, { method: 'POST' })).status).toBe(410);
  });
});

it('no address, code or link token reaches a log line', async () => {
  const { verificationId } = await startCode();
  const code = await smsCode(verificationId);
  await tryCode(verificationId, code === '000000' ? '111111' : '000000');
  await tryCode(verificationId, code);
  const capture = {
    ...validCapture({ channels: { MESAJ: true, EPOSTA: true } }),
    verifications: [verificationId],
  };
  await post('/v1/captures', capture);
  await h.verificationWorker!.runOnce();
  const token = /\/confirm\/([^\s]+)/.exec(smtp.messages[0]!.text ?? '')![1]!;
  const text = logs.lines.join('\n');
  expect(text.length).toBeGreaterThan(0);
  for (const secret of [PHONE, '5321234567', 'ayse@ornek.com.tr', code, token.split('.')[1]!]) {
    expect(text).not.toContain(secret);
  }
});
