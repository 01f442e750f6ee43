// Verifies a recipient's evidence bundle (the admin API's /v1/admin/recipients/evidence file) as
// it is: every receipt against the keys, the record beside it against what was signed, each notice
// text against the hash its record names, each checkpoint's signature (A13, B8). Entries and fields
// it does not know are listed as not checked, never refused. Evidence files: proof/bundle-files.ts;
// confirmation records against the captures they confirm: proof/bundle-confirmations.ts.
import { canonicalJson, excerpt, isCaptureRecord, noticeHash } from '@izinli/core';
import type { ChainRecord, Problem } from '@izinli/core';
import { decodeProtectedHeader } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { checkConfirmations } from './bundle-confirmations.js';
import { checkBundleFiles, missingEvidence } from './bundle-files.js';
import type { BundleFileCheck } from './bundle-files.js';
import { verifyCheckpoint } from './checkpoint.js';
import { verifyReceipt } from './receipt.js';

/** What became of one notice a verified record names. */
export interface BundleNoticeCheck {
  id: string;
  version: number;
  locale: string;
  /** matches: the bundle's text hashes to the record's sha256; missing: no text in the bundle. */
  text: 'matches' | 'differs' | 'missing';
}

/** One entry of the bundle's records. */
export interface BundleRecordCheck {
  index: number;
  captureId?: string;
  siteKey?: string;
  seq?: number;
  /**
   * verified: the receipt verifies and the record beside it is the one signed; failed: it does
   * not; purged: retention removed record and receipt; unsigned: an entry with no receipt.
   */
  status: 'verified' | 'failed' | 'purged' | 'unsigned';
  kid?: string;
  /** The signed record (verified entries): what the person was shown and chose. */
  record?: ChainRecord;
  notices: BundleNoticeCheck[];
  problems: Problem[];
}

export interface BundleCheckpointCheck {
  siteKey: string;
  seq: number;
  ok: boolean;
  problem?: Problem;
}

