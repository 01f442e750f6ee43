// The admin side of consents collected away from the widget (A19): upload an evidence file (a
// scan or a recording, stored by SHA-256), read it back, and record a consent from any İYS source
// through the same group commit as a capture: signed, chained, delivered, announced.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { Sha256Digest, excerpt } from '@izinli/core';
import { ConsentRequest } from '../../consent/consent-request.js';
import { commitConsent } from '../../consent/commit-consent.js';
import { prepareConsent } from '../../consent/prepare-consent.js';
import { uploadEvidenceFile } from '../../evidence/evidence-upload.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { EvidenceStore } from '../../store/ports/evidence-store.js';
import type { MovementStore } from '../../store/ports/movement-store.js';
import { ApiError, refusalError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import { readJsonBody } from '../json-body.js';
import { limitBody } from '../body-limit.js';
import type { AdminEnv } from './admin-auth.js';

// The transport's own cap; each tenant's `evidence.maxFileBytes` (at most this) is checked after.
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Mounted inside /v1/admin (behind its bearer auth): /consents and /evidence-files. */
export function adminConsentRoutes(deps: DepsWith<CaptureStore & MovementStore & EvidenceStore>) {
  const now = deps.now ?? (() => new Date());
  const serverVersion = deps.version ?? '0.1.0';
  return new Hono<AdminEnv>()
    .post(
      '/evidence-files',
      limitBody(MAX_UPLOAD_BYTES, { en: '100 MiB', tr: '100 MiB' }),
      async (c) => {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const upload = await uploadEvidenceFile(deps.store, c.get('tenant'), bytes, now());
        if (!upload.ok) throw refusalError(upload.refusal);
        return c.json(upload.file, upload.created ? 201 : 200);
      },
    )
    .get('/evidence-files/:sha256', async (c) => {
      const sha256 = c.req.param('sha256');
      const file = Sha256Digest.safeParse(sha256).success
        ? await deps.store.evidenceFile(c.get('tenant').id, sha256)
        : undefined;
      if (!file) {
        throw new ApiError(
          404,
          'evidence.unknown',
          { en: 'No evidence file has this hash.', tr: 'Bu özetle bir kanıt dosyası yok.' },
          {
            path: ['sha256'],
            expected: {
              en: 'the SHA-256 (64 lowercase hex digits) of one of this tenant’s evidence files',
              tr: 'bu kiracının kanıt dosyalarından birinin SHA-256 özeti (64 küçük onaltılık rakam)',
            },
            received: excerpt(sha256, 70),
          },
        );
      }
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': file.mediaType,
        'content-length': String(file.size),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-disposition': `attachment; filename="${file.sha256}"`,
      });
    })
    .post('/consents', async (c) => {
      const body = await readJsonBody(c, ConsentRequest);
      const prepared = await prepareConsent(body, {
        tenant: c.get('tenant'),
        recordedBy: c.get('tokenLabel'),
        config: deps.config,
        store: deps.store,
        now: now(),
        serverVersion,
        captureId: body.id ?? randomUUID(),
      });
      if (!prepared.ok) throw refusalError(prepared.refusal);
      const committed = await commitConsent(deps, prepared.draft);
      if (!committed.ok) throw refusalError(committed.refusal);
      return c.json(
        { ...committed.body, ...(prepared.window ? { window: prepared.window } : {}) },
        committed.created ? 201 : 200,
      );
    });
}
