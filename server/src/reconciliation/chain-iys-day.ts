// An agreed İYS day into the hash chains (docs/iys.md#the-day-in-the-chain): one `iys-day`
// record in the chain of each site of the brand, so each site's log alone proves which daily file
// İYS and izinli agreed on and which time stamp İYS gave it. Idempotent: a record's id is derived
// from its site, brand and day, and a site that already holds it is skipped, so a pass that
// failed half way (or a day agreed before records were chained) is completed by the next one.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@izinli/core';
import type { CommitOutcome } from '../capture/group-commit.js';
import type { IysDayDraft } from '../capture/seal-iys-day.js';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type {
  ReconciliationDay,
  ReconciliationStore,
} from '../store/ports/reconciliation-store.js';
import { timestampGenTime } from '../proof/timestamp-time.js';

/** Commits drafts to the chains (the server's group committer). */
export interface IysDayChainer {
  submit(draft: IysDayDraft): Promise<CommitOutcome>;
}

/** Where one site's chain holds the day. */
export interface ChainedIysDay {
  siteKey: string;
  seq: number;
  recordHash: string;
}

/** The id of a site's record of a brand's day: a UUID (version 8) from their SHA-256. */
export function iysDayRecordId(
  siteKey: string,
  day: { iysCode: number; brandCode: number; day: string },
): string {
  const h = createHash('sha256')
    .update(`izinli.iys-day:${siteKey}:${day.iysCode}:${day.brandCode}:${day.day}`)
    .digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Chains an agreed day into each of `siteKeys` that does not hold it yet and says where each
 * holds it. Throws when the day lacks what the record names (a stored .tsr with a genTime) or a
 * commit fails; nothing half-written remains (each site's record is one transaction).
 */
export async function chainIysDay(
  deps: {
    chainer: IysDayChainer;
    store: Pick<ReconciliationStore, 'reconciliationFile'> & Pick<CaptureStore, 'getCapture'>;
  },
  day: ReconciliationDay,
  siteKeys: readonly string[],
  at: Date,
): Promise<ChainedIysDay[]> {
  const { fileSha256, hash, timestampSha256 } = day;
  if (day.state !== 'agreed' || !fileSha256 || !hash || !timestampSha256) {
    throw new RangeError(`İYS day ${day.day} is not agreed with its file and time stamp`);
  }
  const chained: ChainedIysDay[] = [];
  let genTime: Date | undefined;
  for (const siteKey of siteKeys) {
    const captureId = iysDayRecordId(siteKey, day);
    const held = await deps.store.getCapture(captureId);
    if (held) {
      chained.push({ siteKey, seq: held.seq, recordHash: held.recordHash });
      continue;
    }
    if (!genTime) {
      const tsr = await deps.store.reconciliationFile(timestampSha256);
      genTime = tsr && timestampGenTime(tsr.content);
      if (!genTime) throw new RangeError(`İYS day ${day.day}: its .tsr is missing or unreadable`);
    }
    const content = {
      kind: 'iys-day' as const,
      captureId,
      siteKey,
      iysCode: day.iysCode,
      brandCode: day.brandCode,
      reportDate: day.day,
      fileSha256,
      agreementHash: hash,
      timestampSha256,
      timestampGenTime: genTime.toISOString(),
    };
    const record: IysDayDraft['record'] = { ...content, receivedAt: at.toISOString() };
    // The fingerprint leaves the time out: a second pass racing this one replays, not conflicts.
    const bodyHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
    const outcome = await deps.chainer.submit({ captureId, siteKey, bodyHash, record });
    if (outcome.kind === 'unstorable' || outcome.kind === 'conflict') {
      throw new Error(
        `İYS day ${day.day}: the ${siteKey} chain refused its record (${outcome.kind})`,
      );
    }
    chained.push({ siteKey, seq: outcome.capture.seq, recordHash: outcome.capture.recordHash });
  }
  return chained;
}
