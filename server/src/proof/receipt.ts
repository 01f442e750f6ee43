// A receipt is a compact JWS over the RFC 8785 canonical capture record
// (docs/architecture.md#record-and-proof): anyone can verify it with the JWKS, with any JOSE
// library or with openssl.
import {
  chainRecordSchema,
  checkCaptureRecordHash,
  defineProblemMessages,
  err,
  firstZodProblem,
  ok,
} from '@izinli/core';
import type { ChainRecord, Problem, Result } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import type { KeyRing } from './key-ring.js';
import { verifySignedJson } from './signed-json.js';
import { sha256HexSync } from './node-sha256.js';

/**
 * The JWS `typ` of a receipt. Not `+jwt`: the payload is a record, not JWT claims, and a distinct
 * type keeps a checkpoint's signature from ever passing as a receipt (RFC 8725 §3.11).
 */
export const RECEIPT_TYP = 'izinli-receipt+json';

/**
 * Signs a sealed record into its receipt. `canonical`, when given, must be `canonicalJson(record)`
 * (the commit computes it once for the receipt and the stored row).
 */
export function signReceipt(
  ring: Pick<KeyRing, 'sign' | 'signCanonical'>,
  record: ChainRecord,
  canonical?: string,
): Promise<string> {
  return canonical === undefined
    ? ring.sign(record, RECEIPT_TYP)
    : ring.signCanonical(canonical, RECEIPT_TYP);
}

/** Options of `verifyReceipt`. */
export interface VerifyReceiptOptions {
  /** Where the receipt sits in a larger input (e.g. `['line', 12, 'receipt']`), for problems. */
  path?: Problem['path'];
}

/**
 * Verifies a receipt: signature by a key in `jwks`, type, payload a valid capture record whose
 * `recordHash` matches its content. Returns the record exactly as signed.
 */
export async function verifyReceipt(
  jws: string,
  jwks: JSONWebKeySet,
  options: VerifyReceiptOptions = {},
): Promise<Result<ChainRecord, Problem>> {
  const path = options.path ?? [];
  const verified = await verifySignedJson(jws, jwks, RECEIPT_TYP, path);
  if (!verified.ok) return verified;
  return checkReceiptPayload(verified.value.payload, path);
}

/**
 * The payload checks of `verifyReceipt`, for a payload whose signature is already verified: a
 * valid capture record whose `recordHash` matches its content.
 */
export async function checkReceiptPayload(
  payload: unknown,
  path: Problem['path'] = [],
): Promise<Result<ChainRecord, Problem>> {
  const parsed = chainRecordSchema(payload).safeParse(payload);
  if (!parsed.success) {
    return err({
      ...firstZodProblem(parsed.error, payload, {
        code: 'receipt.notARecord',
        path: [...path, 'payload'],
        expected: { en: 'a capture record', tr: 'bir izin kaydı' },
      }),
      params: { issues: parsed.error.issues.length },
    });
  }
  // The hash is checked over the payload as signed, not over zod's output: parsing normalises
  // (it trims names), and a check over normalised data could pass a record that differs.
  const record = payload as ChainRecord;
  const hashed = await checkCaptureRecordHash(record, [...path, 'payload'], sha256HexSync);
  if (!hashed.ok) {
    return err({ ...hashed.error, code: 'receipt.hashMismatch' });
  }
  return ok(record);
}

defineProblemMessages({
  'receipt.notARecord': {
    tr: (p) =>
      `makbuzun imzası geçerli ama içeriği bir izin kaydı değil; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the receipt's signature is valid but its payload is not a capture record; expected ${p.expected}, received ${p.received}`,
  },
  'receipt.hashMismatch': {
    tr: (p) =>
      `makbuzun imzası geçerli ama içindeki kaydın özeti (recordHash) içeriğiyle uyuşmuyor; makbuz bu kaydı kanıtlamaz; beklenen ${p.params?.actual}, gelen ${p.received}`,
    en: (p) =>
      `the receipt's signature is valid but its record's recordHash does not match the record's content, so it proves nothing; expected ${p.params?.actual}, received ${p.received}`,
  },
});
