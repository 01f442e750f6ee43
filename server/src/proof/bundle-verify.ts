// Checking an evidence bundle (GET /v1/admin/recipients/evidence) on its own: every receipt
// against the keys, every record's content against the receipt, and every evidence file's bytes
// against the SHA-256 its record names (A13, A19): a scan swapped or altered after the fact fails.
import { createHash } from 'node:crypto';
import { evidenceFiles } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import { canonicalJson } from '@izinli/core';
import { verifyReceipt } from './receipt.js';

/** One thing wrong with a bundle, in English (the CLI prints it as is). */
export interface BundleProblem {
  captureId?: string;
  sha256?: string;
  message: string;
}

export interface BundleReport {
  ok: boolean;
  records: number;
  files: number;
  /** Whether the bundle's own JWKS was used (no --jwks). */
  keys: 'given' | 'embedded';
  problems: BundleProblem[];
}

interface BundleShape {
  records?: { captureId?: string; record?: CaptureRecord; receipt?: string }[];
  evidenceFiles?: { sha256?: string; mediaType?: string; size?: number; base64?: string }[];
  jwks?: JSONWebKeySet;
}

/** Verifies a parsed bundle against `jwks` (else the bundle's own keys). */
export async function verifyBundle(
  bundle: unknown,
  jwks: JSONWebKeySet | undefined,
): Promise<BundleReport> {
  const problems: BundleProblem[] = [];
  const shape = (bundle ?? {}) as BundleShape;
  const keys = jwks ?? shape.jwks ?? { keys: [] };
  const files = new Map<string, Uint8Array>();
  for (const file of shape.evidenceFiles ?? []) {
    const bytes = new Uint8Array(Buffer.from(file.base64 ?? '', 'base64'));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== file.sha256 || bytes.byteLength !== file.size) {
      problems.push({
        ...(file.sha256 ? { sha256: file.sha256 } : {}),
        message: `evidence file ${file.sha256 ?? '(no sha256)'} was altered: its bytes hash to ${actual} (${bytes.byteLength} bytes, ${file.size ?? '?'} stated)`,
      });
    }
    files.set(actual, bytes);
  }
  let records = 0;
  for (const entry of shape.records ?? []) {
    if (!entry.record) continue;
    records += 1;
    const id = entry.captureId ?? entry.record.captureId;
    const verified = await verifyReceipt(entry.receipt ?? '', keys);
    if (!verified.ok) {
      problems.push({
        captureId: id,
        message: `receipt of ${id} does not verify: ${verified.error.code}`,
      });
      continue;
    }
    if (canonicalJson(verified.value) !== canonicalJson(entry.record)) {
      problems.push({
        captureId: id,
        message: `record ${id} differs from what its receipt signed`,
      });
    }
    // The receipt's record, not the bundle's copy, names the files that count.
    if (verified.value.kind !== 'capture') continue;
    for (const ref of evidenceFiles(verified.value.evidence)) {
      const bytes = files.get(ref.sha256);
      if (!bytes) {
        problems.push({
          captureId: id,
          sha256: ref.sha256,
          message: `record ${id} names evidence file ${ref.sha256}, which the bundle does not hold unaltered`,
        });
      }
    }
  }
  return {
    ok: problems.length === 0,
    records,
    files: shape.evidenceFiles?.length ?? 0,
    keys: jwks ? 'given' : 'embedded',
    problems,
  };
}
