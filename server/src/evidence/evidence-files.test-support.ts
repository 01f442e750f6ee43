// Small files whose content is what they claim, as a scanner or a call recorder would produce.
import { expect } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';

const bytes = (...parts: (string | number[] | number)[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) =>
        typeof p === 'string'
          ? Buffer.from(p, 'latin1')
          : typeof p === 'number'
            ? Buffer.alloc(p)
            : Buffer.from(p),
      ),
    ),
  );

/** A one-page PDF's opening, with `tag` so each test's scan has its own hash. */
export const pdfScan = (tag = 'form') => bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', `% ${tag}\n`, 64);
/** A PNG's signature and header chunk. */
export const pngScan = (tag = 'form') =>
  bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', 17, tag);
/** A JPEG (JFIF) opening. */
export const jpegScan = (tag = 'form') => bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0', 20, tag);
/** A WAV recording's opening. */
export const wavRecording = (tag = 'call') => bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ', 30, tag);

/** An app that answers in-process requests (the app harness's). */
interface RequestsApp {
  app: { request(path: string, init: RequestInit): Response | Promise<Response> };
}

/** `POST /v1/admin/evidence-files` with `body`, as `headers`. */
const uploadEvidence = (
  h: RequestsApp,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<Response> =>
  Promise.resolve(
    h.app.request('/v1/admin/evidence-files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...headers },
      body,
    }),
  );

const exampleTenant = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

/**
 * Uploads (and consents naming the uploads) through the harness `current()` answers with, as the
 * example tenant unless told.
 */
export function evidenceUploads(current: () => RequestsApp) {
  return {
    /** `POST /v1/admin/consents` with `body`: a consent from another source and its evidence. */
    record: (body: unknown): Promise<Response> =>
      Promise.resolve(
        current().app.request('/v1/admin/consents', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...exampleTenant },
          body: JSON.stringify(body),
        }),
      ),
    upload: (body: Uint8Array, headers: Record<string, string> = exampleTenant) =>
      uploadEvidence(current(), body, headers),
    /** Uploads `body`, expects it stored and resolves with its hash. */
    async uploaded(body: Uint8Array): Promise<string> {
      const response = await uploadEvidence(current(), body, exampleTenant);
      expect(response.status).toBe(201);
      return ((await response.json()) as { sha256: string }).sha256;
    },
  };
}
