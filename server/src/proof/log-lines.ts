// The lines of an exported log (JSON Lines), version 1:
//   1. a header: { type: 'izinli-log', version: 1, exportedAt, sites }
//   2. optionally the JWKS: { type: 'jwks', keys } — before any receipt, so a reader can stream
//   3. per site, its records in seq order, then its checkpoints in seq order.
// A record line carries the chain digests always and the record and receipt until they are purged
// (A14, B10): the chain links digests, not raw records, so a purged log still verifies. The line of
// an `iys-day` record may also carry İYS's .tsr it names (base64), so the log proves the stamp too.
import { Sha256Digest } from '@izinli/core';
import { z } from 'zod';

/** The `type` of an export's header line. */
export const LOG_FORMAT = 'izinli-log';
/** The export format version this code writes and reads. */
export const LOG_VERSION = 1;

/** First line: what the export holds. */
export const LogHeaderLine = z.object({
  type: z.literal(LOG_FORMAT),
  version: z.int(),
  exportedAt: z.iso.datetime(),
  sites: z.array(z.string().min(1)),
});
export type LogHeaderLine = z.infer<typeof LogHeaderLine>;

/** The public keys the exporting server knew (a log vouching for itself proves little). */
export const LogJwksLine = z.object({
  type: z.literal('jwks'),
  keys: z.array(z.record(z.string(), z.unknown())),
});
export type LogJwksLine = z.infer<typeof LogJwksLine>;

/** One stored capture: digests always; record and receipt unless purged. */
export const LogRecordLine = z.object({
  type: z.literal('record'),
  siteKey: z.string().min(1),
  seq: z.int().min(1),
  prevHash: Sha256Digest,
  recordHash: Sha256Digest,
  // Validated on its own by the verifier, so its problems point into the record.
  record: z.unknown().optional(),
  receipt: z.string().optional(),
  purgedAt: z.iso.datetime().optional(),
  /** An `iys-day` record's .tsr (RFC 3161 response), base64, when the exporter had it. */
  timestamp: z.base64().optional(),
});
export type LogRecordLine = z.infer<typeof LogRecordLine>;

/** One signed chain head. */
export const LogCheckpointLine = z.object({
  type: z.literal('checkpoint'),
  siteKey: z.string().min(1),
  seq: z.int().min(0),
  hash: Sha256Digest,
  signedAt: z.string(),
  jws: z.string(),
});
export type LogCheckpointLine = z.infer<typeof LogCheckpointLine>;

/** Any line after the header. */
export const LogBodyLine = z.discriminatedUnion('type', [
  LogJwksLine,
  LogRecordLine,
  LogCheckpointLine,
]);
export type LogBodyLine = z.infer<typeof LogBodyLine>;
