// İYS push: Basic auth per İYS account, body checks, and pushed RETs reaching mirror, check and
// the consent.changed outbox (A2, A11).
import { PUSH_TEST_BODY } from '@izinli/iys-sim';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness } from '../app-harness.test-support.js';

const PHONE = '+905327778899';
const config = {
  ...exampleServerConfig,
  iysAccounts: [
    {
      ...exampleServerConfig.iysAccounts![0]!,
      push: { username: 'iys-push', password: { env: 'IYS_PASSWORD' } },
    },
  ],
};
const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const GOOD = basic('iys-push', 'demo');
const movement = (status: 'ONAY' | 'RET', consentDate: string, source = 'IYS_KISAMESAJ') => ({
  iysCode: 100000,
  brandCode: 100000,
  recipient: PHONE,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status,
  source,
  consentDate,
  creationDate: consentDate,
  transactionId: `tx-${status}-${consentDate}`,
});
let h: Awaited<ReturnType<typeof makeHarness>>;
const push = (body: unknown, authorization: string | undefined = GOOD, iysCode = '100000') =>
  h.app.request(`/v1/iys/push/${iysCode}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const check = async () => {
  const response = await h.app.request(
    `/v1/check?recipient=${encodeURIComponent(PHONE)}&type=MESAJ`,
    { headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` } },
  );
  return (await response.json()) as Record<string, unknown>;
};

describe('POST /v1/iys/push/{iysCode}', () => {
  beforeEach(async () => {
    h = await makeHarness({ config });
  });
  afterEach(async () => {
    await h.close();
  });

  it('A11: a pushed citizen RET after an ONAY updates the mirror, the check (A2) and writes consent.changed', async () => {
    const onay = await push({ list: [movement('ONAY', '2025-10-15 10:00:00', 'IYS_WEB')] });
    expect(onay.status).toBe(200);
    expect(await check()).toMatchObject({ allowed: true, status: 'ONAY' });
    const ret = await push({ list: [movement('RET', '2025-10-15 11:00:00')] });
    expect(await ret.json()).toEqual({ received: 1, applied: 1, changed: 1, stale: 0, ignored: 0 });
    expect(await check()).toMatchObject({ allowed: false, status: 'RET', source: 'IYS_KISAMESAJ' });
    const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(events.map((e) => [e.type, (e.payload as { status: string }).status])).toEqual([
      ['consent.changed', 'RET'],
      ['consent.changed', 'ONAY'],
    ]);
  });

  it('an older pushed change does not overwrite a newer state; a repeat is acknowledged without a new event', async () => {
    await push({ list: [movement('RET', '2025-10-15 11:00:00')] });
    const older = await push({ list: [movement('ONAY', '2025-10-15 10:00:00', 'IYS_WEB')] });
    expect(await older.json()).toMatchObject({ applied: 0, stale: 1 });
    const again = await push({ list: [movement('RET', '2025-10-15 11:00:00')] });
    expect(await again.json()).toMatchObject({ applied: 0, changed: 0, stale: 0 });
    expect(await check()).toMatchObject({ status: 'RET' });
    expect(await h.store.webhookEvents(EXAMPLE_SITE_KEY)).toHaveLength(1);
  });

  it('keeps each pushed movement by transactionId for the day’s reconciliation, stale ones too', async () => {
    await push({ list: [movement('RET', '2025-10-15 11:00:00')] });
    await push({ list: [movement('ONAY', '2025-10-15 10:00:00', 'IYS_WEB')] });
    await push({ list: [movement('RET', '2025-10-15 11:00:00')] });
    await push(PUSH_TEST_BODY);
    const ledger = await h.store.reconciliationLedger(100000, 100000, '2025-10-15');
    expect(ledger.map((r) => [r.transactionId, r.status, r.origin])).toEqual([
      ['tx-ONAY-2025-10-15 10:00:00', 'ONAY', 'push'],
      ['tx-RET-2025-10-15 11:00:00', 'RET', 'push'],
    ]);
  });

  it('acknowledges and ignores İYS’s registration test movement and other brands', async () => {
    const response = await push(PUSH_TEST_BODY);
    expect(await response.json()).toEqual({
      received: 1,
      applied: 0,
      changed: 0,
      stale: 0,
      ignored: 1,
    });
  });

  it('401 without, with wrong, or for an account without push credentials', async () => {
    for (const authorization of [
      '',
      basic('iys-push', 'yanlis'),
      basic('baska', 'demo'),
      'Basic !!!',
      'Bearer demo',
    ]) {
      const response = await push(
        { list: [movement('RET', '2025-10-15 11:00:00')] },
        authorization,
      );
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'push.unauthorized',
      );
    }
    expect((await push({ list: [] }, GOOD, '999999')).status).toBe(401);
    expect((await push({ list: [] }, GOOD, 'abc')).status).toBe(401);
    expect(await h.store.webhookEvents(EXAMPLE_SITE_KEY)).toEqual([]);
  });

  it('400 on bad JSON or a body that is not İYS’s push shape', async () => {
    const notJson = await push('{"list": [');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('body.notJson');
    const bad = await push({
      list: [{ ...movement('RET', '2025-10-15 11:00:00'), status: 'BELKI' }],
    });
    expect(bad.status).toBe(400);
    const error = ((await bad.json()) as { error: { code: string; issues: { path: string }[] } })
      .error;
    expect(error.code).toBe('body.invalid');
    expect(error.issues[0]!.path).toBe('list[0].status');
    expect((await push({ items: [] })).status).toBe(400);
  });
});
