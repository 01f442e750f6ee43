import { describe, it, expect } from 'vitest';
import { formatIysDate } from '@izinli/core';
import { DEMO_ACCOUNT } from '@izinli/iys-sim';
import type { IysConsentInput } from './consent-request.js';
import { codesOf, servedSim } from './contract-harness.test-support.js';

// Every İYS endpoint the simulator serves, through the client over a real port.
const BRAND = DEMO_ACCOUNT.iysCode;
const HOUR = 3_600_000;

describe('contract: endpoints over HTTP', () => {
  // A Basic-auth receiver: İYS first checks it refuses the test movement without credentials.
  const acceptingPushReceiver = (_url: string, init?: RequestInit) =>
    Promise.resolve(
      new Response(null, { status: new Headers(init?.headers).has('authorization') ? 200 : 401 }),
    );
  const { sim, client, raw, passwordGrant, brandPath, phone, onay } = servedSim({
    fetch: acceptingPushReceiver as unknown as typeof fetch,
  });

  it('token: the password grant answers a bearer token pair with its lifetimes', async () => {
    const answer = await passwordGrant();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: expect.any(Number),
    });
  });

  it('token: the refresh grant rotates the pair, and the used refresh token is refused after', async () => {
    const first = (await passwordGrant()).body as { refresh_token: string };
    const refresh = (token: string) =>
      raw('/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: token } });
    const rotated = await refresh(first.refresh_token);
    expect(rotated.status).toBe(200);
    const second = rotated.body as { refresh_token: string; access_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('token: wrong credentials are a non-retryable auth failure of the call', async () => {
    const result = await client({ password: 'yanlis' }).listBrands();
    expect(!result.ok && result.error).toMatchObject({ status: 400, retryable: false });
  });

  it('brands: lists the account brands, the master brand first', async () => {
    const result = await client().listBrands();
    expect(result.ok && result.value.map((b) => b.brandCode)).toEqual(
      DEMO_ACCOUNT.brands.map((b) => b.brandCode),
    );
  });

  it('add v1: records a movement; an identical v1 replay is not idempotent (H178)', async () => {
    const iys = client();
    const consent = onay();
    const added = await iys.addConsentV1(BRAND, consent);
    expect(added.ok && added.value.transactionId).toMatch(/\w+/);
    sim.advance(1_000);
    const replay = await iys.addConsentV1(BRAND, consent);
    expect(!replay.ok && replay.error).toMatchObject({ status: 400, code: 'H178' });
  });

  it('add v2: a byte-identical replay answers the same transactionId, over the client and raw', async () => {
    const iys = client();
    const consent = onay({ recipient: 'ayse.yilmaz@ornek.com', type: 'EPOSTA' });
    const added = await iys.addConsent(BRAND, consent);
    sim.advance(5_000);
    const replay = await iys.addConsent(BRAND, consent);
    expect(added.ok && replay.ok).toBe(true);
    if (!added.ok || !replay.ok) return;
    expect(replay.value.transactionId).toBe(added.value.transactionId);

    const body = JSON.stringify({
      ...consent,
      recipient: phone(),
      type: 'MESAJ',
      consentDate: formatIysDate(sim.now()),
    });
    const first = await raw(brandPath('/consents', BRAND, '/v2'), { body, token: true });
    sim.advance(5_000);
    const again = await raw(brandPath('/consents', BRAND, '/v2'), { body, token: true });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
  });

  describe.each(['v1', 'v2'] as const)('batch %s', (version) => {
    it('is empty before 300 s, then reports success and failure per item', async () => {
      const iys = client();
      const existing = onay();
      expect((await iys.addConsent(BRAND, existing)).ok).toBe(true);
      sim.advance(1_000);
      const items = [
        onay(), // new ONAY: success
        onay({ status: 'RET' }), // new RET: H175
        { ...existing, consentDate: new Date(sim.now().getTime() - 60_000), status: 'RET' }, // H178
      ] as IysConsentInput[];
      const submitted = await iys.addConsents(BRAND, items, { version });
      expect(submitted.ok).toBe(true);
      if (!submitted.ok) return;
      expect(submitted.value.subRequests).toHaveLength(3);
      const { requestId } = submitted.value;

      const early = await iys.getBatchStatus(BRAND, requestId, { version });
      expect(early).toEqual({ ok: true, value: null });

      sim.advance(300_000);
      const done = await iys.getBatchStatus(BRAND, requestId, { version });
      expect(done.ok).toBe(true);
      if (!done.ok || !done.value) throw new Error('batch not processed');
      const byIndex = [...done.value].sort((a, b) => a.index - b.index);
      expect(byIndex.map((i) => i.status)).toEqual(['success', 'failure', 'failure']);
      expect(byIndex[0]?.transactionId).toMatch(/\w+/);
      expect(byIndex.map((i) => i.error?.code)).toEqual([undefined, 'H175', 'H178']);
    });
  });

  it('batch: a raw batch body with a repeated key is refused by İYS as the client refuses it locally', async () => {
    const item = onay();
    const local = await client().addConsents(BRAND, [item, item]);
    expect(!local.ok && local.error).toMatchObject({ status: 0, sent: false });
    expect(!local.ok && local.error.errors[0]?.code).toBe('H194');
    const wire = { ...item, consentDate: formatIysDate(sim.now()) };
    const answer = await raw(brandPath('/consents/request'), { body: [wire, wire], token: true });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(codesOf(answer)).toContain('H194');
  });

  it('status: the current record when found, null when İYS has none', async () => {
    const iys = client();
    const consent = onay();
    expect((await iys.addConsent(BRAND, consent)).ok).toBe(true);
    const query = {
      recipient: consent.recipient,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    } as const;
    const found = await iys.getConsentStatus(BRAND, query);
    expect(found.ok && found.value).toMatchObject({ status: 'ONAY', source: 'HS_WEB' });
    const missing = await iys.getConsentStatus(BRAND, { ...query, recipient: phone() });
    expect(missing).toEqual({ ok: true, value: null });
  });

  it('multi status: lists only the recipients whose current status is ONAY', async () => {
    const iys = client();
    const yes = onay();
    expect((await iys.addConsent(BRAND, yes)).ok).toBe(true);
    const result = await iys.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', [
      yes.recipient,
      phone(),
    ]);
    expect(result.ok && result.value.list).toEqual([yes.recipient]);
  });

  it('history: pages one key movements with limit and offset', async () => {
    const iys = client();
    const consent = onay();
    for (const status of ['ONAY', 'RET', 'ONAY'] as const) {
      expect((await iys.addConsent(BRAND, { ...consent, status, consentDate: sim.now() })).ok).toBe(
        true,
      );
      sim.advance(2_000);
    }
    const query = {
      recipient: consent.recipient,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    } as const;
    const page1 = await iys.getHistory(BRAND, query, { limit: 2, offset: 0 });
    const page2 = await iys.getHistory(BRAND, query, { limit: 2, offset: 2 });
    expect(page1.ok && page1.value.pagination.totalCount).toBe(3);
    expect(page1.ok && page1.value.list.map((m) => m.status)).toEqual(['ONAY', 'RET']);
    expect(page2.ok && page2.value.list.map((m) => m.status)).toEqual(['ONAY']);
    const local = await iys.getHistory(BRAND, query, { limit: 101 });
    expect(!local.ok && local.error).toMatchObject({ sent: false, status: 0 });
  });

  it('push: registers, lists and unregisters a connection', async () => {
    const iys = client();
    const connection = {
      url: 'http://127.0.0.1:9/izinli/push',
      type: 'MESAJ',
      username: 'iys',
      password: 'push-sifre',
    } as const;
    const registered = await iys.registerPush(BRAND, [connection]);
    expect(registered.ok).toBe(true);
    const listed = await iys.listPushRegistrations(BRAND);
    expect(listed.ok && listed.value.map((p) => p.url)).toContain(connection.url);
    expect((await iys.unregisterPush(BRAND, connection)).ok).toBe(true);
    const after = await iys.listPushRegistrations(BRAND);
    const active = after.ok
      ? after.value.filter((p) => p.url === connection.url && p.active !== false)
      : [];
    expect(active).toEqual([]);
  });

  it('keeps time moving only by advance: an hour later the same client still works', async () => {
    sim.advance(HOUR);
    expect((await client().listBrands()).ok).toBe(true);
  });
});
