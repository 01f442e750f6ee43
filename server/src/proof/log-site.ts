// One site's part of a log while it is read, and the checks that need the whole chain: gaps,
// prevHash links by seq, and signed checkpoints against the chain (A13). Only digests are used,
// so purged records (A14, B10) are checked as well as full ones.
import { GENESIS_HASH, excerpt } from '@izinli/core';
import type { Problem } from '@izinli/core';

/** What one site's part of a log holds. */
export interface LogSiteSummary {
  siteKey: string;
  /** Record lines, purged ones included. */
  records: number;
  /** Record lines whose record was purged (digests only). */
  purged: number;
  checkpoints: number;
  /** The highest seq and its recordHash (0 and the genesis hash for an empty chain). */
  head: { seq: number; hash: string };
}

/** Where a problem is: always a line, and the site and seq when known. */
export interface Where {
  line: number;
  siteKey?: string;
  seq?: number;
}

/** Records a problem at a place. */
export type AddProblem = (where: Where, problem: Problem) => void;

/** The digests of one record line. */
interface Entry {
  /**
   * The line's prevHash, or null when it was already seen to match the recordHash of the seq
   * before it (or the genesis hash): the usual, in-order case keeps one hash per record instead
   * of two (a 1,000,000-record log holds a million entries). Entries are never replaced, so a
   * link seen once holds.
   */
  prevHash: string | null;
  recordHash: string;
  line: number;
}

/** What the reader keeps of a site: digests by seq, never the records. */
export interface SiteState {
  siteKey: string;
  entries: Map<number, Entry>;
  /** The highest seq read so far. */
  lastSeq: number;
  records: number;
  purged: number;
  checkpointLines: number;
  /** Checkpoints whose signature verified, checked against the chain at the end. */
  checkpoints: { seq: number; hash: string; line: number }[];
}

/** A site with nothing read yet. */
export function newSiteState(siteKey: string): SiteState {
  return {
    siteKey,
    entries: new Map(),
    lastSeq: 0,
    records: 0,
    purged: 0,
    checkpointLines: 0,
    checkpoints: [],
  };
}

/**
 * Checks a site's chain once all its lines are read. Links go by seq, not by line position, so a
 * reordered log reports the misplaced lines (as it is read) instead of a cascade of broken links.
 */
export function checkSiteChain(site: SiteState, add: AddProblem): LogSiteSummary {
  const { siteKey, entries } = site;
  let previous = 0;
  for (const seq of [...entries.keys()].sort((a, b) => a - b)) {
    const entry = entries.get(seq)!;
    const where = { line: entry.line, siteKey, seq };
    if (seq > previous + 1) {
      const missing = seq - 1 === previous + 1 ? `${seq - 1}` : `${previous + 1}–${seq - 1}`;
      add(where, {
        code: 'log.seqGap',
        path: ['line', entry.line, 'seq'],
        expected: { en: `seq ${previous + 1}`, tr: `sıra ${previous + 1}` },
        received: excerpt(seq),
        params: { missing, rule: 'A13' },
      });
    }
    const expected = seq === 1 ? GENESIS_HASH : entries.get(seq - 1)?.recordHash;
    if (expected !== undefined && entry.prevHash !== null && entry.prevHash !== expected) {
      add(where, {
        code: 'log.linkBroken',
        path: ['line', entry.line, 'prevHash'],
        expected:
          seq === 1
            ? { en: `the genesis hash ${expected}`, tr: `başlangıç özeti ${expected}` }
            : {
                en: `recordHash of seq ${seq - 1}: ${expected}`,
                tr: `${seq - 1} sıra numaralı kaydın recordHash değeri: ${expected}`,
              },
        received: excerpt(entry.prevHash, 70),
        params: { rule: 'A13' },
      });
    }
    previous = seq;
  }
  const head = { seq: previous, hash: entries.get(previous)?.recordHash ?? GENESIS_HASH };
  for (const checkpoint of site.checkpoints) {
    const where = { line: checkpoint.line, siteKey, seq: checkpoint.seq };
    if (checkpoint.seq > head.seq) {
      add(where, {
        code: 'log.checkpointBeyondEnd',
        path: ['line', checkpoint.line, 'seq'],
        expected: {
          en: `a checkpoint at most at the chain's last seq ${head.seq}`,
          tr: `en çok zincirin son sıra numarasında (${head.seq}) bir kontrol noktası`,
        },
        received: excerpt(checkpoint.seq),
        params: { head: head.seq, rule: 'A13' },
      });
      continue;
    }
    // A checkpoint at a missing seq is already reported as a gap.
    const actual = checkpoint.seq === 0 ? GENESIS_HASH : entries.get(checkpoint.seq)?.recordHash;
    if (actual !== undefined && actual !== checkpoint.hash) {
      add(where, {
        code: 'log.checkpointMismatch',
        path: ['line', checkpoint.line, 'hash'],
        expected: {
          en: `the hash the checkpoint signed: ${checkpoint.hash}`,
          tr: `kontrol noktasının imzaladığı özet: ${checkpoint.hash}`,
        },
        received: excerpt(actual, 70),
        params: { rule: 'A13', recordLine: entries.get(checkpoint.seq)?.line ?? 0 },
      });
    }
  }
  return {
    siteKey,
    records: site.records,
    purged: site.purged,
    checkpoints: site.checkpointLines,
    head,
  };
}
