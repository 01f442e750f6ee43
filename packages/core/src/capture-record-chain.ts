import { GENESIS_HASH, checkCaptureRecordHash } from './capture-record.js';
import type { ChainRecord } from './capture-record.js';
import { defineProblemMessages, excerpt } from './problem.js';
import type { Problem } from './problem.js';

/** Where a chain segment starts: after `seq` whose hash is `hash` (the genesis by default). */
export interface ChainStart {
  seq: number;
  hash: string;
}

/**
 * Verifies one site's records, in order, as a hash chain (A13): each record's hash matches its
 * content, `seq` counts up by one, `prevHash` is the previous `recordHash`, and every record is
 * from the same site. Deleting, reordering or editing a record gives a problem at that index.
 * `start` lets a verifier check a segment after a signed checkpoint.
 */
export async function checkCaptureChain(
  records: readonly ChainRecord[],
  start: ChainStart = { seq: 0, hash: GENESIS_HASH },
): Promise<Problem[]> {
  const found: Problem[] = [];
  let previous = start;
  const siteKey = records[0]?.siteKey;
  for (const [i, record] of records.entries()) {
    const hashed = await checkCaptureRecordHash(record, [i]);
    if (!hashed.ok) found.push(hashed.error);
    if (record.siteKey !== siteKey) {
      found.push({
        code: 'chain.otherSite',
        path: [i, 'siteKey'],
        expected: { en: `a record of site ${siteKey}`, tr: `${siteKey} sitesine ait bir kayıt` },
        received: excerpt(record.siteKey),
      });
    }
    if (record.seq !== previous.seq + 1) {
      found.push({
        code: 'chain.seqGap',
        path: [i, 'seq'],
        expected: { en: `seq ${previous.seq + 1}`, tr: `sıra ${previous.seq + 1}` },
        received: excerpt(record.seq),
        params: { rule: 'A13', expectedSeq: previous.seq + 1 },
      });
    }
    if (record.prevHash !== previous.hash) {
      found.push({
        code: 'chain.broken',
        path: [i, 'prevHash'],
        expected: {
          en: `the recordHash of the previous record: ${previous.hash}`,
          tr: `önceki kaydın recordHash değeri: ${previous.hash}`,
        },
        received: excerpt(record.prevHash, 70),
        params: { rule: 'A13', seq: record.seq },
      });
    }
    previous = { seq: record.seq, hash: record.recordHash };
  }
  return found;
}

defineProblemMessages({
  'chain.seqGap': {
    tr: (p) =>
      `kayıt zincirinde boşluk ya da sıra bozukluğu var (A13); beklenen sıra ${p.params?.expectedSeq}, gelen ${p.received}`,
    en: (p) =>
      `the record chain has a gap or is out of order (A13); expected seq ${p.params?.expectedSeq}, received ${p.received}`,
  },
  'chain.broken': {
    tr: (p) =>
      `${p.params?.seq}. kaydın prevHash değeri önceki kaydın özetiyle uyuşmuyor: zincir kırık (A13); gelen ${p.received}`,
    en: (p) =>
      `record ${p.params?.seq}'s prevHash does not match the previous record's hash: the chain is broken (A13); received ${p.received}`,
  },
  'chain.otherSite': {
    tr: (p) =>
      `zincirde başka bir siteye ait kayıt var; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the chain holds a record of another site; expected ${p.expected}, received ${p.received}`,
  },
});
