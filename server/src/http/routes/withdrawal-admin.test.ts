import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { verifyReceipt } from '../../proof/index.js';
import type { ApiErrorBody } from '../api-error.js';
import {
  OTHER_SITE,
  OTHER_TOKEN,
  TWO_TENANTS,
  harnessPerTest,
  postCapture,
  validCapture,
} from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;
let clock: Date;
harnessPerTest(
  (made) => (h = made),
  () => {
    clock = new Date('2026-11-26T09:15:30.000Z');
    return { config: TWO_TENANTS, now: () => clock };
  },
);

const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const withdraw = (body: unknown, headers?: Record<string, string>) =>
  post('/v1/admin/withdrawals', body, headers);

interface Recorded {
  captureId: string;
  receipt: string;
  movements: { type: string; status: string; state: string; consentDate: string }[];
}

async function recordOf(receipt: string): Promise<CaptureRecord> {
  const verified = await verifyReceipt(receipt, h.ring.jwks());
  if (!verified.ok) throw new Error(JSON.stringify(verified.error));
  return verified.value as CaptureRecord;
}

/** Captures MESAJ and EPOSTA (ARAMA shown, unticked) a minute before the clock. */
async function givenOnay() {
  const capture = validCapture();
  const at = clock;
  clock = new Date(at.getTime() - 60_000);
  expect((await postCapture(h.app, capture)).status).toBe(201);
  clock = at;
  return capture;
}

