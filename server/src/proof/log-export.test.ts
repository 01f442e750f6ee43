import { describe, expect, it } from 'vitest';
import type { KeyRing } from './key-ring.js';
import { exportLog } from './log-export.js';
import { LogBodyLine, LogHeaderLine } from './log-lines.js';
import {
  EXAMPLE_SITE_KEY,
  OTHER_SITE_KEY,
  checkpointAt,
  collect,
  keyRingPerFile,
  memoryStore,
  purged,
  signedChain,
} from './proof-fixtures.test-support.js';

let ring: KeyRing;
keyRingPerFile((made) => (ring = made));

const now = () => new Date('2025-07-01T00:00:00.000Z');

describe('exportLog', () => {
  it('writes a header, the JWKS, then per site its records in seq order and its checkpoints', async () => {
    const a = await signedChain(ring, 3);
    const b = await signedChain(ring, 2, OTHER_SITE_KEY);
    const checkpoints = [
      await checkpointAt(ring, a, 1),
      await checkpointAt(ring, a, 3),
      await checkpointAt(ring, b, 2),
    ];
    const store = memoryStore([...b, ...a.reverse()], checkpoints);
    const lines = (await collect(exportLog(store, { jwks: ring.jwks(), now }))).map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(LogHeaderLine.parse(lines[0])).toEqual({
      type: 'izinli-log',
      version: 1,
      exportedAt: '2025-07-01T00:00:00.000Z',
      sites: [OTHER_SITE_KEY, EXAMPLE_SITE_KEY],
    });
    expect(lines[1]).toEqual({ type: 'jwks', keys: ring.jwks().keys });
    expect(lines.slice(2).map((l) => `${l.type} ${l.siteKey} ${l.seq}`)).toEqual([
      `record ${OTHER_SITE_KEY} 1`,
      `record ${OTHER_SITE_KEY} 2`,
      `checkpoint ${OTHER_SITE_KEY} 2`,
      `record ${EXAMPLE_SITE_KEY} 1`,
      `record ${EXAMPLE_SITE_KEY} 2`,
      `record ${EXAMPLE_SITE_KEY} 3`,
      `checkpoint ${EXAMPLE_SITE_KEY} 1`,
      `checkpoint ${EXAMPLE_SITE_KEY} 3`,
    ]);
    for (const line of lines.slice(1)) expect(LogBodyLine.safeParse(line).success).toBe(true);
    const first = a.find((c) => c.seq === 1)!;
    expect(lines[5]).toEqual({
      type: 'record',
      siteKey: EXAMPLE_SITE_KEY,
      seq: 1,
      prevHash: first.prevHash,
      recordHash: first.recordHash,
      record: first.record,
      receipt: first.receipt,
    });
  });

  it('exports only the sites asked for, and no JWKS line unless given one', async () => {
    const a = await signedChain(ring, 1);
    const b = await signedChain(ring, 1, OTHER_SITE_KEY);
    const lines = await collect(
      exportLog(memoryStore([...a, ...b]), { siteKeys: [EXAMPLE_SITE_KEY] }),
    );
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!).sites).toEqual([EXAMPLE_SITE_KEY]);
    expect(JSON.parse(lines[1]!)).toMatchObject({ type: 'record', siteKey: EXAMPLE_SITE_KEY });
  });

  it('A14: writes a purged capture as its digests and purgedAt, without personal data', async () => {
    const [capture] = await signedChain(ring, 1);
    const [, line] = await collect(exportLog(memoryStore([purged(capture!)])));
    expect(JSON.parse(line!)).toEqual({
      type: 'record',
      siteKey: EXAMPLE_SITE_KEY,
      seq: 1,
      prevHash: capture!.prevHash,
      recordHash: capture!.recordHash,
      purgedAt: '2028-06-01T00:00:00.000Z',
    });
  });
});
