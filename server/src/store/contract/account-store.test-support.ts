// The AccountStore contract (ports/account-store.ts): an account pauses once (its events once),
// failed probes only move its schedule, it resumes once, and its token round-trips.
import { expect, it } from 'vitest';
import type { WebhookEvent } from '../types.js';
import { SITE_A, SITE_B, at } from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';

const cause = { code: 'H521', message: 'Hizmet sağlayıcı aboneliği kapalı.', status: 403 };
const event = (id: string, type: string, siteKey = SITE_A): WebhookEvent => ({
  id,
  siteKey,
  type,
  payload: { iysCode: 100000 },
  createdAt: at(1),
});

export function describeAccountContract(store: StoreGetter) {
  it('pauses an account once, with its events once; a failed probe moves only its schedule', async () => {
    expect(await store().iysAccounts()).toEqual([]);
    const pause = {
      iysCode: 100000,
      cause,
      at: at(1),
      nextProbeAt: at(31),
      events: [event('p-a', 'iys.account_paused'), event('p-b', 'iys.account_paused', SITE_B)],
    };
    expect(await store().pauseIysAccount(pause)).toBe(true);
    const again = { ...pause, at: at(31), nextProbeAt: at(91), events: [event('p-c', 'x')] };
    expect(await store().pauseIysAccount({ ...again, cause: { ...cause, code: 'H520' } })).toBe(
      false,
    );
    expect(await store().iysAccounts()).toEqual([
      {
        iysCode: 100000,
        state: 'paused',
        cause: { ...cause, code: 'H520' },
        pausedAt: at(1),
        nextProbeAt: at(91),
        probes: 1,
        updatedAt: at(31),
      },
    ]);
    const written = [
      ...(await store().webhookEvents(SITE_A)),
      ...(await store().webhookEvents(SITE_B)),
    ].map((e) => e.id);
    expect(written.sort()).toEqual(['p-a', 'p-b']);
  });

  it('resumes a paused account once, with its events; an active one is not resumed', async () => {
    expect(
      await store().resumeIysAccount({ iysCode: 100000, at: at(1), events: [event('r-0', 'x')] }),
    ).toBe(false);
    await store().pauseIysAccount({
      iysCode: 100000,
      cause,
      at: at(1),
      nextProbeAt: at(31),
      events: [],
    });
    const resume = { iysCode: 100000, at: at(40), events: [event('r-1', 'iys.account_resumed')] };
    expect(await store().resumeIysAccount(resume)).toBe(true);
    expect(await store().resumeIysAccount({ ...resume, events: [event('r-2', 'x')] })).toBe(false);
    const [account] = await store().iysAccounts();
    expect(account).toMatchObject({ state: 'active', probes: 0, cause, pausedAt: at(1) });
    expect(account!.nextProbeAt).toBeUndefined();
    expect((await store().webhookEvents(SITE_A)).map((e) => e.id)).toEqual(['r-1']);
    // Paused again later: the pause is new, its time and probes fresh.
    await store().pauseIysAccount({
      iysCode: 100000,
      cause,
      at: at(50),
      nextProbeAt: at(80),
      events: [],
    });
    expect((await store().iysAccounts())[0]).toMatchObject({ pausedAt: at(50), probes: 0 });
  });

  it('keeps one token per account, replaced whole', async () => {
    expect(await store().iysToken(100000)).toBeUndefined();
    const token = {
      accessToken: 'erişim',
      refreshToken: 'yenileme',
      expiresAt: 1_000,
      refreshExpiresAt: 2_000,
      issuedAt: 10,
    };
    await store().setIysToken(100000, token, at(1));
    await store().setIysToken(100001, { ...token, accessToken: 'öbür' }, at(1));
    expect(await store().iysToken(100000)).toEqual(token);
    await store().setIysToken(100000, { ...token, accessToken: '', lockedUntil: 9_000 }, at(2));
    expect(await store().iysToken(100000)).toEqual({
      ...token,
      accessToken: '',
      lockedUntil: 9_000,
    });
    expect((await store().iysToken(100001))?.accessToken).toBe('öbür');
  });

  it('counts token requests per account in a rolling window and refuses past the budget', async () => {
    const HOUR = 3_600_000;
    const ask = (iysCode: number, atMs: number) =>
      store().reserveIysTokenGrant({ iysCode, atMs, budget: 3, windowMs: HOUR });
    expect(await ask(100000, 1_000)).toEqual({ granted: true, count: 1 });
    expect(await ask(100000, 2_000)).toEqual({ granted: true, count: 2 });
    expect(await ask(100001, 2_500)).toEqual({ granted: true, count: 1 });
    expect(await ask(100000, 3_000)).toEqual({ granted: true, count: 3 });
    // Spent: free again when the oldest leaves the hour; a refusal is not counted.
    expect(await ask(100000, 4_000)).toEqual({ granted: false, count: 3, freeAt: 1_000 + HOUR });
    expect(await store().iysTokenGrants(100000, 4_000 - HOUR)).toBe(3);
    expect(await ask(100000, 1_000 + HOUR)).toEqual({ granted: true, count: 3 });
    expect(await store().iysTokenGrants(100000, 1_000)).toBe(3);
    expect(await store().iysTokenGrants(100001, 0)).toBe(1);
  });

  it('never counts past the budget when many ask at once', async () => {
    const asks = Array.from({ length: 12 }, (_, i) =>
      store().reserveIysTokenGrant({
        iysCode: 100000,
        atMs: 10_000 + i,
        budget: 5,
        windowMs: 3_600_000,
      }),
    );
    const granted = (await Promise.all(asks)).filter((r) => r.granted);
    expect(granted).toHaveLength(5);
    expect(await store().iysTokenGrants(100000, 0)).toBe(5);
  });
}
