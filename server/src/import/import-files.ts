// The files an import row names (scans, a recording), read from beside the CSV and checked as an
// upload would be: type by content, size within the tenant's per-file limit.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Problem, TenantConfig } from '@izinli/core';
import { detectEvidenceType } from '../evidence/evidence-upload.js';
import { excerpt } from '@izinli/core';

/** A file a row's evidence names, read and hashed. */
export interface RowFile {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Reads one file a row names; a problem (and undefined) when it is missing or not evidence. */
export async function readRowFile(
  read: (path: string) => Promise<Uint8Array | undefined>,
  path: string,
  field: (string | number)[],
  tenant: TenantConfig,
  problems: Problem[],
): Promise<RowFile | undefined> {
  const bytes = await read(path);
  if (bytes === undefined) {
    problems.push(
      problem(
        'import.file',
        field,
        'a file beside the CSV (a CSV sent to the API: the SHA-256 of an uploaded evidence file)',
        'CSV dosyasının yanında bir dosya (API’ye gönderilen CSV için: yüklenmiş bir kanıt dosyasının SHA-256 özeti)',
        path,
      ),
    );
    return undefined;
  }
  const mediaType = await detectEvidenceType(bytes);
  if (mediaType === undefined || bytes.byteLength > tenant.evidence.maxFileBytes) {
    problems.push(
      problem(
        'import.file',
        field,
        `a PDF, JPEG or PNG scan or an audio recording of at most ${tenant.evidence.maxFileBytes} bytes`,
        `en çok ${tenant.evidence.maxFileBytes} baytlık PDF, JPEG ya da PNG bir tarama veya bir ses kaydı`,
        `${path} (${bytes.byteLength} bytes)`,
      ),
    );
    return undefined;
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), mediaType, bytes };
}

/** One row problem: where, what was expected (English, Turkish), what came. */
export const problem = (
  code: string,
  path: (string | number)[],
  en: string,
  tr: string,
  received: string,
): Problem => ({
  code,
  path,
  expected: { en, tr },
  received: excerpt(received, 100),
});

/** Reads files by path relative to `dir` (the CLI: beside the CSV); undefined when unreadable. */
export function filesBeside(dir: string): (path: string) => Promise<Uint8Array | undefined> {
  return async (path) => {
    try {
      return new Uint8Array(await readFile(resolve(dir, path)));
    } catch {
      return undefined;
    }
  };
}
