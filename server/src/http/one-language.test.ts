// Long because: the table of every error path of the API, one request each, is the test's input.
// One language per message: every error path of the API, asked in Turkish and in
// English, answers with a `message` and issue messages wholly in that language, while the machine
// fields (code, path, expected, received) stay the same whatever the language.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentNotice } from '@izinli/core';
import {
  EXAMPLE_ADMIN_TOKEN,
  EXAMPLE_SITE_KEY,
  exampleServerConfig,
  exampleSiteConfig,
} from '@izinli/core/fixtures';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupCommitter } from '../capture/group-commit.js';
import { signWithdrawalToken } from '../withdrawal/withdrawal-token.js';
import { requestLocale } from './api-error.js';
import { OTHER_SITE, ORIGIN, makeHarness, validCapture } from './app-harness.test-support.js';
import { PUSH_AUTH, TWO_TENANTS } from './fuzz/fuzz-harness.test-support.js';
import { foreignMarkers, withoutClientText } from './one-language.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** One request to send in both languages, and the error code it must meet. */
interface Case {
  name: string;
  /** The API's error code; undefined for a 200 whose body still carries messages. */
  code: string | undefined;
  /** Which app answers: the main one, one with a rate limit of 1, one that cannot sign links. */
  on?: 'main' | 'limited' | 'bare' | 'unstorable';
  /** Builds the request (after any setup it needs); sent as built, once per language. */
  make(h: Harness): Promise<Req> | Req;
}
interface Req {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const ADMIN = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const json = { Accept: 'application/json' };
const IYS_CODE = 100000;
const DAY = 86_400_000;
const clock = new Date('2026-11-26T09:15:30.000Z');

/** A POST as the widget sends it: JSON from the site's origin. */
const fromWidget = (path: string, body: unknown, headers: Record<string, string> = {}): Req => ({
  path,
  method: 'POST',
  headers: { ...JSON_TYPE, Origin: ORIGIN, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const capture = (body: unknown, headers: Record<string, string> = {}) =>
  fromWidget('/v1/captures', body, headers);
/** A press of the withdrawal link's button, answered as JSON. */
const linkButton = (body: string): Req => ({
  path: '/v1/withdraw',
  method: 'POST',
  headers: { ...JSON_TYPE, ...json },
  body,
});
const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => ({
  path,
  method,
  headers: { ...ADMIN, ...(body === undefined ? {} : JSON_TYPE) },
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
});
const pushTo = (body: string, headers: Record<string, string> = { Authorization: PUSH_AUTH }) => ({
  path: `/v1/iys/push/${IYS_CODE}`,
  method: 'POST',
  headers: { ...JSON_TYPE, ...headers },
  body,
});
const notice = (id: string) => {
  const n = currentNotice(exampleSiteConfig, id, 'tr')!;
  return { id, version: n.version, sha256: n.sha256 };
};
const withdrawal = { siteKey: EXAMPLE_SITE_KEY, recipient: { phone: '0532 123 45 67' } };
const token = (h: Harness, grant: { tenant: string; site: string }, from: number, to: number) =>
  signWithdrawalToken(
    (payload, typ) => h.ring.sign(payload, typ),
    {
      jti: randomUUID(),
      recipient: { phone: '+905321234567' },
      recipientType: 'BIREYSEL',
      channels: ['MESAJ'],
      ...grant,
    },
    new Date(clock.getTime() + from),
    new Date(clock.getTime() + to),
  );

const consent = {
  siteKey: EXAMPLE_SITE_KEY,
  source: 'HS_EORTAM',
  consentDate: '2026-11-26 10:00:00',
  recipient: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67' },
  channels: [{ type: 'MESAJ', status: 'ONAY' }],
  evidence: { kind: 'reference', reference: 'CRM-1' },
};
const evidenceUpload = (body: Uint8Array): Req => ({
  path: '/v1/admin/evidence-files',
  method: 'POST',
  headers: { ...ADMIN, 'Content-Type': 'application/octet-stream' },
  body,
});
const pdfOf = (size: number, tag: string) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(`%PDF-1.7\n% ${tag}\n`));
  return bytes;
};

const CASES: Case[] = [
  { name: 'an unknown route', code: 'route.unknown', make: () => ({ path: '/v1/yok' }) },
  {
    name: 'a console file name that names nothing',
    code: 'route.unknown',
    make: () => ({ path: '/admin/..%2Fpaket.json' }),
  },
  { name: 'the console not built', code: 'console.notBuilt', make: () => ({ path: '/admin' }) },
  {
    name: 'an HTTPException of Hono’s own (an embedder’s fallback throws one)',
    code: 'request.invalid',
    make: () => ({ path: '/hono-refuses' }),
  },
  {
    name: 'a store that fails',
    code: 'server.unavailable',
    on: 'bare',
    make: (h) => {
      h.store.checkpoints = () => Promise.reject(new Error('disk on fire'));
      return { path: '/v1/checkpoints' };
    },
  },
  // The request boundary.
  {
    name: 'a capture with a lone surrogate in a name',
    code: 'body.invalidText',
    make: () =>
      capture(validCapture({ person: { fullName: 'Ali \ud800 Veli', phone: '0532 123 45 67' } })),
  },
  {
    name: 'a NUL in an admin path',
    code: 'request.invalidText',
    make: () => ({ path: '/v1/admin/captures/%00', headers: ADMIN }),
  },
  {
    name: 'a capture the group commit cannot store',
    code: 'capture.unstorable',
    on: 'unstorable',
    make: () => capture(validCapture()),
  },
  {
    name: 'a withdrawal the group commit cannot store',
    code: 'withdrawal.unstorable',
    on: 'unstorable',
    make: () => admin('/v1/admin/withdrawals', { ...withdrawal, channels: ['MESAJ'] }),
  },
  {
    name: 'a malformed multipart form on the withdrawal button',
    code: 'body.malformed',
    make: () => ({
      path: '/v1/withdraw',
      method: 'POST',
      headers: { ...json, 'Content-Type': 'multipart/form-data; boundary=sinir' },
      body: 'bu bir form değil',
    }),
  },
  // The widget's script.
  {
    name: 'the widget script not built',
    code: 'widget.notBuilt',
    on: 'bare',
    make: () => ({ path: '/izinli.js' }),
  },
  {
    name: 'the widget script at a version this server does not serve',
    code: 'widget.unknownVersion',
    make: () => ({ path: '/widget/0.0.0-yok/izinli.js' }),
  },
  // The capture endpoint.
  {
    name: 'a capture that is not JSON by its type',
    code: 'body.unsupportedType',
    make: () => capture('{}', { 'Content-Type': 'text/html' }),
  },
  {
    name: 'a capture with no Content-Type',
    code: 'body.unsupportedType',
    make: () => ({ ...capture('{}'), headers: { Origin: ORIGIN }, body: new Uint8Array([123]) }),
  },
  { name: 'a capture cut short', code: 'body.notJson', make: () => capture('{"id":') },
  { name: 'a capture with a stray token', code: 'body.notJson', make: () => capture('{"id":}') },
  {
    name: 'a capture over the size limit',
    code: 'body.tooLarge',
    make: () => capture(JSON.stringify({ pad: 'x'.repeat(70_000) })),
  },
  {
    name: 'a capture of the wrong shape everywhere',
    code: 'capture.invalid',
    make: () =>
      capture({
        id: 5,
        siteKey: 'kısa',
        locale: 'de',
        recipientType: 'KURUM',
        person: { fullName: 7, phone: '' },
        channels: { SMS: true },
        purposes: [],
        notices: [],
        widgetVersion: '',
        capturedAt: 'dün',
        pageUrl: 'ftp://ornek',
        fazlasi: 1,
      }),
  },
  {
    name: 'a ticked channel without name or address',
    code: 'capture.invalid',
    make: () =>
      capture(validCapture({ person: {}, channels: { MESAJ: true, EPOSTA: true, ARAMA: false } })),
  },
  {
    name: 'a capture for an unknown site',
    code: 'site.unknown',
    make: () => capture(validCapture({ siteKey: 'yok-boyle-bir-site-0001' })),
  },
  {
    name: 'a capture from a foreign origin',
    code: 'origin.forbidden',
    make: () => capture(validCapture(), { Origin: 'https://kotu.example' }),
  },
  {
    name: 'a capture with no Origin',
    code: 'origin.forbidden',
    make: () => ({ ...capture(validCapture()), headers: JSON_TYPE }),
  },
  {
    name: 'a capture that does not match its site',
    code: 'capture.rejected',
    make: () =>
      capture(
        validCapture({
          person: { fullName: 'Ayşe Yılmaz', phone: '123', email: 'şule@ornek.com.tr' },
          purposes: { 'kitap-onerileri': true, 'yok-boyle-amac': true },
          notices: [
            notice('kvkk-aydinlatma'),
            { ...notice('etk-onay'), sha256: '0'.repeat(64) },
            notice('riza-pazarlama-analizi'),
          ],
        }),
      ),
  },
  {
    name: 'a capture id reused for another body',
    code: 'capture.conflict',
    make: async (h) => {
      const first = validCapture();
      expect((await send(h, capture(first), 'tr')).status).toBe(201);
      return capture({ ...first, widgetVersion: '9.9.9' });
    },
  },
  {
    name: 'too many captures',
    code: 'rate.limited',
    on: 'limited',
    make: async (h) => {
      expect((await send(h, capture(validCapture()), 'tr')).status).toBe(201);
      return capture(validCapture());
    },
  },
  // The widget's verification step (docs/verification.md).
  {
    name: 'a code for a channel the site does not verify by code',
    code: 'verification.rejected',
    make: () =>
      fromWidget('/v1/verifications', {
        siteKey: EXAMPLE_SITE_KEY,
        channel: 'MESAJ',
        phone: '05321234567',
      }),
  },
  {
    name: 'a code for a verification that does not exist',
    code: 'verification.unknown',
    make: () => fromWidget(`/v1/verifications/${randomUUID()}/code`, { code: '123456' }),
  },
  {
    name: 'a code that is not six digits',
    code: 'verification.rejected',
    make: () => fromWidget(`/v1/verifications/${randomUUID()}/code`, { code: '12a' }),
  },
  {
    name: 'another code for a verification that does not exist',
    code: 'verification.unknown',
    make: () => fromWidget(`/v1/verifications/${randomUUID()}/resend`, '{}'),
  },
  // Public reads.
  {
    name: 'the widget of an unknown site',
    code: 'site.unknown',
    make: () => ({ path: '/v1/sites/yok-boyle-bir-site-0001/widget' }),
  },
  {
    name: 'the widget in a language the site does not offer',
    code: 'locale.notOffered',
    make: () => ({ path: `/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=de` }),
  },
  {
    name: 'checkpoints of a malformed site key',
    code: 'query.invalid',
    make: () => ({ path: '/v1/checkpoints?siteKey=kısa' }),
  },
  {
    name: 'checkpoints with a limit of 0',
    code: 'query.invalid',
    make: () => ({ path: '/v1/checkpoints?limit=0' }),
  },
  // Admin authentication.
  {
    name: 'an admin call without a token',
    code: 'admin.unauthorized',
    make: () => ({ path: '/v1/admin/captures' }),
  },
  {
    name: 'an admin call with another scheme',
    code: 'admin.unauthorized',
    make: () => ({ path: '/v1/admin/captures', headers: { Authorization: 'Basic eDp5' } }),
  },
  {
    name: 'an admin call with an unknown token',
    code: 'admin.unauthorized',
    make: () => ({ path: '/v1/admin/captures', headers: { Authorization: 'Bearer yanlis' } }),
  },
  // Admin queries.
  ...[
    'kind=hepsi',
    'channel=SMS',
    'state=beklemede',
    'limit=0',
    'cursor=bozuk',
    `site=${OTHER_SITE}`,
    'from=dün',
    'phone=123',
    'phone=05321234567&email=ayse@ornek.com.tr',
  ].map((query) => ({
    name: `captures?${query}`,
    code: 'query.invalid',
    make: () => admin(`/v1/admin/captures?${query}`),
  })),
  {
    name: 'an unknown capture',
    code: 'capture.unknown',
    make: () => admin(`/v1/admin/captures/${randomUUID()}`),
  },
  {
    name: 'an unknown log verification',
    code: 'logVerify.unknown',
    make: () => admin(`/v1/admin/log/verify/${randomUUID()}`),
  },
  {
    name: 'a timeline for an address with Turkish letters',
    code: 'query.invalid',
    make: () => admin('/v1/admin/recipients/timeline?email=şule@ornek.com.tr'),
  },
  {
    name: 'evidence for a malformed address',
    code: 'query.invalid',
    make: () => admin('/v1/admin/recipients/evidence?email=ali veli@ornek'),
  },
  ...['state=beklemede', 'limit=0', 'atRisk=belki', 'cursor=bozuk'].map((query) => ({
    name: `movements?${query}`,
    code: 'query.invalid',
    make: () => admin(`/v1/admin/movements?${query}`),
  })),
  {
    name: 'the retry of a movement that is not dead',
    code: 'movement.notDead',
    make: () => admin('/v1/admin/movements/yok/retry', undefined, 'POST'),
  },
  ...['state=beklemede', 'limit=bin'].map((query) => ({
    name: `webhook deliveries?${query}`,
    code: 'query.invalid',
    make: () => admin(`/v1/admin/webhooks/deliveries?${query}`),
  })),
  {
    name: 'reconciliation?from= not a day',
    code: 'query.invalid',
    make: () => admin('/v1/admin/reconciliation?from=dün'),
  },
  {
    name: 'the file of a day never reconciled',
    code: 'reconciliation.unknown',
    make: () => admin('/v1/admin/reconciliation/100000/100000/2026-11-01/file'),
  },
  {
    name: 'the time stamp of a brand of no site of the tenant',
    code: 'reconciliation.unknown',
    make: () => admin('/v1/admin/reconciliation/100000/999/2026-11-01/timestamp'),
  },
  {
    name: 'the retry of a webhook delivery that is not dead',
    code: 'webhookDelivery.notDead',
    make: () => admin('/v1/admin/webhooks/deliveries/yok/retry', undefined, 'POST'),
  },
  // The pre-send check.
  ...[
    'type=SMS',
    'type=MESAJ&recipientType=KURUM',
    'type=MESAJ&brandCode=-1',
    'type=MESAJ&brandCode=999',
    'type=MESAJ&recipient=123',
    'type=EPOSTA&recipient=ayşe@ornek',
  ].map((query) => ({
    name: `check?${query}`,
    code: 'query.invalid',
    make: () => admin(`/v1/check?${query}`),
  })),
  {
    name: 'a batch check that is not JSON',
    code: 'body.notJson',
    make: () => admin('/v1/check', '['),
  },
  {
    name: 'a batch check of the wrong shape',
    code: 'body.invalid',
    make: () => admin('/v1/check', { type: 'SMS', recipients: [], fazlasi: true }),
  },
  {
    name: 'a batch check for a brand of no tenant',
    code: 'body.invalid',
    make: () => admin('/v1/check', { type: 'MESAJ', brandCode: 999, recipients: ['x'] }),
  },
  {
    name: 'a batch check over 512 KiB',
    code: 'body.tooLarge',
    make: () => admin('/v1/check', { type: 'MESAJ', recipients: ['x'.repeat(600_000)] }),
  },
  {
    name: 'a batch check with a bad address, answered in its own result',
    code: undefined,
    make: () => admin('/v1/check', { type: 'MESAJ', recipients: ['123', '0532 123 45 67'] }),
  },
  // Withdrawals through the admin API.
  {
    name: 'a withdrawal of the wrong shape',
    code: 'body.invalid',
    make: () => admin('/v1/admin/withdrawals', { recipient: {}, channels: ['MESAJ', 'MESAJ'] }),
  },
  {
    name: 'a withdrawal with nothing to withdraw and an empty phone',
    code: 'body.invalid',
    make: () =>
      admin('/v1/admin/withdrawals', { ...withdrawal, recipient: { phone: '' }, via: 'güvercin' }),
  },
  {
    name: 'a withdrawal of a channel without its address',
    code: 'body.invalid',
    make: () => admin('/v1/admin/withdrawals', { ...withdrawal, channels: ['EPOSTA'] }),
  },
  {
    name: 'a withdrawal for another tenant’s site',
    code: 'site.unknown',
    make: () =>
      admin('/v1/admin/withdrawals', { ...withdrawal, siteKey: OTHER_SITE, channels: ['MESAJ'] }),
  },
  {
    name: 'a withdrawal of a bad phone and an unknown purpose',
    code: 'withdrawal.rejected',
    make: () =>
      admin('/v1/admin/withdrawals', {
        ...withdrawal,
        recipient: { phone: '123' },
        channels: ['MESAJ'],
        purposes: ['yok-boyle-amac'],
      }),
  },
  {
    name: 'a withdrawal id reused for another body',
    code: 'capture.conflict',
    make: async (h) => {
      const first = { ...withdrawal, id: randomUUID(), channels: ['MESAJ'] };
      expect((await send(h, admin('/v1/admin/withdrawals', first), 'tr')).status).toBe(201);
      return admin('/v1/admin/withdrawals', { ...first, channels: ['ARAMA'] });
    },
  },
  {
    name: 'a link for another tenant’s site',
    code: 'site.unknown',
    make: () => admin('/v1/admin/withdrawal-links', { ...withdrawal, siteKey: OTHER_SITE }),
  },
  {
    name: 'a link for a bad phone',
    code: 'withdrawal.rejected',
    make: () => admin('/v1/admin/withdrawal-links', { ...withdrawal, recipient: { phone: '1' } }),
  },
  {
    name: 'a link that would withdraw nothing',
    code: 'withdrawal.noChannels',
    make: () => admin('/v1/admin/withdrawal-links', { ...withdrawal, channels: [] }),
  },
  {
    name: 'a consent dated past İYS’s window',
    code: 'consent.rejected',
    make: () => admin('/v1/admin/consents', { ...consent, consentDate: '2026-11-20 10:00:00' }),
  },
  {
    name: 'a consent whose evidence is not the kind its source calls for, naming an unknown file',
    code: 'consent.rejected',
    make: () =>
      admin('/v1/admin/consents', {
        ...consent,
        source: 'HS_ISLAK_IMZA',
        evidence: { kind: 'scan', files: ['a'.repeat(64)] },
      }),
  },
  {
    name: 'a consent id reused for another body',
    code: 'capture.conflict',
    make: async (h) => {
      const first = { ...consent, id: randomUUID() };
      expect((await send(h, admin('/v1/admin/consents', first), 'tr')).status).toBe(201);
      return admin('/v1/admin/consents', { ...first, consentDate: '2026-11-26 09:00:00' });
    },
  },
  {
    name: 'a consent the group commit cannot store',
    code: 'consent.unstorable',
    on: 'unstorable',
    make: () => admin('/v1/admin/consents', consent),
  },
  {
    name: 'an evidence file that is no scan or recording',
    code: 'evidence.mediaType',
    make: () => evidenceUpload(new TextEncoder().encode('düz metin, PDF değil')),
  },
  {
    name: 'an evidence file over the tenant’s per-file limit',
    code: 'evidence.tooLarge',
    on: 'bare',
    make: () => evidenceUpload(pdfOf(5000, 'big')),
  },
  {
    name: 'an evidence file past the tenant’s total',
    code: 'evidence.quota',
    on: 'bare',
    make: async (h) => {
      for (const tag of ['one', 'two']) await send(h, evidenceUpload(pdfOf(4000, tag)), 'tr');
      return evidenceUpload(pdfOf(1000, 'three'));
    },
  },
  {
    name: 'an import file without the import header',
    code: 'import.unreadable',
    make: () => ({
      path: '/v1/admin/imports',
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'text/csv' },
      body: 'telefon;tarih\n1;2\n',
    }),
  },
  {
    name: 'an evidence file that is not there',
    code: 'evidence.unknown',
    make: () => admin(`/v1/admin/evidence-files/${'b'.repeat(64)}`),
  },
  {
    name: 'the metrics without their token',
    code: 'metrics.unauthorized',
    on: 'bare',
    make: () => ({ path: '/metrics' }),
  },
  {
    name: 'a link from a server that cannot sign',
    code: 'withdrawal.linksUnavailable',
    on: 'bare',
    make: () => admin('/v1/admin/withdrawal-links', withdrawal),
  },
  // The withdrawal link's page, as JSON.
  {
    name: 'the link page without a token',
    code: 'withdrawal.tokenMissing',
    make: () => ({ path: '/v1/withdraw', headers: json }),
  },
  {
    name: 'the link page with a broken token',
    code: 'withdrawal.tokenInvalid',
    make: () => ({ path: '/v1/withdraw?t=bozuk.belirtec.burada', headers: json }),
  },
  {
    name: 'the link page with an expired token',
    code: 'withdrawal.tokenExpired',
    make: async (h) => ({
      path: `/v1/withdraw?t=${await token(h, { tenant: 'ornek-kitabevi', site: EXAMPLE_SITE_KEY }, -9 * DAY, -DAY)}`,
      headers: json,
    }),
  },
  {
    name: 'the link page for a site its tenant does not hold',
    code: 'withdrawal.siteUnknown',
    make: async (h) => ({
      path: `/v1/withdraw?t=${await token(h, { tenant: 'baska-magaza', site: EXAMPLE_SITE_KEY }, 0, DAY)}`,
      headers: json,
    }),
  },
  {
    name: 'the link button with a body that is not JSON',
    code: 'body.notJson',
    make: () => linkButton('{"t": bozuk}'),
  },
  {
    name: 'the link button with a body over 16 KiB',
    code: 'body.tooLarge',
    make: () => linkButton(JSON.stringify({ t: 'x'.repeat(20_000) })),
  },
  // İYS push.
  {
    name: 'a push without credentials',
    code: 'push.unauthorized',
    make: () => pushTo('{"list":[]}', {}),
  },
  { name: 'a push that is not JSON', code: 'body.notJson', make: () => pushTo('{"list":') },
  {
    name: 'a push of the wrong shape',
    code: 'body.invalid',
    make: () => pushTo(JSON.stringify({ list: [{ recipient: 5 }] })),
  },
  {
    name: 'a push over 1 MiB',
    code: 'body.tooLarge',
    make: () => pushTo(JSON.stringify({ list: 'x'.repeat(1_100_000) })),
  },
];

let main: Harness;
let limited: Harness;
let bare: Harness;
let unstorable: Harness;
let missingConsole: string;

beforeAll(async () => {
  missingConsole = join(mkdtempSync(join(tmpdir(), 'izinli-no-console-')), 'dist');
  const env = { IYS_PASSWORD: 'demo' };
  main = await makeHarness({
    config: TWO_TENANTS,
    env,
    now: () => clock,
    limits: { perIpPerMinute: 1e9, perSitePerMinute: 1e9 },
    deps: {
      consoleDir: missingConsole,
      fallback: (request) => {
        if (new URL(request.url).pathname === '/hono-refuses') {
          throw new HTTPException(400, { message: 'Malformed request' });
        }
        return undefined;
      },
    },
  });
  limited = await makeHarness({ now: () => clock, limits: { perIpPerMinute: 1 } });
  const [tenant] = exampleServerConfig.tenants;
  bare = await makeHarness({
    // Small evidence limits, so the per-file and total refusals take small files.
    config: {
      ...exampleServerConfig,
      tenants: [{ ...tenant!, evidence: { maxFileBytes: 4096, maxTotalBytes: 8192 } }],
    },
    now: () => clock,
    deps: {
      signToken: undefined,
      widget: null,
      metricsAccess: { kind: 'token', token: 'olcum-belirteci-0123456789' },
    },
  });
  // A group commit that takes every capture out of its batch, as it does one whose record fails.
  const refusing = {
    submit: () =>
      Promise.resolve({
        kind: 'unstorable',
        problems: [
          {
            code: 'capture.unstorable',
            path: [],
            expected: { en: 'a record that can be stored', tr: 'saklanabilen bir kayıt' },
            received: '"the store said no"',
            receivedText: {
              en: 'a record the server failed to store',
              tr: 'sunucunun saklayamadığı bir kayıt',
            },
          },
        ],
      }),
    idle: () => Promise.resolve(),
  } as unknown as GroupCommitter;
  unstorable = await makeHarness({ now: () => clock, deps: { committer: refusing } });
});
afterAll(async () => {
  await Promise.all([main.close(), limited.close(), bare.close(), unstorable.close()]);
  rmSync(join(missingConsole, '..'), { recursive: true, force: true });
});

function send(h: Harness, req: Req, language: string): Promise<Response> {
  return Promise.resolve(
    h.app.request(req.path, {
      method: req.method ?? 'GET',
      headers: { ...req.headers, 'Accept-Language': language },
      ...(req.body === undefined ? {} : { body: req.body }),
    }),
  );
}

/**
 * Every string under a `message` key, wherever it sits in the body, without the issue's own path
 * in front: a path is made of the client's keys (`purposes.yok-boyle-amac`), any language.
 */
function messagesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(messagesIn);
  if (value === null || typeof value !== 'object') return [];
  const { path } = value as { path?: unknown };
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key !== 'message' || typeof inner !== 'string') return messagesIn(inner);
    const own = typeof path === 'string' && path !== '(input)' ? `${path}: ` : undefined;
    return [own && inner.startsWith(own) ? inner.slice(own.length) : inner];
  });
}

