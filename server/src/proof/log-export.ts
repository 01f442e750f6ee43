// Writes a store's hash chains and checkpoints as an exported log (format in log-lines.ts).
import { present } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import type { ChainStore } from '../store/ports/chain-store.js';
import type { StoredCapture } from '../store/types.js';
import { LOG_FORMAT, LOG_VERSION } from './log-lines.js';
import type { LogCheckpointLine, LogHeaderLine, LogJwksLine, LogRecordLine } from './log-lines.js';

/** The part of a store an export reads. */
export type LogSource = Pick<ChainStore, 'sites' | 'chain' | 'checkpoints'>;

/** What to export and what to put next to it. */
export interface ExportLogOptions {
  /** Sites to export, in this order (default: every site with records). */
  siteKeys?: readonly string[];
  /** Written as the second line, for readers without another copy (see LogJwksLine). */
  jwks?: JSONWebKeySet;
  now?: () => Date;
  /**
   * A stored reconciliation file by SHA-256: each `iys-day` record's line then carries the .tsr it
   * names, so `izinli verify log` checks the stamp's hash and time without the database.
   */
  files?: (sha256: string) => Promise<{ content: Uint8Array } | undefined>;
}

async function recordLine(
  capture: StoredCapture,
  files: ExportLogOptions['files'],
): Promise<LogRecordLine> {
  const { record } = capture;
  const tsr = record?.kind === 'iys-day' && files ? await files(record.timestampSha256) : undefined;
  return {
    type: 'record',
    siteKey: capture.siteKey,
    seq: capture.seq,
    prevHash: capture.prevHash,
    recordHash: capture.recordHash,
    ...present({
      record: capture.record,
      receipt: capture.receipt,
      purgedAt: capture.purgedAt,
      timestamp: tsr && Buffer.from(tsr.content).toString('base64'),
    }),
  };
}

/** The export, one JSON line at a time (no trailing newlines), streamed from the store. */
export async function* exportLog(
  store: LogSource,
  options: ExportLogOptions = {},
): AsyncIterable<string> {
  const sites = options.siteKeys ? [...options.siteKeys] : await store.sites();
  const header: LogHeaderLine = {
    type: LOG_FORMAT,
    version: LOG_VERSION,
    exportedAt: (options.now ?? (() => new Date()))().toISOString(),
    sites,
  };
  yield JSON.stringify(header);
  if (options.jwks) {
    const jwks: LogJwksLine = { type: 'jwks', keys: options.jwks.keys };
    yield JSON.stringify(jwks);
  }
  for (const siteKey of sites) {
    for await (const capture of store.chain(siteKey, 1)) {
      yield JSON.stringify(await recordLine(capture, options.files));
    }
    // The store lists checkpoints newest first; the log reads forward.
    const checkpoints = (await store.checkpoints(siteKey)).sort((a, b) => a.seq - b.seq);
    for (const { siteKey: site, seq, hash, signedAt, jws } of checkpoints) {
      const line: LogCheckpointLine = {
        type: 'checkpoint',
        siteKey: site,
        seq,
        hash,
        signedAt,
        jws,
      };
      yield JSON.stringify(line);
    }
  }
}
