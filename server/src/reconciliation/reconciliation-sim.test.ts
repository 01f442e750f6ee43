// Daily reconciliation (MUTABAKAT) against the İYS simulator over HTTP: a day izinli's copy
// agrees with is recorded with İYS and its CSV and .tsr kept (the .tsr verifies with openssl);
// changes made on İYS behind izinli's back show as differences with an event; the subscription
// watch warns of a subscription ending soon or paused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { DEMO_ACCOUNT, tsaCertificatePem } from '@izinli/iys-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { phone } from '../store/contract/store-fixtures.test-support.js';
import { BRAND, HOUR, startReconciliationHarness } from './reconciliation-sim.test-support.js';
import type { ReconciliationHarness } from './reconciliation-sim.test-support.js';

const OPENSSL = '/usr/bin/openssl';
const DAY = '2025-10-15'; // the simulator's start day (10:00 Turkey time)

let h: ReconciliationHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Delivers two consents on DAY, then moves to 03:00 the next day (past the settle time). */
async function deliveredDay(harness: ReconciliationHarness) {
  await harness.enqueue([
    { recipient: phone(1), minutesAgo: 5 },
    { recipient: phone(2), minutesAgo: 4 },
  ]);
  await harness.deliver();
  harness.sim.advance(17 * HOUR);
}

