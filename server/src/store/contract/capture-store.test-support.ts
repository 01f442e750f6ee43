// The CaptureStore contract (ports/capture-store.ts), writes: chain heads, atomic captures,
// rollback, idempotency look-ups, isolation from readers, one unbroken chain under concurrent writes.
import { GENESIS_HASH, canonicalJson, checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { expect, it } from 'vitest';
import { StoreWriteError } from '../sql/append-guard.js';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  captureWrite,
  chainOf,
  email,
  eventFixture,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { WriteTx } from '../store.js';

export function describeWritesContract(store: StoreGetter) {
  it('gives a site without records the head seq 0 and 64 zeros, in and out of a write', async () => {
    const empty = { siteKey: SITE_A, seq: 0, hash: GENESIS_HASH };
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(await store().chainHead(SITE_A)).toEqual(empty);
    expect(await store().write([SITE_A], (tx) => tx.chainHead(SITE_A))).toEqual(empty);
    // A write that appended nothing does not make the site one "with records".
    expect(await store().sites()).toEqual([]);
  });

  it('appends a capture, moves the head and reads every field back exactly', async () => {
    const write = await store().write([SITE_A], async (tx) => {
      const built = await captureWrite(
        await tx.chainHead(SITE_A),
        { n: 7, phone: phone(7), email: email(7) },
        {
          movements: (captureId) => [
            movementFixture({ n: 1, captureId, recipient: phone(7) }),
            movementFixture({ n: 2, captureId, type: 'EPOSTA', recipient: email(7) }),
          ],
          events: (captureId) => [eventFixture(1, SITE_A, captureId)],
        },
      );
      await tx.insertCapture(built);
      // The head inside the write follows the insert at once.
      expect(await tx.chainHead(SITE_A)).toEqual({
        siteKey: SITE_A,
        seq: 1,
        hash: built.capture.recordHash,
      });
      return built;
    });
    const stored = await store().getCapture(write.capture.captureId);
    expect(stored).toEqual(write.capture);
    expect(canonicalJson(stored!.record)).toBe(canonicalJson(write.capture.record));
    expect(stored!.purgedAt).toBeUndefined();
    expect(await store().chainHead(SITE_A)).toEqual({
      siteKey: SITE_A,
      seq: 1,
      hash: write.capture.recordHash,
    });
    expect(await store().sites()).toEqual([SITE_A]);
    expect(await store().movements({ captureId: write.capture.captureId })).toEqual(
      write.movements,
    );
    expect(await store().webhookEvents(SITE_A)).toEqual(write.events);
    expect(await store().getCapture(uuid(999))).toBeUndefined();
  });

  it('leaves nothing behind when work throws: no capture, movement or event, head unchanged', async () => {
    const first = await appendCapture(store(), { n: 1, phone: phone(1) });
    const before = await store().stats();
    const failing = store().write([SITE_A, SITE_B], async (tx) => {
      for (const [n, siteKey] of [
        [2, SITE_A],
        [3, SITE_B],
      ] as const) {
        await tx.insertCapture(
          await captureWrite(
            await tx.chainHead(siteKey),
            { n, siteKey, phone: phone(n) },
            {
              movements: (captureId) => [movementFixture({ n, captureId, recipient: phone(n) })],
              events: (captureId) => [eventFixture(n, siteKey, captureId)],
            },
          ),
        );
      }
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await store().getCapture(uuid(2))).toBeUndefined();
    expect(await store().getCapture(uuid(3))).toBeUndefined();
    expect(await store().movements({ captureId: uuid(2) })).toEqual([]);
    expect(await store().webhookEvents(SITE_B)).toEqual([]);
    expect(await store().stats()).toEqual(before);
    expect(await store().chainHead(SITE_A)).toEqual({
      siteKey: SITE_A,
      seq: 1,
      hash: first.recordHash,
    });
    expect((await store().chainHead(SITE_B)).seq).toBe(0);
    expect(await store().sites()).toEqual([SITE_A]);
  });

  it('appends several captures of two sites at once, in chain order, rows in their order', async () => {
    const writes = await store().write([SITE_A, SITE_B], async (tx) => {
      const heads = { [SITE_A]: await tx.chainHead(SITE_A), [SITE_B]: await tx.chainHead(SITE_B) };
      const built = [];
      for (const n of [1, 2, 3, 4, 5]) {
        const siteKey = n % 2 === 1 ? SITE_A : SITE_B;
        const write = await captureWrite(
          heads[siteKey],
          { n, siteKey, phone: phone(n) },
          {
            movements: (captureId) => [movementFixture({ n, captureId, recipient: phone(n) })],
            events: (captureId) => [eventFixture(n, siteKey, captureId)],
          },
        );
        heads[siteKey] = {
          siteKey,
          seq: write.capture.seq,
          hash: write.capture.recordHash,
        };
        built.push(write);
      }
      await tx.insertCaptures(built);
      expect(await tx.chainHead(SITE_A)).toEqual(heads[SITE_A]);
      expect(await tx.chainHead(SITE_B)).toEqual(heads[SITE_B]);
      return built;
    });
    for (const write of writes) {
      expect(await store().getCapture(write.capture.captureId)).toEqual(write.capture);
    }
    expect((await chainOf(store(), SITE_A)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await chainOf(store(), SITE_B)).map((r) => r.seq)).toEqual([1, 2]);
    const chainA = await chainOf(store(), SITE_A);
    expect(await checkCaptureChain(chainA.map((c) => c.record as CaptureRecord))).toEqual([]);
    expect((await store().chainHead(SITE_B)).hash).toBe(writes[3]!.capture.recordHash);
    // Insertion order is the outbox's order.
    expect((await store().movements({})).map((m) => m.id)).toEqual(
      writes.map((w) => w.movements[0]!.id),
    );
    expect((await store().webhookEvents(SITE_A)).map((e) => e.id).sort()).toEqual([
      'ev-1',
      'ev-3',
      'ev-5',
    ]);
  });

  it('rolls back every capture of a batch the database refuses, and checks each before sending', async () => {
    const first = await appendCapture(store(), { n: 1, phone: phone(1) });
    // The second capture of the batch reuses a stored capture id: the database refuses it.
    const refused = store().write([SITE_A], async (tx) => {
      const a = await captureWrite(await tx.chainHead(SITE_A), { n: 2, phone: phone(2) });
      const afterA = { siteKey: SITE_A, seq: a.capture.seq, hash: a.capture.recordHash };
      const b = await captureWrite(afterA, { n: 1, phone: phone(1) });
      await tx.insertCaptures([a, b]);
    });
    await expect(refused).rejects.toThrow();
    expect(await store().getCapture(uuid(2))).toBeUndefined();
    expect(await store().chainHead(SITE_A)).toEqual({
      siteKey: SITE_A,
      seq: 1,
      hash: first.recordHash,
    });
    // A batch whose second capture does not follow the first is refused before anything is sent.
    const broken = store().write([SITE_A], async (tx) => {
      const head = await tx.chainHead(SITE_A);
      const a = await captureWrite(head, { n: 3, phone: phone(3) });
      const b = await captureWrite(head, { n: 4, phone: phone(4) });
      await tx.insertCaptures([a, b]);
    });
    await expect(broken).rejects.toThrow(StoreWriteError);
    expect((await store().stats()).captures).toBe(1);
  });

  it('refuses to commit a write whose work caught a failed insert', async () => {
    const failing = store().write([SITE_A], async (tx) => {
      const write = await captureWrite(await tx.chainHead(SITE_A), { n: 1, phone: phone(1) });
      await tx.insertCapture(write);
      // The same capture id again, as the next link: the database refuses the duplicate id.
      const again = await captureWrite(await tx.chainHead(SITE_A), { n: 1, phone: phone(1) });
      await tx.insertCapture(again).catch(() => undefined);
      return 'swallowed';
    });
    await expect(failing).rejects.toThrow();
    expect(await store().getCapture(uuid(1))).toBeUndefined();
    expect((await store().chainHead(SITE_A)).seq).toBe(0);
    expect((await store().stats()).captures).toBe(0);
  });

  it('refuses a capture that does not continue the locked head, or a site it did not lock', async () => {
    const head = { siteKey: SITE_A, seq: 0, hash: GENESIS_HASH };
    const skipping = store().write([SITE_A], async (tx) => {
      await tx.insertCapture(await captureWrite({ ...head, seq: 1 }, { n: 1 }));
    });
    await expect(skipping).rejects.toThrow(StoreWriteError);
    const forked = store().write([SITE_A], async (tx) => {
      await tx.insertCapture(await captureWrite({ ...head, hash: 'f'.repeat(64) }, { n: 1 }));
    });
    await expect(forked).rejects.toThrow(/prevHash/);
    const unlocked = store().write([SITE_A], async (tx) => {
      await tx.insertCapture(
        await captureWrite({ ...head, siteKey: SITE_B }, { n: 1, siteKey: SITE_B }),
      );
    });
    await expect(unlocked).rejects.toThrow(/not locked/);
    await expect(store().write([SITE_A], (tx) => tx.chainHead(SITE_B))).rejects.toThrow(
      /not locked/,
    );
    expect(await store().stats()).toEqual({ captures: 0, pendingMovements: 0, pendingEvents: 0 });
  });

  it('refuses a WriteTx used after its write ended', async () => {
    let kept: WriteTx | undefined;
    await store().write([SITE_A], async (tx) => {
      kept = tx;
    });
    await expect(kept!.chainHead(SITE_A)).rejects.toThrow(/ended/);
    await expect(kept!.findCaptures([uuid(1)])).rejects.toThrow(/ended/);
  });

  it('finds captures committed earlier and those written earlier in the same write', async () => {
    const committed = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().write([SITE_A], async (tx) => {
      const write = await captureWrite(await tx.chainHead(SITE_A), { n: 2, email: email(2) });
      await tx.insertCapture(write);
      const found = await tx.findCaptures([uuid(1), uuid(2), uuid(3)]);
      expect([...found.keys()].sort()).toEqual([uuid(1), uuid(2)]);
      expect(found.get(uuid(1))).toEqual(committed);
      expect(found.get(uuid(2))).toEqual(write.capture);
      expect(await tx.findCaptures([])).toEqual(new Map());
    });
  });

  it('does not show a write to readers before it commits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const writing = store().write([SITE_A], async (tx) => {
      await tx.insertCapture(
        await captureWrite(await tx.chainHead(SITE_A), { n: 1, phone: phone(1) }),
      );
      inserted();
      await gate;
    });
    await insertedYet;
    expect(await store().getCapture(uuid(1))).toBeUndefined();
    expect((await store().chainHead(SITE_A)).seq).toBe(0);
    expect((await store().listCaptures({})).items).toEqual([]);
    release();
    await writing;
    expect((await store().getCapture(uuid(1)))?.seq).toBe(1);
  });

  it('keeps one unbroken chain when 50 writes to one site run at once', async () => {
    const writes = Array.from({ length: 50 }, (_, i) =>
      store().write([SITE_A], async (tx) => {
        const head = await tx.chainHead(SITE_A);
        // Let other writes interleave here if the store would let them.
        await Promise.resolve();
        const write = await captureWrite(head, { n: i + 1, phone: phone(i + 1) });
        await tx.insertCapture(write);
        return write.capture.seq;
      }),
    );
    expect((await Promise.all(writes)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const chain = await chainOf(store(), SITE_A);
    expect(chain.map((c) => c.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    chain.forEach((c, i) =>
      expect(c.prevHash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.recordHash),
    );
    expect(await checkCaptureChain(chain.map((c) => c.record as CaptureRecord))).toEqual([]);
    expect((await store().chainHead(SITE_A)).hash).toBe(chain.at(-1)!.recordHash);
  });
}
