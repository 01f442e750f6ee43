// The group commit's isolation: a capture whose record fails inside the shared
// transaction — its seal, its signature, or the store refusing its data — is taken out and
// answered `unstorable`; every capture batched with it is committed, once, in an unbroken chain.
// prepareCapture refuses such captures first, so these drafts are damaged after preparation, as
// a bug or an unforeseen input would damage them. On SQLite, and on PostgreSQL where it is set.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCaptureChain, deadlineFor } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ORIGIN, validCapture } from '../http/app-harness.test-support.js';
import { loadKeyRing, signReceipt } from '../proof/index.js';
import type { KeyRing } from '../proof/index.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { CaptureWrite, Store, WriteTx } from '../store/store.js';
import { GroupCommitter } from './group-commit.js';
import type { CommitOutcome, GroupCommitOptions } from './group-commit.js';
import { prepareCapture } from './prepare-capture.js';
import type { CaptureDraft } from './prepare-capture.js';
import { freshSchema } from '../store/postgres/postgres.test-support.js';

const DATABASE_URL = process.env.DATABASE_URL;

async function exampleConfig(): Promise<LoadedConfig> {
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
}

/** A prepared draft of a valid capture numbered `i` (distinct phone and e-mail). */
function draft(config: LoadedConfig, i: number): CaptureDraft {
  const body = validCapture({
    person: {
      fullName: 'Ayşe Yılmaz',
      phone: `0532 ${String(2000000 + i).slice(-7)}`,
      email: `kisi${i}@ornek.com.tr`,
    },
  });
  const prepared = prepareCapture(
    body,
    { receivedAt: new Date(), origin: ORIGIN, ip: '203.0.113.7', userAgent: 'test' },
    config,
  );
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.refusal));
  return prepared.draft;
}

interface Rig {
  store: Store;
  ring: KeyRing;
  config: LoadedConfig;
  cleanup(): Promise<void>;
}