/** The body without its messages: what must not change with the language. */
function machineFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(machineFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      // A request id is per request, so the two answers' ids differ by design.
      .filter(([key]) => key !== 'message' && key !== 'requestId')
      .map(([key, inner]) => [key, machineFields(inner)]),
  );
}

interface Answer {
  error?: { code: string; message: string; issues?: { expected: string; message: string }[] };
}

describe('every API error is in one language, chosen by Accept-Language', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const h =
      c.on === 'limited'
        ? limited
        : c.on === 'bare'
          ? bare
          : c.on === 'unstorable'
            ? unstorable
            : main;
    const req = await c.make(h);
    // What the client sent: quoted pieces of it may appear in any language.
    const sent = [
      decodeURIComponent(req.path),
      typeof req.body === 'string' ? req.body : '',
      ...Object.values(req.headers ?? {}),
    ].join('\n');
    const bodies: Record<'tr' | 'en', unknown> = { tr: undefined, en: undefined };
    for (const locale of ['tr', 'en'] as const) {
      const response = await send(h, req, locale);
      const body = (await response.json()) as Answer;
      bodies[locale] = body;
      if (c.code === undefined) expect(response.status).toBe(200);
      else expect(body.error?.code, JSON.stringify(body)).toBe(c.code);
      const messages = messagesIn(body);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(foreignMarkers(message, locale, sent), `${locale}: ${message}`).toEqual([]);
      }
    }
    expect(machineFields(bodies.en)).toEqual(machineFields(bodies.tr));
    expect(messagesIn(bodies.en)).not.toEqual(messagesIn(bodies.tr));
    for (const issue of (bodies.en as Answer).error?.issues ?? []) {
      // `expected` is the English text in either language, for programs to match on.
      expect(foreignMarkers(issue.expected, 'en', sent), issue.expected).toEqual([]);
    }
  });

  it('has a case for every error code the server’s sources raise', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const raised = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/(?<!\.test|\.test-support)\.ts$/.test(entry.name)) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(/(?:new ApiError|refuse)\(\s*\d+,\s*'([\w.]+)'/g)) {
            raised.add(m[1]!);
          }
        }
      }
    };
    walk(root);
    expect(raised.size).toBeGreaterThan(20);
    const covered = new Set(CASES.map((c) => c.code));
    expect([...raised].filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('the check itself', () => {
  it('fails on a Turkish template around English texts, as an unchecked route would answer', () => {
    const mixed =
      '(input): beklenen Authorization: Bearer <a tenant’s admin token>; gelen an unknown token';
    expect(foreignMarkers(mixed, 'tr', '')).toEqual([' a ', ' an ', ' input']);
    expect(foreignMarkers('An admin bearer token is required.', 'tr', '')).toContain(' is ');
    expect(foreignMarkers('Gövde geçerli bir JSON değil.', 'en', '')).toEqual([
      ' bir ',
      ' değil',
      'geçerli',
      'ğ',
    ]);
  });

  it('ignores only quoted pieces of what the client sent', () => {
    const sent = '{"name":"the ş"}';
    expect(withoutClientText('ad: beklenen bir metin; gelen "the ş"', sent)).toBe(
      'ad: beklenen bir metin; gelen ""',
    );
    expect(foreignMarkers('ad: beklenen bir metin; gelen "the ş"', 'tr', sent)).toEqual([]);
    expect(foreignMarkers('name: expected a name; received "the ş"', 'en', sent)).toEqual([]);
    // Our own words in quotes are still checked.
    expect(foreignMarkers('gelen "not the one"', 'tr', sent)).toEqual([' the ', ' not ']);
  });
});

describe('requestLocale', () => {
  const localeOf = async (header: string | undefined) => {
    const app = new Hono().get('/', (c) => c.text(requestLocale(c)));
    const response = await app.request(
      '/',
      header === undefined ? {} : { headers: { 'Accept-Language': header } },
    );
    return response.text();
  };

  it.each([
    [undefined, 'tr'],
    ['', 'tr'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['tr-TR,tr;q=0.9,en;q=0.8', 'tr'],
    ['de-DE,en;q=0.8,tr;q=0.5', 'en'],
    ['en;q=0.4, tr', 'tr'],
    ['tr;q=0.5, en-US;q=0.9', 'en'],
    ['de, fr;q=0.8', 'tr'],
    ['*', 'tr'],
    ['en;q=0, *;q=0.5', 'tr'],
    ['english', 'tr'],
  ])('reads %j as %s', async (header, locale) => {
    expect(await localeOf(header)).toBe(locale);
  });
});
