// Signs each site's chain head at intervals (docs/architecture.md#record-and-proof): a published,
// signed head makes a later truncation or rewrite of the log detectable.
import type { ChainStore } from '../store/ports/chain-store.js';
import type { Checkpoint } from '../store/types.js';

export interface CheckpointerOptions {
  store: ChainStore;
  /** Signs `{ siteKey, seq, hash, signedAt }` into a checkpoint. */
  sign: (head: Omit<Checkpoint, 'jws'>) => Promise<Checkpoint>;
  now?: () => Date;
}

/** Signs a checkpoint for every site whose head moved since its last one; returns the new ones. */
export async function checkpointSites(options: CheckpointerOptions): Promise<Checkpoint[]> {
  const { store, sign } = options;
  const now = options.now ?? (() => new Date());
  const made: Checkpoint[] = [];
  for (const siteKey of await store.sites()) {
    const head = await store.chainHead(siteKey);
    const [latest] = await store.checkpoints(siteKey, 1);
    if (head.seq === 0 || latest?.seq === head.seq) continue;
    const checkpoint = await sign({
      siteKey,
      seq: head.seq,
      hash: head.hash,
      signedAt: now().toISOString(),
    });
    await store.addCheckpoint(checkpoint);
    made.push(checkpoint);
  }
  return made;
}
