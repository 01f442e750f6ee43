import { describe, it, expect } from 'vitest';
import { formatIysDate } from '@izinli/core';
import type { IysConsentInput } from './consent-request.js';
import { BRAND, simWithClient } from './sim-harness.test-support.js';

const SECOND = 1000;
const DAY = 86_400_000;

const onay = (recipient: string, at: Date, extra: Partial<IysConsentInput> = {}) =>
  ({
    recipient,
    type: recipient.includes('@') ? 'EPOSTA' : 'MESAJ',
    source: 'HS_WEB',
    status: 'ONAY',
    consentDate: at,
    ...extra,
  }) as IysConsentInput;

const key = (recipient: string) =>
  ({
    recipient,
    recipientType: 'BIREYSEL',
    type: recipient.includes('@') ? 'EPOSTA' : 'MESAJ',
  }) as const;

describe('against the simulator: single add', () => {
  it('adds a consent and reads it back as the current record', async () => {
    const { sim, client } = simWithClient();
    const at = sim.now();
    const added = await client.addConsent(BRAND, onay('+905321234567', at));
    expect(added.ok).toBe(true);
    const status = await client.getConsentStatus(BRAND, key('+905321234567'));
    expect(status.ok && status.value).toMatchObject({
      recipient: '+905321234567',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: formatIysDate(at),
      transactionId: added.ok ? added.value.transactionId : '',
    });
  });

  it('gets the same transactionId back for an identical v2 replay', async () => {
    const { sim, client } = simWithClient();
    const consent = onay('ayse@ornek.com', sim.now());
    const first = await client.addConsent(BRAND, consent);
    sim.advance(30 * SECOND);
    const replay = await client.addConsent(BRAND, consent);
    expect(first.ok && replay.ok).toBe(true);
    if (!first.ok || !replay.ok) return;
    expect(replay.value.transactionId).toBe(first.value.transactionId);
    expect(sim.stats().movements).toBe(1);
  });

  it('answers "no record" with null for a key İYS has never seen', async () => {
    const { client } = simWithClient();
    expect(await client.getConsentStatus(BRAND, key('+905329999999'))).toEqual({
      ok: true,
      value: null,
    });
  });

  it('surfaces H175 (a first record cannot be RET) as a permanent rejection', async () => {
    const { sim, client } = simWithClient();
    const result = await client.addConsent(
      BRAND,
      onay('+905321234567', sim.now(), { status: 'RET' }),
    );
    expect(!result.ok && result.error).toMatchObject({
      kind: 'rejected',
      status: 400,
      code: 'H175',
      retryable: false,
    });
  });

  it('surfaces H174 (RET over RET) as already current', async () => {
    const { sim, client } = simWithClient();
    const phone = '+905321234567';
    expect((await client.addConsent(BRAND, onay(phone, sim.now()))).ok).toBe(true);
    sim.advance(5 * SECOND);
    expect((await client.addConsent(BRAND, onay(phone, sim.now(), { status: 'RET' }))).ok).toBe(
      true,
    );
    sim.advance(5 * SECOND);
    const again = await client.addConsent(BRAND, onay(phone, sim.now(), { status: 'RET' }));
    expect(!again.ok && again.error).toMatchObject({
      kind: 'already',
      category: 'already',
      status: 400,
      code: 'H174',
      retryable: false,
    });
    expect(!again.ok && again.error.errors[0]!.message).toMatch(/RET$/);
  });

  it('A8: a consent older than 3 business days comes back as a typed H467', async () => {
    const { sim, client } = simWithClient();
    const stale = new Date(sim.now().getTime() - 10 * DAY);
    const result = await client.addConsent(BRAND, onay('+905321234567', stale));
    expect(!result.ok && result.error).toMatchObject({
      kind: 'rejected',
      status: 422,
      code: 'H467',
      retryable: false,
    });
    expect(!result.ok && result.error.errors[0]!.location).toEqual(['consentDate']);
  });

  it('adds with v1 too', async () => {
    const { sim, client } = simWithClient();
    expect((await client.addConsentV1(BRAND, onay('+905321234567', sim.now()))).ok).toBe(true);
  });
});

