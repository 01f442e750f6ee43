// A large import goes to İYS through the batch path (A8, A19): the rows' movements wait in the
// outbox, the delivery worker sees a backlog above its threshold and sends batches to the
// simulator over HTTP, each consent with its row's source and consentDate.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { servedSimPerTest } from '../http/sim-harness.test-support.js';
import { writeImportFixture } from './import-fixture.test-support.js';

describe('an import delivered in batches', () => {
  // Thursday 2026-11-26 10:00 Turkey time: the fixture's rows are of the day before.
  const t = servedSimPerTest({ seed: 11 });

  it('A8, A19: 120 imported rows reach İYS in batches with their source and consentDate', async () => {
    const { h, sim } = t;
    const config = join(h.dir, 'izinli.config.json');
    writeFileSync(config, JSON.stringify(exampleServerConfig));
    const fixture = writeImportFixture(h.dir, 120, { badEvery: 1000 });
    const { code } = await izinliInProcess(
      ['import', fixture.path, '--config', config, '--data-dir', h.dir],
      { env: {}, fetch: globalThis.fetch, fullStoreIn: h.dir, now: () => sim.now() },
    );
    expect(code).toBe(0);
    const pending = await h.store.movements({});
    expect(pending.length).toBeGreaterThan(50);
    expect(pending.every((m) => m.state === 'pending')).toBe(true);

    const [submitted] = await t.deliver();
    expect(submitted).toMatchObject({ batched: pending.length });
    expect(submitted!.batches).toBeGreaterThanOrEqual(1);
    // İYS answers a batch no sooner than 300 s after it was taken.
    sim.advance(305_000);
    const [polled] = await t.deliver();
    expect(polled).toMatchObject({ delivered: pending.length, dead: 0 });

    // Row 10 is a wet-signature form, row 11 a call, both consented on 2026-11-25.
    for (const [i, source] of [
      [10, 'HS_ISLAK_IMZA'],
      [11, 'HS_CAGRI_MERKEZI'],
    ] as const) {
      const phone = `+905321${String(1_000_000 + i).slice(1)}`;
      const held = await t.simConsents(phone);
      const row = pending.find((m) => m.recipient === phone && m.type === 'MESAJ')!;
      expect(held.find((c) => c.type === 'MESAJ')).toMatchObject({
        status: 'ONAY',
        source,
        consentDate: row.consentDate,
      });
      expect(row.consentDate.startsWith('2026-11-25 ')).toBe(true);
    }
    expect(sim.stats().byCode).toEqual({});
  });
});