describe('POST /v1/admin/withdrawals', () => {
  it('A10, A11, B7: records a signed, chained withdrawal with RET for the channels whose state is ONAY', async () => {
    const capture = await givenOnay();
    const id = randomUUID();
    const response = await withdraw({
      id,
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '0532 123 45 67' },
      channels: ['MESAJ', 'ARAMA'],
      via: 'call-centre',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Recorded;
    expect(body.captureId).toBe(id);
    expect(body.movements.map((m) => [m.type, m.status, m.state])).toEqual([
      ['MESAJ', 'RET', 'pending'],
    ]);
    expect(body.movements[0]!.consentDate).toBe('2026-11-26 12:15:30');
    const record = await recordOf(body.receipt);
    expect(record).toMatchObject({
      kind: 'withdrawal',
      source: 'HS_CAGRI_MERKEZI',
      seq: 2,
      person: { phone: '+905321234567' },
      channels: [
        { type: 'MESAJ', checked: false, status: 'RET' },
        { type: 'ARAMA', checked: false },
      ],
      notices: [],
    });
    const first = await h.store.getCapture(capture.id);
    expect(record.prevHash).toBe(first!.recordHash);
    const chain = [];
    for await (const stored of h.store.chain(EXAMPLE_SITE_KEY)) chain.push(stored.record!);
    expect(await checkCaptureChain(chain)).toEqual([]);
    const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    const event = events.find(
      (e) => e.type === 'capture.recorded' && (e.payload as { captureId: string }).captureId === id,
    );
    expect(event?.payload).toMatchObject({ kind: 'withdrawal', confirmationDue: false });
  });

  it('A11: queues no RET for a channel that never had ONAY (İYS would answer H175)', async () => {
    const response = await withdraw({
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { email: 'Hic.Onay.Vermedi@Ornek.com.tr' },
      channels: ['EPOSTA'],
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Recorded;
    expect(body.movements).toEqual([]);
    const record = await recordOf(body.receipt);
    expect(record).toMatchObject({
      source: 'HS_EORTAM',
      person: { email: 'hic.onay.vermedi@ornek.com.tr' },
      channels: [{ type: 'EPOSTA', checked: false }],
    });
    expect(await h.store.movements({ captureId: body.captureId })).toEqual([]);
  });

  it('B7, B8: withdraws KVKK purposes, naming the consent text they were granted against, and grants nothing', async () => {
    const capture = await givenOnay();
    const given = ((await h.store.getCapture(capture.id))!.record as CaptureRecord).purposes.find(
      (p) => p.id === 'kitap-onerileri',
    )!;
    expect(given.granted).toBe(true);
    const response = await withdraw({
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { email: 'byPhone@ornek.com.tr' },
      purposes: ['kitap-onerileri'],
    });
    expect(response.status).toBe(201);
    const record = await recordOf(((await response.json()) as Recorded).receipt);
    expect(record.channels).toEqual([]);
    expect(record.purposes).toEqual([{ ...given, granted: false }]);
    // A purpose never granted names the site's current text.
    const never = await withdraw({
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { email: 'baska@ornek.com.tr' },
      purposes: ['yurt-disi-eposta-hizmeti'],
    });
    const other = await recordOf(((await never.json()) as Recorded).receipt);
    expect(other.purposes).toEqual([
      expect.objectContaining({ granted: false, noticeId: 'riza-yurt-disi-aktarim' }),
    ]);
  });

  it('is idempotent on the client id: the same body replays (200), another body is a 409', async () => {
    await givenOnay();
    const body = {
      id: randomUUID(),
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '+905321234567' },
      channels: ['MESAJ'],
    };
    const first = (await (await withdraw(body)).json()) as Recorded;
    clock = new Date(clock.getTime() + 5_000);
    const again = await withdraw(body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Recorded).receipt).toBe(first.receipt);
    expect((await h.store.chainHead(EXAMPLE_SITE_KEY)).seq).toBe(2);
    const other = await withdraw({ ...body, channels: ['ARAMA'] });
    expect(other.status).toBe(409);
    expect((await h.store.movements({ captureId: body.id })).length).toBe(1);
  });

  it('refuses bad input with 4xx naming the path, the expected and the received value', async () => {
    const byPhone = { siteKey: EXAMPLE_SITE_KEY, recipient: { phone: '05321234567' } };
    const cases: [unknown, number, string, string][] = [
      [{ ...byPhone, channels: ['FAKS'] }, 400, 'channels[0]', 'schema.invalid_value'],
      [{ ...byPhone, channels: ['EPOSTA'] }, 400, 'recipient.email', 'withdrawal.addressMissing'],
      [
        { ...byPhone, recipient: {}, channels: ['MESAJ'] },
        400,
        'recipient',
        'withdrawal.noRecipient',
      ],
      [byPhone, 400, 'channels', 'withdrawal.nothing'],
      [
        { ...byPhone, recipient: { phone: '123' }, channels: ['MESAJ'] },
        422,
        'recipient.phone',
        'phone.invalid',
      ],
      [{ ...byPhone, purposes: ['yok-boyle'] }, 422, 'purposes[0]', 'withdrawal.purposeUnknown'],
      [{ ...byPhone, siteKey: OTHER_SITE, channels: ['MESAJ'] }, 404, 'siteKey', 'site.unknown'],
    ];
    for (const [body, status, path, code] of cases) {
      const response = await withdraw(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const { error } = (await response.json()) as ApiErrorBody;
      const issue = error.issues?.find((i) => i.path === path);
      expect(issue, `${JSON.stringify(body)} → ${JSON.stringify(error)}`).toBeDefined();
      expect(issue!.code.startsWith(code.split('.')[0]!)).toBe(true);
      expect(issue!.expected.length).toBeGreaterThan(0);
      expect(issue!.received.length).toBeGreaterThan(0);
    }
    expect((await h.store.chainHead(EXAMPLE_SITE_KEY)).seq).toBe(0);
  });

  it('needs the tenant’s bearer token', async () => {
    const body = {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '05321234567' },
      channels: ['MESAJ'],
    };
    expect((await withdraw(body, {})).status).toBe(401);
    const other = await withdraw(body, { Authorization: `Bearer ${OTHER_TOKEN}` });
    expect(other.status).toBe(404);
  });
});

describe('POST /v1/admin/withdrawal-links', () => {
  it('A10: hands out a signed link that expires, for the channels the recipient has an address for', async () => {
    const response = await post('/v1/admin/withdrawal-links', {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '0532 123 45 67' },
      expiresInDays: 30,
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      url: string;
      expiresAt: string;
      channels: string[];
      captureId: string;
    };
    expect(body.url).toMatch(/^http:\/\/localhost\/v1\/withdraw\?t=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.expiresAt).toBe('2026-12-26T09:15:30.000Z');
    expect(body.channels).toEqual(['MESAJ', 'ARAMA']);
    expect(body.captureId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses another tenant’s site (404), a channel without its address and bad lifetimes (400)', async () => {
    const asOther = await post(
      '/v1/admin/withdrawal-links',
      { siteKey: EXAMPLE_SITE_KEY, recipient: { phone: '05321234567' } },
      { Authorization: `Bearer ${OTHER_TOKEN}` },
    );
    expect(asOther.status).toBe(404);
    const noEmail = await post('/v1/admin/withdrawal-links', {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '05321234567' },
      channels: ['EPOSTA'],
    });
    expect(noEmail.status).toBe(400);
    expect(((await noEmail.json()) as ApiErrorBody).error.issues?.[0]?.path).toBe(
      'recipient.email',
    );
    const forever = await post('/v1/admin/withdrawal-links', {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '05321234567' },
      expiresInDays: 10_000,
    });
    expect(forever.status).toBe(400);
    expect(((await forever.json()) as ApiErrorBody).error.issues?.[0]?.path).toBe('expiresInDays');
  });
});
