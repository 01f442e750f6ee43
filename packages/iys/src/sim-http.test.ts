import { describe, it, expect } from 'vitest';
import { DEMO_ACCOUNT } from '@izinli/iys-sim';
import { servedSim } from './contract-harness.test-support.js';
import { createIysClient } from './iys-client.js';
import { unlimited } from './rate-limiter.js';

// The same client over a real socket: global fetch, HTTP parsing, headers and status codes as
// Node sends and receives them.
describe('against the simulator over real HTTP', () => {
  const { sim, client, onay } = servedSim();

  it('adds a consent, replays it idempotently and reads it back', async () => {
    const iys = client();
    const consent = onay({ recipient: 'mehmet@ornek.com', type: 'EPOSTA' });
    const added = await iys.addConsent(DEMO_ACCOUNT.iysCode, consent);
    const replay = await iys.addConsent(DEMO_ACCOUNT.iysCode, consent);
    expect(added.ok && replay.ok && replay.value.transactionId).toBe(
      added.ok ? added.value.transactionId : 'missing',
    );
    const status = await iys.getConsentStatus(DEMO_ACCOUNT.iysCode, {
      recipient: 'mehmet@ornek.com',
      recipientType: 'BIREYSEL',
      type: 'EPOSTA',
    });
    expect(status.ok && status.value?.status).toBe('ONAY');
  });

  it('gets a typed error for a refused consent over the wire', async () => {
    const result = await client().addConsent(DEMO_ACCOUNT.iysCode, {
      recipient: '+905321230000',
      type: 'ARAMA',
      source: 'HS_WEB',
      status: 'RET',
      consentDate: sim.now(),
    });
    expect(!result.ok && result.error).toMatchObject({
      kind: 'rejected',
      code: 'H175',
      status: 400,
    });
  });

  it('reports a port nobody listens on as a network error', async () => {
    const closed = createIysClient({
      baseUrl: 'http://127.0.0.1:9',
      username: 'x',
      password: 'y',
      iysCode: 1,
      rateLimiter: unlimited,
      requestTimeoutMs: 5_000,
    });
    const result = await closed.listBrands();
    expect(!result.ok && result.error.kind).toMatch(/^(network|timeout)$/);
    expect(!result.ok && result.error.retryable).toBe(true);
  });
});