describe('against the simulator: batch', () => {
  it('submits a batch, sees "not done" before 300 s, then each item’s outcome', async () => {
    const { sim, client } = simWithClient();
    const at = sim.now();
    const submitted = await client.addConsents(BRAND, [
      onay('+905321234567', at),
      onay('ayse@ornek.com', at),
      onay('+905321234568', at, { status: 'RET' }), // first record RET: fails per item
    ]);
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(submitted.value.subRequests).toHaveLength(3);
    const { requestId } = submitted.value;

    expect(await client.getBatchStatus(BRAND, requestId)).toEqual({ ok: true, value: null });

    sim.advance(300 * SECOND);
    const status = await client.getBatchStatus(BRAND, requestId);
    expect(status.ok).toBe(true);
    if (!status.ok || status.value === null) throw new Error('expected the batch to be done');
    const byIndex = [...status.value].sort((a, b) => Number(a.index) - Number(b.index));
    expect(byIndex.map((i) => i.status)).toEqual(['success', 'success', 'failure']);
    expect(byIndex[0]!.transactionId).toEqual(expect.any(String));
    expect(byIndex[2]).toMatchObject({ error: { code: 'H175' } });
    expect(byIndex.map((i) => i.subRequestId)).toEqual(
      submitted.value.subRequests.map((s) => s.subRequestId),
    );
  });

  it('A18: never sends a batch with a repeated key, so İYS never sees H194', async () => {
    const { sim, client } = simWithClient();
    const at = sim.now();
    const result = await client.addConsents(BRAND, [
      onay('ayse@ornek.com', at),
      onay('AYSE@ornek.com', at),
    ]);
    expect(!result.ok && result.error).toMatchObject({ code: 'H194', sent: false });
    expect(sim.stats().requests).toBe(0);
  });
});

describe('against the simulator: queries', () => {
  it('lists only the ONAY recipients of a multi-status query', async () => {
    const { sim, client } = simWithClient();
    const at = sim.now();
    await client.addConsent(BRAND, onay('+905321234567', at));
    await client.addConsent(BRAND, onay('+905321234568', at));
    sim.advance(5 * SECOND);
    await client.addConsent(BRAND, onay('+905321234568', sim.now(), { status: 'RET' }));
    const result = await client.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', [
      '+905321234567',
      '+905321234568',
      '+905321234569',
    ]);
    expect(result.ok && result.value.list).toEqual(['+905321234567']);
  });

  it('reads a key’s history newest first', async () => {
    const { sim, client } = simWithClient();
    const phone = '+905321234567';
    await client.addConsent(BRAND, onay(phone, sim.now()));
    sim.advance(5 * SECOND);
    await client.addConsent(BRAND, onay(phone, sim.now(), { status: 'RET' }));
    const history = await client.getHistory(BRAND, key(phone), { limit: 10 });
    expect(history.ok && history.value.list.map((m) => m.status)).toEqual(['RET', 'ONAY']);
  });

  it('lists the account’s brands, the master one under the iysCode', async () => {
    const { client } = simWithClient();
    const brands = await client.listBrands();
    expect(brands.ok && brands.value.find((b) => b.master)?.brandCode).toBe(BRAND);
  });
});

describe('against the simulator: pull', () => {
  it('pages our own movements with the cursor and keeps it when nothing is new', async () => {
    const { sim, client } = simWithClient();
    for (const phone of ['+905321234561', '+905321234562', '+905321234563']) {
      expect((await client.addConsent(BRAND, onay(phone, sim.now()))).ok).toBe(true);
      sim.advance(2 * SECOND);
    }
    // Pull leaves out the most recent hour.
    const early = await client.pullChanges(BRAND, { source: 'HS' });
    expect(early).toEqual({ ok: true, value: { after: undefined, list: [] } });

    sim.advance(3600 * SECOND);
    const first = await client.pullChanges(BRAND, { source: 'HS', limit: 2 });
    if (!first.ok) throw first.error;
    expect(first.value.list.map((m) => m.recipient)).toEqual(['+905321234561', '+905321234562']);
    const second = await client.pullChanges(BRAND, {
      source: 'HS',
      limit: 2,
      after: first.value.after,
    });
    if (!second.ok) throw second.error;
    expect(second.value.list.map((m) => m.recipient)).toEqual(['+905321234563']);
    const third = await client.pullChanges(BRAND, { source: 'HS', after: second.value.after });
    expect(third).toEqual({ ok: true, value: { after: second.value.after, list: [] } });
  });

  it('A2: brings a citizen’s RET made on İYS back through source=IYS', async () => {
    const { sim, client, control } = simWithClient();
    const phone = '+905321234567';
    await client.addConsent(BRAND, onay(phone, sim.now()));
    sim.advance(60 * SECOND);
    const citizen = await control('/citizen/consents', {
      recipient: phone,
      type: 'MESAJ',
      status: 'RET',
      brandCode: BRAND,
    });
    expect(citizen.status).toBe(201);
    sim.advance(3601 * SECOND);
    const pulled = await client.pullChanges(BRAND, { source: 'IYS' });
    if (!pulled.ok) throw pulled.error;
    expect(pulled.value.list).toEqual([
      expect.objectContaining({ recipient: phone, status: 'RET', source: 'IYS_WEB' }),
    ]);
    expect(pulled.value.after).toEqual(expect.any(String));
  });
});