describe('İYS reconciliation against the simulator', () => {
  it('agrees a day izinli delivered, records the agreement and keeps the CSV and .tsr', async () => {
    h = await startReconciliationHarness();
    await deliveredDay(h);
    const report = await h.reconciler().runOnce();
    const days = report.days.map((d) => [d.day, d.state]);
    expect(days).toEqual([
      ['2025-10-09', 'empty'],
      ['2025-10-10', 'empty'],
      ['2025-10-11', 'empty'],
      ['2025-10-12', 'empty'],
      ['2025-10-13', 'empty'],
      ['2025-10-14', 'empty'],
      [DAY, 'agreed'],
    ]);
    const agreement = await h.iys.getAgreement(BRAND.brandCode, DAY);
    expect(agreement.ok && agreement.value).toMatchObject({ agreementStatus: true });
    const [day] = await h.store.reconciliationDays({ brands: [BRAND], from: DAY, to: DAY });
    expect(day).toMatchObject({ state: 'agreed', iysRows: 2, izinliRows: 2, differences: [] });
    expect(agreement.ok && agreement.value?.hashValue).toBe(day!.hash);
    const csv = await h.store.reconciliationFile(day!.fileSha256!);
    const file = await h.iys.getDailyMovementFile(BRAND.brandCode, DAY);
    expect(Buffer.from(csv!.content).toString('utf8')).toBe(file.ok && file.value);
    // A second pass has nothing left to do.
    expect((await h.reconciler().runOnce()).days).toEqual([]);
    // No recipient in any log line.
    expect(h.logs.join('\n')).not.toContain(phone(1).slice(3));
  });

  it.skipIf(!existsSync(OPENSSL))(
    'keeps a .tsr that openssl ts -verify accepts over the stored CSV with the TSA certificate',
    async () => {
      h = await startReconciliationHarness();
      await deliveredDay(h);
      await h.reconciler().runOnce();
      const [day] = await h.store.reconciliationDays({ brands: [BRAND], from: DAY, to: DAY });
      const dir = mkdtempSync(join(tmpdir(), 'izinli-tsr-'));
      try {
        const csv = await h.store.reconciliationFile(day!.fileSha256!);
        const tsr = await h.store.reconciliationFile(day!.timestampSha256!);
        writeFileSync(join(dir, 'day.csv'), csv!.content);
        writeFileSync(join(dir, 'day.tsr'), tsr!.content);
        writeFileSync(join(dir, 'tsa.pem'), await tsaCertificatePem());
        const args = ['ts', '-verify', '-in', 'day.tsr', '-data', 'day.csv', '-CAfile', 'tsa.pem'];
        const out = execFileSync(OPENSSL, args, { cwd: dir, encoding: 'utf8' });
        expect(out).toContain('Verification: OK');
        // The evidence bundle's way: the stamp against the file's SHA-256 alone, no file needed.
        const byDigest = ['ts', '-verify', '-in', 'day.tsr', '-digest', csv!.sha256];
        const digestOut = execFileSync(OPENSSL, [...byDigest, '-CAfile', 'tsa.pem'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(digestOut).toContain('Verification: OK');
        // `izinli verify timestamp` agrees with openssl, on the same files.
        const cli = (data: string) =>
          izinliInProcess([
            'verify',
            'timestamp',
            join(dir, 'day.tsr'),
            join(dir, data),
            '--ca',
            join(dir, 'tsa.pem'),
          ]);
        const verified = await cli('day.csv');
        expect(verified.code, verified.stdout + verified.stderr).toBe(0);
        expect(verified.stdout).toContain('time stamp verified');
        // The same stamp does not cover another file.
        writeFileSync(join(dir, 'other.csv'), 'creationDate\n');
        const other = [
          'ts',
          '-verify',
          '-in',
          'day.tsr',
          '-data',
          'other.csv',
          '-CAfile',
          'tsa.pem',
        ];
        expect(() => execFileSync(OPENSSL, other, { cwd: dir, stdio: 'pipe' })).toThrow();
        const refused = await cli('other.csv');
        expect(refused.code).toBe(1);
        expect(refused.stdout).toContain('message imprint');
        // Nor does it verify against another authority's certificate.
        const key = ['-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.pem'];
        execFileSync(OPENSSL, ['req', '-x509', ...key, '-subj', '/CN=other', '-days', '1'], {
          cwd: dir,
          stdio: 'pipe',
        });
        const stranger = await izinliInProcess([
          'verify',
          'timestamp',
          join(dir, 'day.tsr'),
          join(dir, 'day.csv'),
          '--ca',
          join(dir, 'other.pem'),
        ]);
        expect(stranger.code).toBe(1);
        expect(stranger.stdout).toContain('NOT verified');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('shows changes made on İYS behind izinli’s back as differences, with an event, until pulled', async () => {
    h = await startReconciliationHarness();
    await h.enqueue([{ recipient: phone(1), minutesAgo: 5 }]);
    await h.deliver();
    // A citizen refuses on İYS (izinli has not pulled it), and another integration of the brand
    // adds a consent directly.
    await h.citizen(phone(1), 'RET');
    h.sim.advance(1000);
    const added = await h.iys.addConsent(BRAND.brandCode, {
      recipient: phone(3),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: '2025-10-15 09:00:00',
    });
    expect(added.ok).toBe(true);
    h.sim.advance(17 * HOUR);
    await h.reconciler().runOnce();
    const [day] = await h.store.reconciliationDays({ brands: [BRAND], from: DAY, to: DAY });
    expect(day).toMatchObject({ state: 'mismatch', iysRows: 3, izinliRows: 1, differenceCount: 2 });
    expect(
      day!.differences.map((d) => [d.kind, d.iys?.recipient, d.iys?.status, d.iys?.source]),
    ).toEqual([
      ['iys-only', phone(1), 'RET', expect.stringMatching(/^IYS_/)],
      ['iys-only', phone(3), 'ONAY', 'HS_WEB'],
    ]);
    const agreement = await h.iys.getAgreement(BRAND.brandCode, DAY);
    expect(agreement.ok && agreement.value?.agreementStatus).toBe(false);
    const events = (await h.store.webhookEvents(EXAMPLE_SITE_KEY)).filter(
      (e) => e.type === 'iys.reconciliation_mismatch',
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ ...BRAND, day: DAY, differenceCount: 2 });
    // Checked again while İYS keeps the day: the same differences raise no second event.
    await h.reconciler().runOnce();
    expect(
      (await h.store.webhookEvents(EXAMPLE_SITE_KEY)).filter(
        (e) => e.type === 'iys.reconciliation_mismatch',
      ),
    ).toHaveLength(1);
    // Once the sync pulls the citizen's change, only the other integration's consent differs.
    await h.sync();
    await h.reconciler().runOnce();
    const [again] = await h.store.reconciliationDays({ brands: [BRAND], from: DAY, to: DAY });
    expect(again!.differences.map((d) => [d.kind, d.iys?.recipient])).toEqual([
      ['iys-only', phone(3)],
    ]);
    // The differences were logged by count and kind only.
    expect(h.logs.some((l) => l.includes('differs from izinli'))).toBe(true);
    for (const n of [1, 3]) expect(h.logs.join('\n')).not.toContain(phone(n).slice(3));
  });

  it('stores a day İYS no longer keeps as missed', async () => {
    h = await startReconciliationHarness();
    await deliveredDay(h);
    await h.reconciler().runOnce();
    // Ten days without a pass: the three oldest of them fell out of İYS's 7-day window.
    h.sim.advance(10 * 24 * HOUR);
    const report = await h.reconciler().runOnce();
    expect(report.days.filter((d) => d.state === 'missed').map((d) => d.day)).toEqual([
      '2025-10-16',
      '2025-10-17',
      '2025-10-18',
    ]);
    const days = await h.store.reconciliationDays({ brands: [BRAND], from: '2025-10-16' });
    expect(days.find((d) => d.day === '2025-10-16')).toMatchObject({
      state: 'missed',
      reason: 'outside-window',
    });
  });
});

describe('İYS subscription watch', () => {
  it('warns once a day of a subscription ending within 30 days, and of one paused', async () => {
    h = await startReconciliationHarness({
      accounts: [{ ...DEMO_ACCOUNT, subscription: { expirationDate: '2025-11-01 23:59:59' } }],
    });
    const first = await h.reconciler().runOnce();
    expect(first.subscriptions).toEqual([
      expect.objectContaining({
        iysCode: BRAND.iysCode,
        status: 'ACTIVE',
        daysLeft: 17,
        warning: 'ending',
        expirationDate: '2025-11-01 23:59:59',
      }),
    ]);
    const events = () =>
      h!.store
        .webhookEvents(EXAMPLE_SITE_KEY)
        .then((all) => all.filter((e) => e.type === 'iys.subscription_warning'));
    expect((await events()).map((e) => e.payload)).toEqual([
      expect.objectContaining({ iysCode: BRAND.iysCode, warning: 'ending', daysLeft: 17 }),
    ]);
    expect(h.logs.some((l) => l.includes('ends within 30 days'))).toBe(true);
    // Once a day: a later pass the same day asks nothing.
    h.sim.advance(HOUR);
    expect((await h.reconciler().runOnce()).subscriptions).toEqual([]);
    await fetch(`${h.served.url}/__sim/accounts/${BRAND.iysCode}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'paused' }),
    });
    h.sim.advance(24 * HOUR);
    const next = await h.reconciler().runOnce();
    expect(next.subscriptions).toEqual([
      expect.objectContaining({ status: 'PAUSED', warning: 'inactive', daysLeft: 16 }),
    ]);
    expect(await h.store.subscriptionChecks()).toEqual(next.subscriptions);
    expect(await events()).toHaveLength(2);
  });

  it('warns of an account İYS no longer answers for (closed: H521) as unavailable', async () => {
    h = await startReconciliationHarness({ accounts: [{ ...DEMO_ACCOUNT, state: 'closed' }] });
    const report = await h.reconciler().runOnce();
    expect(report.subscriptions).toEqual([
      expect.objectContaining({
        warning: 'unavailable',
        error: { kind: 'account', status: 403, code: 'H521' },
      }),
    ]);
    const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(events.map((e) => e.type)).toContain('iys.subscription_warning');
  });

  it('stays quiet for a subscription far from its end', async () => {
    h = await startReconciliationHarness();
    const report = await h.reconciler().runOnce();
    expect(report.subscriptions).toEqual([
      expect.objectContaining({ status: 'ACTIVE', daysLeft: expect.any(Number) }),
    ]);
    expect(report.subscriptions[0]!.warning).toBeUndefined();
  });
});
