import { describe, it, expect } from 'vitest';
import type { IysConsentInput } from './consent-request.js';
import { unlimited } from './rate-limiter.js';
import { BRAND, simWithClient } from './sim-harness.test-support.js';

const HOUR = 3_600_000;

const consent = (at: Date, recipient = '+905321234567'): IysConsentInput => ({
  recipient,
  type: 'MESAJ',
  source: 'HS_WEB',
  status: 'ONAY',
  consentDate: at,
});

describe('against the simulator: tokens', () => {
  it('uses one token for many calls', async () => {
    const { client, sim } = simWithClient();
    for (let i = 0; i < 5; i++) expect((await client.listBrands()).ok).toBe(true);
    expect(sim.stats().tokens.access).toBe(1);
  });

  it('recovers from revoked tokens: 401, refresh refused, password grant, one retry', async () => {
    const { client, control } = simWithClient();
    expect((await client.listBrands()).ok).toBe(true);
    expect((await control('/tokens/revoke', {})).status).toBe(204);
    expect((await client.listBrands()).ok).toBe(true);
  });

  it('refreshes on its own before the two-hour token expires', async () => {
    const { client, sim } = simWithClient();
    expect((await client.listBrands()).ok).toBe(true);
    sim.advance(HOUR + 56 * 60_000); // 4 minutes of life left: inside the 5-minute margin
    expect((await client.listBrands()).ok).toBe(true);
    const statuses = sim.stats().byStatus;
    expect(statuses['401']).toBeUndefined();
  });

  it('halts token requests for an hour after H084, failing fast with retryAt', async () => {
    const { client, control, sim } = simWithClient({ limits: { tokensPerHour: 2 } });
    expect((await client.listBrands()).ok).toBe(true); // token request 1: password
    await control('/tokens/revoke', {});
    // 401 → request 2: refresh, refused (revoked) → request 3: password → H084.
    const locked = await client.listBrands();
    expect(!locked.ok && locked.error).toMatchObject({
      kind: 'token-locked',
      code: 'H084',
      category: 'account',
    });
    const retryAt = !locked.ok ? locked.error.retryAt! : 0;
    expect(retryAt).toBe(sim.clock.nowMs() + HOUR);
    const before = sim.stats().requests;
    const again = await client.listBrands();
    expect(!again.ok && again.error.kind).toBe('token-locked');
    // Only the API call with the dead token went out; no token request inside the hour.
    expect(sim.stats().requests - before).toBe(1);
    sim.advance(HOUR);
    expect((await client.listBrands()).ok).toBe(true);
  });
});

describe('against the simulator: limits and faults', () => {
  it('stays under 10 requests per second with its token bucket: no H124', async () => {
    const { client, sim } = simWithClient();
    const start = sim.clock.nowMs();
    for (let i = 0; i < 30; i++) expect((await client.listBrands()).ok).toBe(true);
    // 31 requests (one for the token), 100 ms apart: 3 s of simulated time.
    expect(sim.clock.nowMs() - start).toBe(3000);
    expect(sim.stats().byCode['H124']).toBeUndefined();
  });

  it('classifies H124 as retryable rate limiting when the caller skips pacing', async () => {
    const { client } = simWithClient({}, { rateLimiter: unlimited });
    const results = await Promise.all(Array.from({ length: 15 }, () => client.listBrands()));
    const limited = results.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(!r.ok && r.error).toMatchObject({
        kind: 'rate-limited',
        code: 'H124',
        retryable: true,
      });
    }
  });

  it('classifies an injected H123 as busy and 5xx as server errors, both retryable', async () => {
    const { client, sim } = simWithClient();
    expect((await client.listBrands()).ok).toBe(true);
    sim.setFaults({ errorRate: 1, errorKinds: ['H123'] });
    const busy = await client.addConsent(BRAND, consent(sim.now()));
    expect(!busy.ok && busy.error).toMatchObject({ kind: 'busy', code: 'H123', retryable: true });
    sim.setFaults({ errorKinds: ['503'] });
    const down = await client.addConsent(BRAND, consent(sim.now()));
    expect(!down.ok && down.error).toMatchObject({ kind: 'server', status: 503, retryable: true });
  });

  it('classifies a dropped connection as a retryable network error', async () => {
    const { client, sim } = simWithClient();
    expect((await client.listBrands()).ok).toBe(true);
    sim.setFaults({ dropRate: 1 });
    const dropped = await client.addConsent(BRAND, consent(sim.now()));
    expect(!dropped.ok && dropped.error).toMatchObject({ kind: 'network', retryable: true });
  });
});
