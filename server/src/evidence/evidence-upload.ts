// An evidence file as uploaded (A19): its type found in its bytes (a kept detector, never the
// client's Content-Type or name), its size checked against the tenant's limits, then stored by
// its SHA-256 so a record can name it and its receipt prove which file it was.
import { createHash } from 'node:crypto';
import { RECORDING_MEDIA_TYPES, SCAN_MEDIA_TYPES, excerpt } from '@izinli/core';
import type { EvidenceFileRef, Localized, Problem, TenantConfig } from '@izinli/core';
import { fileTypeFromBuffer } from 'file-type';
import type { EvidenceFileMeta, EvidenceStore } from '../store/ports/evidence-store.js';

/** Every media type an evidence file may have. */
export const EVIDENCE_MEDIA_TYPES: readonly string[] = [
  ...SCAN_MEDIA_TYPES,
  ...RECORDING_MEDIA_TYPES,
];

/** Why a file was not stored: too large, not a kind of file we keep, or past the tenant's quota. */
export interface EvidenceRefusal {
  status: 413 | 415;
  code: string;
  message: Localized;
  problems: Problem[];
}

export type EvidenceUpload =
  { ok: true; created: boolean; file: EvidenceFileRef } | { ok: false; refusal: EvidenceRefusal };

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** The media type the bytes are, by their content; undefined when not one we keep. */
export async function detectEvidenceType(bytes: Uint8Array): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  // file-type names WAV audio/wav or audio/vnd.wave depending on the version; records say audio/wav.
  const mime = found?.mime === 'audio/vnd.wave' ? 'audio/wav' : found?.mime;
  return mime !== undefined && EVIDENCE_MEDIA_TYPES.includes(mime) ? mime : undefined;
}

/** The reference a record carries for a stored file. */
export const fileRef = (file: EvidenceFileMeta): EvidenceFileRef =>
  ({ sha256: file.sha256, mediaType: file.mediaType, size: file.size }) as EvidenceFileRef;

/** Checks and stores one evidence file of `tenant`. */
export async function uploadEvidenceFile(
  store: EvidenceStore,
  tenant: Pick<TenantConfig, 'id' | 'evidence'>,
  bytes: Uint8Array,
  now: Date,
): Promise<EvidenceUpload> {
  const limits = tenant.evidence;
  if (bytes.byteLength > limits.maxFileBytes) {
    return {
      ok: false,
      refusal: {
        status: 413,
        code: 'evidence.tooLarge',
        message: {
          en: `An evidence file may be at most ${mib(limits.maxFileBytes)}.`,
          tr: `Bir kanıt dosyası en çok ${mib(limits.maxFileBytes)} olabilir.`,
        },
        problems: [
          {
            code: 'evidence.tooLarge',
            path: [],
            expected: {
              en: `at most ${limits.maxFileBytes} bytes`,
              tr: `en çok ${limits.maxFileBytes} bayt`,
            },
            received: `${bytes.byteLength} bytes`,
            receivedText: { en: `${bytes.byteLength} bytes`, tr: `${bytes.byteLength} bayt` },
          },
        ],
      },
    };
  }
  const mediaType = bytes.byteLength === 0 ? undefined : await detectEvidenceType(bytes);
  if (mediaType === undefined) {
    const found = bytes.byteLength === 0 ? undefined : await fileTypeFromBuffer(bytes);
    return {
      ok: false,
      refusal: {
        status: 415,
        code: 'evidence.mediaType',
        message: {
          en: 'An evidence file must be a PDF, JPEG or PNG scan, or an audio recording.',
          tr: 'Kanıt dosyası PDF, JPEG ya da PNG bir tarama veya bir ses kaydı olmalıdır.',
        },
        problems: [
          {
            code: 'evidence.mediaType',
            path: [],
            expected: {
              en: `a file whose content is one of ${EVIDENCE_MEDIA_TYPES.join(', ')}`,
              tr: `içeriği şunlardan biri olan bir dosya: ${EVIDENCE_MEDIA_TYPES.join(', ')}`,
            },
            received: excerpt(found?.mime ?? (bytes.byteLength === 0 ? 'empty' : 'unknown'), 60),
            receivedText: found
              ? { en: `a ${found.mime} file`, tr: `${found.mime} türünde bir dosya` }
              : bytes.byteLength === 0
                ? { en: 'an empty body', tr: 'boş bir gövde' }
                : { en: 'a file of no known type', tr: 'türü tanınmayan bir dosya' },
          },
        ],
      },
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const put = await store.putEvidenceFile({
    tenantId: tenant.id,
    sha256,
    mediaType,
    bytes,
    storedAt: now.toISOString(),
    quotaBytes: limits.maxTotalBytes,
  });
  if (put.kind === 'quota') {
    return {
      ok: false,
      refusal: {
        status: 413,
        code: 'evidence.quota',
        message: {
          en: `The tenant’s evidence files would pass ${mib(limits.maxTotalBytes)}.`,
          tr: `Kiracının kanıt dosyaları ${mib(limits.maxTotalBytes)} sınırını aşacak.`,
        },
        problems: [
          {
            code: 'evidence.quota',
            path: [],
            expected: {
              en: `a file of at most ${limits.maxTotalBytes - put.usedBytes} bytes (the quota left)`,
              tr: `en çok ${limits.maxTotalBytes - put.usedBytes} baytlık bir dosya (kalan kota)`,
            },
            received: `${bytes.byteLength} bytes`,
            receivedText: { en: `${bytes.byteLength} bytes`, tr: `${bytes.byteLength} bayt` },
          },
        ],
      },
    };
  }
  return { ok: true, created: put.kind === 'stored', file: fileRef(put.file) };
}
