// Pre-send checks that arrive together read the mirror together: the keys of every check started
// in one turn of the event loop go to the store in one `mirror` and one `pendingRefusals` call,
// made once the turn's I/O callbacks have run (setImmediate). A read pays a fixed cost whatever
// its size — a statement run and a read transaction on SQLite, with the CPU's caches cold after
// the request's other work; a round trip on PostgreSQL — so under load many checks share it.
// Alone, a check waits for nothing but the end of the current turn.
import type { MirrorStore } from '../store/ports/mirror-store.js';
import type { MirrorEntry, PendingRefusal } from '../store/types.js';

/** What the store holds for one key: İYS's state and a refusal still on its way there. */
export interface MirrorState {
  entry: MirrorEntry | undefined;
  refusal: PendingRefusal | undefined;
}

interface Waiting {
  keys: readonly string[];
  resolve: (states: MirrorState[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads keys' mirror states, coalescing the calls of one event-loop turn (at most `maxKeys` keys
 * a read; a call of that many or more reads alone). A failed read fails every call it served.
 */
export function coalescedMirrorReads(
  store: Pick<MirrorStore, 'mirror' | 'pendingRefusals'>,
  maxKeys = 1000,
): (keys: readonly string[]) => Promise<MirrorState[]> {
  let waiting: Waiting[] = [];
  let queued = 0;

  const read = async (batch: readonly Waiting[]) => {
    const keys = [...new Set(batch.flatMap((w) => w.keys))];
    try {
      const [mirror, refusals] = await Promise.all([
        store.mirror(keys),
        store.pendingRefusals(keys),
      ]);
      for (const { keys: own, resolve } of batch)
        resolve(own.map((key) => ({ entry: mirror.get(key), refusal: refusals.get(key) })));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  };
  const flush = () => {
    const batch = waiting;
    waiting = [];
    queued = 0;
    if (batch.length > 0) void read(batch);
  };

  return (keys) =>
    new Promise<MirrorState[]>((resolve, reject) => {
      if (keys.length >= maxKeys) {
        void read([{ keys, resolve, reject }]);
        return;
      }
      if (queued + keys.length > maxKeys) flush();
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ keys, resolve, reject });
      queued += keys.length;
    });
}