export interface BundleReport {
  /** True when nothing failed and at least one receipt verified. */
  ok: boolean;
  keys: 'given' | 'embedded' | 'none';
  records: BundleRecordCheck[];
  checkpoints: BundleCheckpointCheck[];
  /** The evidence files carried (scans, recordings), each against its stated hash. */
  files: BundleFileCheck[];
  /** Problems with the bundle as a whole (not an evidence bundle, no keys). */
  problems: Problem[];
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** True for what the admin API's evidence route writes (`type: "izinli-evidence"`). */
export function isEvidenceBundle(value: unknown): value is Obj {
  return isObj(value) && value.type === 'izinli-evidence' && Array.isArray(value.records);
}

type Texts = Map<string, { text: string; index: number }>;

function noticeTexts(bundle: Obj): Texts {
  const texts: Texts = new Map();
  for (const [index, n] of (Array.isArray(bundle.notices) ? bundle.notices : []).entries()) {
    if (!isObj(n) || typeof n.text !== 'string') continue;
    texts.set(`${String(n.siteKey)}/${String(n.id)}/${String(n.locale)}/${String(n.version)}`, {
      text: n.text,
      index,
    });
  }
  return texts;
}

async function checkRecord(
  entry: unknown,
  index: number,
  keys: JSONWebKeySet | undefined,
  texts: Texts,
  intact: ReadonlySet<string>,
): Promise<BundleRecordCheck> {
  const path = ['records', index];
  if (!isObj(entry)) {
    const problem: Problem = {
      code: 'bundle.badRecord',
      path,
      expected: { en: 'a record entry (an object)', tr: 'bir kayıt girdisi (bir nesne)' },
      received: excerpt(entry),
    };
    return { index, status: 'failed', notices: [], problems: [problem] };
  }
  const base = {
    index,
    ...(str(entry.captureId) ? { captureId: str(entry.captureId)! } : {}),
    ...(str(entry.siteKey) ? { siteKey: str(entry.siteKey)! } : {}),
    ...(typeof entry.seq === 'number' ? { seq: entry.seq } : {}),
  };
  const receipt = str(entry.receipt);
  if (receipt === undefined) {
    const status = entry.purgedAt !== undefined ? 'purged' : 'unsigned';
    return { ...base, status, notices: [], problems: [] };
  }
  if (!keys) return { ...base, status: 'failed', notices: [], problems: [] };
  const verified = await verifyReceipt(receipt, keys, { path: [...path, 'receipt'] });
  if (!verified.ok) return { ...base, status: 'failed', notices: [], problems: [verified.error] };
  const signed = verified.value;
  const problems: Problem[] = [];
  const differs = (field: string, expected: string, received: unknown) =>
    problems.push({
      code: 'bundle.recordMismatch',
      path: [...path, field],
      expected: {
        en: `what the receipt signed: ${excerpt(expected, 70)}`,
        tr: `makbuzun imzaladığı değer: ${excerpt(expected, 70)}`,
      },
      received: excerpt(received, 70),
    });
  // The record shown beside the receipt must be the one signed, or the bundle misleads its reader.
  if (entry.record !== undefined && canonicalJson(entry.record) !== canonicalJson(signed))
    differs('record', `the record with recordHash ${signed.recordHash}`, entry.record);
  if (entry.recordHash !== undefined && entry.recordHash !== signed.recordHash)
    differs('recordHash', signed.recordHash, entry.recordHash);
  if (entry.captureId !== undefined && entry.captureId !== signed.captureId)
    differs('captureId', signed.captureId, entry.captureId);
  // The signed record, not the bundle's copy, names the files that count.
  if (isCaptureRecord(signed)) problems.push(...missingEvidence(signed, intact, path));
  const notices: BundleNoticeCheck[] = [];
  // A chained İYS day shows no notice: it holds hashes only.
  for (const ref of isCaptureRecord(signed) ? signed.notices : []) {
    const found = texts.get(`${signed.siteKey}/${ref.id}/${ref.locale}/${ref.version}`);
    const text = found?.text;
    const state =
      text === undefined
        ? 'missing'
        : (await noticeHash(text)) === ref.sha256
          ? 'matches'
          : 'differs';
    notices.push({ id: ref.id, version: ref.version, locale: ref.locale, text: state });
    if (state === 'differs') {
      problems.push({
        code: 'bundle.noticeDiffers',
        path: ['notices', found!.index, 'text'],
        expected: {
          en: `a text whose SHA-256 is ${ref.sha256}, as the record names`,
          tr: `kaydın belirttiği gibi SHA-256 özeti ${ref.sha256} olan bir metin`,
        },
        received: `a text whose SHA-256 is ${await noticeHash(text!)}: ${excerpt(text, 40)}`,
      });
    }
  }
  return {
    ...base,
    captureId: signed.captureId,
    siteKey: signed.siteKey,
    seq: signed.seq,
    status: problems.length === 0 ? 'verified' : 'failed',
    kid: String(decodeProtectedHeader(receipt).kid),
    record: signed,
    notices,
    problems,
  };
}

async function checkCheckpoints(
  bundle: Obj,
  keys: JSONWebKeySet,
): Promise<BundleCheckpointCheck[]> {
  const list = Array.isArray(bundle.checkpoints) ? bundle.checkpoints : [];
  const checks: BundleCheckpointCheck[] = [];
  for (const [i, c] of list.entries()) {
    if (!isObj(c) || typeof c.jws !== 'string') continue;
    const checkpoint = c as unknown as Parameters<typeof verifyCheckpoint>[0];
    const verified = await verifyCheckpoint(checkpoint, keys, { path: ['checkpoints', i] });
    checks.push({
      siteKey: String(c.siteKey),
      seq: Number(c.seq),
      ok: verified.ok,
      ...(verified.ok ? {} : { problem: verified.error }),
    });
  }
  return checks;
}

/**
 * Verifies an evidence bundle with `jwks`, or, without it, with the bundle's own `jwks` (the
 * report says so: a bundle that vouches for itself proves little).
 */
export async function verifyBundle(bundle: unknown, jwks?: JSONWebKeySet): Promise<BundleReport> {
  if (!isEvidenceBundle(bundle)) {
    const problem: Problem = {
      code: 'bundle.notABundle',
      path: [],
      expected: {
        en: 'an evidence bundle { "type": "izinli-evidence", "records": [ … ], … }',
        tr: 'bir kanıt paketi { "type": "izinli-evidence", "records": [ … ], … }',
      },
      received: excerpt(bundle, 70),
    };
    return {
      ok: false,
      keys: 'none',
      records: [],
      checkpoints: [],
      files: [],
      problems: [problem],
    };
  }
  const embedded =
    isObj(bundle.jwks) && Array.isArray(bundle.jwks.keys)
      ? (bundle.jwks as unknown as JSONWebKeySet)
      : undefined;
  const keys = jwks ?? embedded;
  const problems: Problem[] = [];
  if (!keys) {
    problems.push({
      code: 'bundle.noKeys',
      path: ['jwks'],
      expected: {
        en: 'a JWKS to verify the receipts with (given, or the bundle’s jwks)',
        tr: 'makbuzları doğrulayacak bir JWKS (verilmiş ya da paketin jwks alanı)',
      },
      received: 'none',
    });
  }
  const texts = noticeTexts(bundle);
  const files = checkBundleFiles(bundle);
  problems.push(...files.problems);
  const records: BundleRecordCheck[] = [];
  for (const [i, entry] of (bundle.records as unknown[]).entries())
    records.push(await checkRecord(entry, i, keys, texts, files.intact));
  checkConfirmations(bundle.records as unknown[], records);
  const checkpoints = keys ? await checkCheckpoints(bundle, keys) : [];
  const ok =
    problems.length === 0 &&
    records.every((r) => r.status !== 'failed') &&
    records.some((r) => r.status === 'verified') &&
    checkpoints.every((c) => c.ok);
  return {
    ok,
    keys: jwks ? 'given' : keys ? 'embedded' : 'none',
    records,
    checkpoints,
    files: files.files,
    problems,
  };
}
