import { describe, it, expect } from 'vitest';
import { DEMO_ACCOUNT } from '@izinli/iys-sim';
import { servedSim } from './contract-harness.test-support.js';

// Pull (`GET …/consents/changes`) over a real port: the one-hour lag, the cursor, 204, and a
// citizen's RET made on İYS reaching us.
const BRAND = DEMO_ACCOUNT.iysCode;
const MINUTE = 60_000;

describe('contract: pull changes', () => {
  const { sim, client, control, onay } = servedSim();

  it('shows our write in source=HS only after one hour, then pages by cursor, then 204', async () => {
    const iys = client();
    const added = await iys.addConsent(BRAND, onay());
    if (!added.ok) throw new Error('add failed');

    sim.advance(59 * MINUTE);
    const early = await iys.pullChanges(BRAND, { source: 'HS' });
    expect(early.ok && early.value.list.map((c) => c.transactionId)).not.toContain(
      added.value.transactionId,
    );

    sim.advance(2 * MINUTE);
    const first = await iys.pullChanges(BRAND, { source: 'HS' });
    if (!first.ok) throw new Error('pull failed');
    expect(first.value.list.map((c) => c.transactionId)).toContain(added.value.transactionId);
    expect(first.value.after).toBeDefined();
    const cursor = first.value.after;

    const second = await iys.addConsent(BRAND, onay());
    if (!second.ok) throw new Error('add failed');
    sim.advance(61 * MINUTE);
    const next = await iys.pullChanges(BRAND, {
      source: 'HS',
      ...(cursor ? { after: cursor } : {}),
    });
    if (!next.ok) throw new Error('pull failed');
    expect(next.value.list.map((c) => c.transactionId)).toEqual([second.value.transactionId]);

    const none = await iys.pullChanges(BRAND, {
      source: 'HS',
      ...(next.value.after ? { after: next.value.after } : {}),
    });
    expect(none).toEqual({ ok: true, value: { after: next.value.after, list: [] } });
  });

  it('limit pages the pull: one movement per page, each cursor moving on', async () => {
    const iys = client();
    for (let i = 0; i < 2; i++) {
      expect((await iys.addConsent(BRAND, onay())).ok).toBe(true);
      sim.advance(1_000);
    }
    sim.advance(61 * MINUTE);
    const page = await iys.pullChanges(BRAND, { source: 'HS', limit: 1 });
    expect(page.ok && page.value.list).toHaveLength(1);
  });

  it('a citizen RET recorded on İYS reaches pullChanges(source IYS) and the status says RET', async () => {
    const iys = client();
    const consent = onay();
    expect((await iys.addConsent(BRAND, consent)).ok).toBe(true);
    sim.advance(MINUTE);
    const citizen = await control('/citizen/consents', {
      brandCode: BRAND,
      recipient: consent.recipient,
      type: 'MESAJ',
      status: 'RET',
    });
    expect(citizen.status).toBe(201);

    sim.advance(61 * MINUTE);
    const pulled = await iys.pullChanges(BRAND, { source: 'IYS' });
    if (!pulled.ok) throw new Error('pull failed');
    const ret = pulled.value.list.find((c) => c.recipient === consent.recipient);
    expect(ret).toMatchObject({ status: 'RET', type: 'MESAJ' });
    expect(ret?.source).toMatch(/^IYS_/);
    const hs = await iys.pullChanges(BRAND, { source: 'HS' });
    expect(hs.ok && hs.value.list.every((c) => c.source.startsWith('HS_'))).toBe(true);

    const status = await iys.getConsentStatus(BRAND, {
      recipient: consent.recipient,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    expect(status.ok && status.value?.status).toBe('RET');
  });

  it('a cursor İYS never issued is refused with 400 H098', async () => {
    const result = await client().pullChanges(BRAND, { source: 'HS', after: 'nonsense' });
    expect(!result.ok && result.error).toMatchObject({ status: 400, code: 'H098' });
  });
});
