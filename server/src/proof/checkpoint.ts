// A checkpoint signs a site's chain head (seq and recordHash) at a moment: once published, a later
// truncation or rewrite of the log before that seq no longer verifies (A13).
import {
  Sha256Digest,
  defineProblemMessages,
  err,
  excerpt,
  firstZodProblem,
  ok,
} from '@izinli/core';
import type { Problem, Result } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import type { Checkpoint } from '../store/store.js';
import type { KeyRing } from './key-ring.js';
import { verifySignedJson } from './signed-json.js';

/** The JWS `typ` of a checkpoint (distinct from a receipt's, see RECEIPT_TYP). */
export const CHECKPOINT_TYP = 'izinli-checkpoint+json';

/** What a checkpoint signs: the head of one site's chain at `signedAt`. */
export const CheckpointHead = z.strictObject({
  siteKey: z.string().min(1),
  seq: z.int().min(0),
  hash: Sha256Digest,
  signedAt: z.iso.datetime(),
});
export type CheckpointHead = z.infer<typeof CheckpointHead>;

/** Signs a chain head; the JWS payload is the canonical `{ siteKey, seq, hash, signedAt }`. */
export async function signCheckpoint(
  ring: Pick<KeyRing, 'sign'>,
  head: CheckpointHead,
): Promise<Checkpoint> {
  // Only these four fields are signed, whatever else the caller's object holds.
  const signed: CheckpointHead = {
    siteKey: head.siteKey,
    seq: head.seq,
    hash: head.hash,
    signedAt: head.signedAt,
  };
  return { ...signed, jws: await ring.sign(signed, CHECKPOINT_TYP) };
}

/**
 * Verifies a checkpoint: its JWS by a key in `jwks`, and that the head it states (siteKey, seq,
 * hash, signedAt) is the head that was signed. Returns the signed head.
 */
export async function verifyCheckpoint(
  checkpoint: Checkpoint,
  jwks: JSONWebKeySet,
  options: { path?: Problem['path'] } = {},
): Promise<Result<CheckpointHead, Problem>> {
  const path = options.path ?? [];
  const verified = await verifySignedJson(checkpoint.jws, jwks, CHECKPOINT_TYP, [...path, 'jws']);
  if (!verified.ok) return verified;
  const { payload } = verified.value;
  const parsed = CheckpointHead.safeParse(payload);
  if (!parsed.success) {
    return err(
      firstZodProblem(parsed.error, payload, {
        code: 'checkpoint.malformed',
        path: [...path, 'jws', 'payload'],
        expected: {
          en: 'a checkpoint { siteKey, seq, hash, signedAt }',
          tr: 'bir kontrol noktası { siteKey, seq, hash, signedAt }',
        },
      }),
    );
  }
  for (const field of ['siteKey', 'seq', 'hash', 'signedAt'] as const) {
    if (checkpoint[field] !== parsed.data[field]) {
      return err({
        code: 'checkpoint.mismatch',
        path: [...path, field],
        expected: {
          en: `the signed ${field}: ${excerpt(parsed.data[field], 70)}`,
          tr: `imzalanan ${field} değeri: ${excerpt(parsed.data[field], 70)}`,
        },
        received: excerpt(checkpoint[field], 70),
        params: { field, seq: parsed.data.seq, siteKey: parsed.data.siteKey },
      });
    }
  }
  return ok(parsed.data);
}

defineProblemMessages({
  'checkpoint.malformed': {
    tr: (p) =>
      `kontrol noktasının imzası geçerli ama içeriği bir zincir başı değil; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the checkpoint's signature is valid but its payload is not a chain head; expected ${p.expected}, received ${p.received}`,
  },
  'checkpoint.mismatch': {
    tr: (p) =>
      `kontrol noktasının ${p.params?.field} değeri imzalanan değerle uyuşmuyor: değiştirilmiş (A13); beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the checkpoint's ${p.params?.field} is not the signed value: it was altered (A13); expected ${p.expected}, received ${p.received}`,
  },
});
