// The evidence files of a bundle (scans and recordings of consents recorded by hand, A19): each
// file's bytes against the SHA-256 and size it states, and each verified record's named files
// against the files that are intact, so a scan altered or swapped after the fact fails the bundle.
import { createHash } from 'node:crypto';
import { evidenceFiles, excerpt } from '@izinli/core';
import type { CaptureRecord, Problem } from '@izinli/core';

/** What became of one evidence file the bundle carries. */
export interface BundleFileCheck {
  index: number;
  sha256?: string;
  mediaType?: string;
  /** The decoded bytes' length. */
  size: number;
  /** matches: the bytes hash to the stated SHA-256 and have the stated size. */
  state: 'matches' | 'altered';
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks `bundle.evidenceFiles`; `intact` holds the SHA-256 of every file that matches. */
export function checkBundleFiles(bundle: Obj): {
  files: BundleFileCheck[];
  intact: Set<string>;
  problems: Problem[];
} {
  const files: BundleFileCheck[] = [];
  const intact = new Set<string>();
  const problems: Problem[] = [];
  const list = Array.isArray(bundle.evidenceFiles) ? (bundle.evidenceFiles as unknown[]) : [];
  for (const [index, file] of list.entries()) {
    const entry = isObj(file) ? file : {};
    const stated = typeof entry.sha256 === 'string' ? entry.sha256 : undefined;
    const bytes = Buffer.from(typeof entry.base64 === 'string' ? entry.base64 : '', 'base64');
    const actual = createHash('sha256').update(bytes).digest('hex');
    const matches = actual === stated && bytes.byteLength === entry.size;
    files.push({
      index,
      ...(stated ? { sha256: stated } : {}),
      ...(typeof entry.mediaType === 'string' ? { mediaType: entry.mediaType } : {}),
      size: bytes.byteLength,
      state: matches ? 'matches' : 'altered',
    });
    if (matches) {
      intact.add(actual);
      continue;
    }
    problems.push({
      code: 'bundle.evidenceFileAltered',
      path: ['evidenceFiles', index, 'base64'],
      expected: {
        en: `bytes whose SHA-256 is ${stated ?? '(none stated)'} (${String(entry.size)} bytes), as stated`,
        tr: `belirtildiği gibi SHA-256 özeti ${stated ?? '(belirtilmemiş)'} (${String(entry.size)} bayt) olan baytlar`,
      },
      received: excerpt(`${bytes.byteLength} bytes whose SHA-256 is ${actual}`, 120),
    });
  }
  return { files, intact, problems };
}

/** The files a signed record names that the bundle does not hold intact (`path`: the record's). */
export function missingEvidence(
  record: CaptureRecord,
  intact: ReadonlySet<string>,
  path: (string | number)[],
): Problem[] {
  if (record.kind !== 'capture') return [];
  return evidenceFiles(record.evidence)
    .filter((ref) => !intact.has(ref.sha256))
    .map((ref) => ({
      code: 'bundle.evidenceFileMissing',
      path: [...path, 'record', 'evidence'],
      expected: {
        en: `the evidence file ${ref.sha256} the signed record names, unaltered in evidenceFiles`,
        tr: `imzalı kaydın belirttiği ${ref.sha256} kanıt dosyası, evidenceFiles içinde değişmemiş hâliyle`,
      },
      received: 'no intact file with that SHA-256',
    }));
}
