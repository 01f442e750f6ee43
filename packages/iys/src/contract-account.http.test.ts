// The subscription query, the five reconciliation calls and the account failure class, against
// the simulator served over real HTTP.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tsaCertificatePem } from '@izinli/iys-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { servedSim } from './contract-harness.test-support.js';
import type { IysConsentInput } from './consent-request.js';
import { BRAND, IYS_CODE } from './sim-harness.test-support.js';

const DAY = 86_400_000;
const OPENSSL = '/usr/bin/openssl';
/** SIM_START's Turkey day (2026-03-02 10:00 Turkey time). */
const START_DAY = '2026-03-02';

const onay = (recipient: string): IysConsentInput => ({
  recipient,
  type: 'MESAJ',
  source: 'HS_WEB',
  status: 'ONAY',
  consentDate: '2026-03-02 09:30:00',
  recipientType: 'BIREYSEL',
});

describe('contract: subscription and reconciliation over HTTP', () => {
  const { sim, client, control } = servedSim();

  it('reads the subscription, then reconciles a completed day end to end', async () => {
    const iys = client();
    const subscription = await iys.getSubscription();
    expect(subscription.ok && subscription.value).toMatchObject({
      status: 'ACTIVE',
      subscriptionId: `${IYS_CODE}01`,
      usedConsentLimit: 0,
    });
    expect((await iys.addConsent(BRAND, onay('+905321110001'))).ok).toBe(true);
    const citizen = await control('/citizen/consents', {
      brandCode: BRAND,
      recipient: 'ali@example.com',
      type: 'EPOSTA',
      status: 'ONAY',
    });
    expect(citizen.status).toBe(201);
    // Today has no file yet: İYS builds it at the end of the day.
    const today = await iys.getDailyMovementFile(BRAND, START_DAY);
    expect(today).toEqual({ ok: true, value: null });
    sim.advance(DAY);

    const file = await iys.getDailyMovementFile(BRAND, START_DAY);
    if (!file.ok || file.value === null) throw new Error('no daily file');
    const rows = file.value.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(file.value).toContain(',ali@example.com,BIREYSEL,EPOSTA,ONAY,');

    const summary = await iys.getReconciliationSummary(BRAND, START_DAY, 'BIREYSEL');
    expect(summary.ok && summary.value.changeStats.find((s) => s.type === 'EPOSTA')).toEqual({
      type: 'EPOSTA',
      consents: [
        { source: 'HS', approval: 0, rejection: 0, pending: 0, total: 0 },
        { source: 'IYS', approval: 1, rejection: 0, pending: 0, total: 1 },
      ],
    });

    const ours = createHash('sha384').update(file.value, 'utf8').digest('hex');
    const agreement = await iys.getAgreement(BRAND, START_DAY);
    expect(agreement.ok && agreement.value).toMatchObject({
      processStatus: 'completed',
      hashValue: ours,
      hashMethod: 'SHA-384',
      agreementStatus: false,
    });
    expect(await iys.recordAgreement(BRAND, START_DAY)).toEqual({
      ok: true,
      value: { agreementCaptured: true },
    });
    const agreed = await iys.getAgreement(BRAND, START_DAY);
    expect(agreed.ok && agreed.value?.agreementStatus).toBe(true);

    const stamp = await iys.getAgreementTimestamp(BRAND, START_DAY);
    if (!stamp.ok || stamp.value === null) throw new Error('no time stamp');
    expect(stamp.value).toBeInstanceOf(Uint8Array);
    if (!existsSync(OPENSSL)) return; // openssl absent: the stamp's bytes are all we can check
    const dir = await mkdtemp(join(tmpdir(), 'iys-tsr-'));
    try {
      await writeFile(join(dir, 'day.csv'), file.value, 'utf8');
      await writeFile(join(dir, 'day.tsr'), stamp.value);
      await writeFile(join(dir, 'tsa.pem'), await tsaCertificatePem());
      const { stdout } = await promisify(execFile)(OPENSSL, [
        'ts',
        '-verify',
        '-in',
        join(dir, 'day.tsr'),
        '-data',
        join(dir, 'day.csv'),
        '-CAfile',
        join(dir, 'tsa.pem'),
      ]);
      expect(stdout).toContain('Verification: OK');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers days out of the window as rejections (H502), and a malformed day is a bug', async () => {
    const iys = client();
    const old = await iys.getAgreement(BRAND, '2026-02-01');
    expect(!old.ok && old.error).toMatchObject({ kind: 'rejected', code: 'H502', status: 422 });
    await expect(iys.getAgreement(BRAND, '02.03.2026')).rejects.toThrow(RangeError);
  });
});

describe('contract: account failures over HTTP', () => {
  const { client, control } = servedSim();
  afterEach(async () => {
    await control(`/accounts/${IYS_CODE}`, { state: 'active' }, 'PUT');
    await control('/faults', undefined, 'DELETE');
  });

  it.each([
    ['closed', 'H521', 403],
    ['paused', 'H520', 403],
    ['no-subscription', 'H524', 403],
    ['no-api-package', 'H586', 403],
    ['quota-reached', 'H525', 422],
  ] as const)('a %s account fails every add as account, %s', async (state, code, status) => {
    expect((await control(`/accounts/${IYS_CODE}`, { state }, 'PUT')).status).toBe(200);
    const result = await client().addConsent(BRAND, onay('+905321110099'));
    expect(!result.ok && result.error).toMatchObject({
      kind: 'account',
      category: 'account',
      retryable: false,
      code,
      status,
    });
  });

  it("classifies a gateway's HTML 403 and refused credentials as account failures", async () => {
    await control('/faults', { errorRate: 1, errorKinds: ['gateway-403'] }, 'PUT');
    const gateway = await client().listBrands();
    expect(!gateway.ok && gateway.error).toMatchObject({
      kind: 'gateway',
      category: 'account',
      status: 403,
    });
    await control('/faults', { errorRate: 1, errorKinds: ['bad-credentials'] }, 'PUT');
    const refused = await client().listBrands();
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'auth', category: 'account' });
  });
});