/** A rig over `store` (migrated here), a key ring in a fresh folder, and the example config. */
async function makeRig(store: Store, dropStore: () => Promise<void>): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-commit-'));
  await store.migrate();
  return {
    store,
    ring: await loadKeyRing({ dataDir: dir }),
    config: await exampleConfig(),
    async cleanup() {
      await store.close();
      await dropStore();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function sqliteRig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-commit-db-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  return makeRig(store, () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
}

async function postgresRig(): Promise<Rig> {
  const schema = freshSchema();
  const store = await openPostgresStore({ connectionString: DATABASE_URL!, schema });
  return makeRig(store, async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
}

const rigs: { name: string; make: () => Promise<Rig>; skip?: string }[] = [
  { name: 'SQLite', make: sqliteRig },
  {
    name: 'PostgreSQL',
    make: postgresRig,
    ...(DATABASE_URL ? {} : { skip: 'DATABASE_URL is not set — CI sets it' }),
  },
];

for (const { name, make, skip } of rigs) {
  describe.skipIf(skip !== undefined)(
    skip ? `group commit isolation, ${name} (skipped: ${skip})` : `group commit isolation, ${name}`,
    () => {
      let rig: Rig | undefined;
      afterEach(async () => {
        await rig?.cleanup();
        rig = undefined;
      });

      /** A committer over the rig (or the `store` given), signing with the rig's key by default. */
      function committerOn(options: Partial<GroupCommitOptions> = {}) {
        return new GroupCommitter({
          store: rig!.store,
          signReceipt: (record, canonical) => signReceipt(rig!.ring, record, canonical),
          newId: randomUUID,
          deadlineFor,
          ...options,
        });
      }

      /** Submits every draft at once (one batch) and waits for all outcomes. */
      async function commitTogether(
        drafts: CaptureDraft[],
        options: { unstorable?: string[] } = {},
      ) {
        const batches: number[] = [];
        const committer = committerOn({
          onCommit: (size) => batches.push(size),
          onUnstorable: (captureId) => options.unstorable?.push(captureId),
        });
        const outcomes = await Promise.all(drafts.map((d) => committer.submit(d)));
        return { outcomes, batches };
      }

      /** Submits every draft at once and expects each rejected (the batch failed) and nothing stored. */
      async function expectBatchFailed(committer: GroupCommitter, drafts: CaptureDraft[]) {
        const settled = await Promise.allSettled(drafts.map((d) => committer.submit(d)));
        expect(settled.map((s) => s.status)).toEqual(drafts.map(() => 'rejected'));
        expect(await storedChain()).toEqual([]);
      }

      async function storedChain() {
        const chain = [];
        for await (const stored of rig!.store.chain(EXAMPLE_SITE_KEY)) chain.push(stored.record!);
        return chain;
      }

      const kinds = (outcomes: CommitOutcome[]) => outcomes.map((o) => o.kind);

      it('A13: a record that fails its own schema at the seal is taken out; the 20 others are committed in one chain', async () => {
        rig = await make();
        const drafts = Array.from({ length: 21 }, (_, i) => draft(rig!.config, i));
        // As percent-encoding once grew a page URL past the record's 2048 characters.
        drafts[7]!.record = {
          ...drafts[7]!.record,
          pageUrl: `${ORIGIN}/${'%C5%9F'.repeat(1000)}`,
        };
        const unstorable: string[] = [];
        const { outcomes, batches } = await commitTogether(drafts, { unstorable });
        expect(kinds(outcomes)).toEqual(drafts.map((_, i) => (i === 7 ? 'unstorable' : 'created')));
        const refused = outcomes[7] as Extract<CommitOutcome, { kind: 'unstorable' }>;
        expect(refused.problems.map((p) => p.path.join('.'))).toEqual(['pageUrl']);
        expect(unstorable).toEqual([drafts[7]!.captureId]);
        // The batch committed once, without the damaged capture.
        expect(batches).toEqual([20]);
        const chain = await storedChain();
        expect(chain.map((r) => r.captureId)).toEqual(
          drafts.filter((_, i) => i !== 7).map((d) => d.captureId),
        );
        expect(await checkCaptureChain(chain)).toEqual([]);
      });

      const storeError = (code: string) => Object.assign(new Error(`store said ${code}`), { code });

      it(
        'a capture submitted the moment the last batch is answered is committed, never left waiting',
        {
          timeout: 10_000,
        },
        async () => {
          rig = await make();
          const committer = committerOn();
          // Each round is submitted in the same step as the previous round's answers, as the last
          // transaction's queue check runs: it must start a new drain, not join the finished one
          // (a round left waiting fails this test on its timeout).
          for (let round = 0; round < 4; round++) {
            const drafts = Array.from({ length: 10 }, (_, i) =>
              draft(rig!.config, 500 + 10 * round + i),
            );
            const outcomes = await Promise.all(drafts.map((d) => committer.submit(d)));
            expect(kinds(outcomes)).toEqual(drafts.map(() => 'created'));
          }
          expect(await storedChain()).toHaveLength(40);
        },
      );

      it('a signer that fails fails the batch, never one capture: it would fail every record alike', async () => {
        rig = await make();
        const drafts = Array.from({ length: 4 }, (_, i) => draft(rig!.config, 100 + i));
        const committer = committerOn({
          signReceipt: (record, canonical) =>
            record.captureId === drafts[2]!.captureId
              ? Promise.reject(new Error('the key is gone'))
              : signReceipt(rig!.ring, record, canonical),
        });
        await expectBatchFailed(committer, drafts);
      });

      it('a read the store fails inside the seal (connection terminated, SQLSTATE 57P01) fails the batch, never one capture', async () => {
        rig = await make();
        const drafts = Array.from({ length: 3 }, (_, i) => draft(rig!.config, 150 + i));
        const terminated = storeError('57P01');
        const store = storeWithTx({ chainHead: () => () => Promise.reject(terminated) });
        await expectBatchFailed(committerOn({ store }), drafts);
      });

      it('a store that fails for everyone still fails the whole batch (no capture is blamed for it)', async () => {
        rig = await make();
        const drafts = Array.from({ length: 3 }, (_, i) => draft(rig!.config, 200 + i));
        const down = new Error('the store is down');
        const broken: Store = Object.create(rig.store, {
          write: { value: () => Promise.reject(down) },
        }) as Store;
        await expectBatchFailed(committerOn({ store: broken }), drafts);
      });

      /** The rig's store, its transactions' methods in `replace` replaced by `replace[key](original)`. */
      function storeWithTx(
        replace: Partial<Record<keyof WriteTx, (tx: WriteTx) => unknown>>,
      ): Store {
        const { store } = rig!;
        const write: Store['write'] = (siteKeys, work) =>
          store.write(siteKeys, (tx) =>
            work(
              // A proxy, not Object.create: the transaction's methods use private fields.
              new Proxy(tx, {
                get(target, name) {
                  const replaced = replace[name as keyof WriteTx];
                  if (replaced) return replaced(target);
                  const value: unknown = Reflect.get(target, name, target);
                  return typeof value === 'function' ? value.bind(target) : value;
                },
              }),
            ),
          );
        return Object.create(store, { write: { value: write } }) as Store;
      }

      /**
       * The rig's store, throwing `error` when it inserts the capture `captureId`, alone or in a
       * batch (as a database does: a batch's refusal names no row).
       */
      const refusingInsert = (captureId: string, error: Error): Store =>
        storeWithTx({
          insertCapture: (tx) => (row: CaptureWrite) =>
            row.capture.captureId === captureId ? Promise.reject(error) : tx.insertCapture(row),
          insertCaptures: (tx) => (rows: readonly CaptureWrite[]) =>
            rows.some((row) => row.capture.captureId === captureId)
              ? Promise.reject(error)
              : tx.insertCaptures(rows),
        });

      it('A13: a row the store refuses for its data (SQLSTATE 22021, SQLITE_TOOBIG) fails only its capture', async () => {
        rig = await make();
        for (const [round, code] of ['22021', 'SQLITE_TOOBIG'].entries()) {
          const drafts = Array.from({ length: 6 }, (_, i) =>
            draft(rig!.config, 300 + 10 * round + i),
          );
          const committer = committerOn({
            store: refusingInsert(drafts[3]!.captureId, storeError(code)),
          });
          const outcomes = await Promise.all(drafts.map((d) => committer.submit(d)));
          expect(kinds(outcomes), code).toEqual(
            drafts.map((_, i) => (i === 3 ? 'unstorable' : 'created')),
          );
        }
        const chain = await storedChain();
        expect(chain).toHaveLength(10);
        expect(await checkCaptureChain(chain)).toEqual([]);
      });

      it('a row refused for a reason that is not its data (SQLSTATE 08006: connection lost) fails the whole batch', async () => {
        rig = await make();
        const drafts = Array.from({ length: 4 }, (_, i) => draft(rig!.config, 400 + i));
        const store = refusingInsert(drafts[2]!.captureId, storeError('08006'));
        await expectBatchFailed(committerOn({ store }), drafts);
      });
    },
  );
}
