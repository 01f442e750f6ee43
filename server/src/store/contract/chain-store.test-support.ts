// The ChainStore contract (ports/chain-store.ts): streaming a site's chain across internal pages,
// its sites, and checkpoints newest first.
import { GENESIS_HASH, checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import {
  SITE_A,
  SITE_B,
  at,
  captureWrite,
  chainOf,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { Checkpoint } from '../store.js';

const checkpoint = (siteKey: string, seq: number, signedAt: string): Checkpoint => ({
  siteKey,
  seq,
  hash: seq.toString(16).padStart(64, 'c'),
  signedAt,
  jws: `jws-${siteKey}-${seq}-${signedAt}`,
});

export function describeChainContract(store: StoreGetter) {
  describe('chain', () => {
    it('streams a site’s chain in seq order from fromSeq, across internal pages', async () => {
      // More records than one internal page (500), written in one transaction like a group commit.
      const count = 505;
      await store().write([SITE_A, SITE_B], async (tx) => {
        for (let n = 1; n <= count; n++) {
          await tx.insertCapture(
            await captureWrite(await tx.chainHead(SITE_A), { n, phone: phone(n) }),
          );
        }
        const other = { n: 10_000, siteKey: SITE_B };
        await tx.insertCapture(await captureWrite(await tx.chainHead(SITE_B), other));
      });
      const chain = await chainOf(store(), SITE_A);
      expect(chain.map((c) => c.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
      expect(await checkCaptureChain(chain.map((c) => c.record as CaptureRecord))).toEqual([]);
      const tail = await chainOf(store(), SITE_A, 499);
      expect(tail.map((c) => c.seq)).toEqual(Array.from({ length: 7 }, (_, i) => 499 + i));
      expect(tail[0]).toEqual(chain[498]);
      expect((await chainOf(store(), SITE_B)).map((c) => c.captureId)).toEqual([uuid(10_000)]);
      expect(await chainOf(store(), SITE_A, count + 1)).toEqual([]);
      expect(await chainOf(store(), 'no-such-site-0000000')).toEqual([]);
      expect(await store().sites()).toEqual([SITE_A, SITE_B]);
    });
  });

  it('adds checkpoints and lists them newest first, keeping the first of a repeated head', async () => {
    await store().addCheckpoint(checkpoint(SITE_A, 1, at(10)));
    await store().addCheckpoint(checkpoint(SITE_B, 4, at(20)));
    await store().addCheckpoint(checkpoint(SITE_A, 3, at(30)));
    await store().addCheckpoint({ ...checkpoint(SITE_A, 3, at(40)), jws: 'second-signature' });
    expect(await store().checkpoints(SITE_A)).toEqual([
      checkpoint(SITE_A, 3, at(30)),
      checkpoint(SITE_A, 1, at(10)),
    ]);
    expect(await store().checkpoints(SITE_A, 1)).toEqual([checkpoint(SITE_A, 3, at(30))]);
    expect((await store().checkpoints()).map((c) => [c.siteKey, c.seq])).toEqual([
      [SITE_A, 3],
      [SITE_B, 4],
      [SITE_A, 1],
    ]);
    expect(await store().checkpoints(undefined, 2)).toHaveLength(2);
    expect(await store().checkpoints('no-such-site-0000000')).toEqual([]);
  });
}
