// Schemas of the admin console's own admin routes (sync state, log verification) for /openapi.json.
import { z } from 'zod';

/** GET /v1/admin/sync */
export const SyncState = z.object({
  syncing: z.boolean().meta({ description: 'False when this server runs no İYS sync worker.' }),
  lastSyncAt: z.iso
    .datetime()
    .optional()
    .meta({ description: 'When this instance last ran the sync pass.' }),
  brands: z.array(
    z.object({
      iysCode: z.int(),
      brandCode: z.int(),
      siteKeys: z.array(z.string()),
      cursor: z.string().optional().meta({ description: 'The stored İYS pull cursor.' }),
      cursorAt: z.iso
        .datetime()
        .optional()
        .meta({ description: 'The instant the cursor names (the last change pulled).' }),
      cursorAgeSeconds: z.int().optional(),
      lastPull: z
        .object({
          received: z.int(),
          changed: z.int(),
          error: z
            .object({ kind: z.string(), status: z.int(), code: z.string().optional() })
            .optional(),
        })
        .optional(),
    }),
  ),
  accounts: z
    .array(
      z.object({
        iysCode: z.int(),
        state: z.enum(['active', 'paused']),
        cause: z
          .object({ code: z.string(), message: z.string(), status: z.int() })
          .optional()
          .meta({ description: 'Why İYS refused the account (kept after a resume).' }),
        pausedAt: z.iso.datetime().optional(),
        nextProbeAt: z.iso
          .datetime()
          .optional()
          .meta({ description: 'While paused: when the next probe asks İYS again.' }),
        probes: z.int(),
        whatToDo: z
          .object({ tr: z.string(), en: z.string() })
          .optional()
          .meta({ description: 'While paused: what to change, in Turkish and English.' }),
      }),
    )
    .meta({
      description:
        'The tenant’s İYS accounts: paused when İYS refuses the whole account (no consent is dead-lettered for it).',
    }),
});

/** The report of a finished log verification (LogVerifyJob.result). */
export const LogVerification = z.object({
  ok: z.boolean(),
  verifiedAt: z.iso.datetime(),
  sites: z.array(
    z.object({
      siteKey: z.string(),
      records: z.int(),
      purged: z.int(),
      checkpoints: z.int(),
      head: z.object({ seq: z.int(), hash: z.string() }),
    }),
  ),
  problems: z.array(z.looseObject({ code: z.string(), message: z.string() })),
});

/** POST and GET /v1/admin/log/verify: a background verification, its progress and its result. */
export const LogVerifyJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  progress: z
    .object({ checked: z.int(), total: z.int() })
    .meta({ description: 'Records read by the verifier, of the records in the chains at start.' }),
  result: LogVerification.optional().meta({ description: 'Once the state is done.' }),
});

/** GET /v1/admin/recipients/evidence/verification: the bundle checked as izinli verify bundle does. */
export const EvidenceVerification = z.object({
  ok: z.boolean(),
  generatedAt: z.iso.datetime(),
  jwksUrl: z.string(),
  records: z.array(
    z.looseObject({
      index: z.int(),
      status: z.enum(['verified', 'failed', 'purged', 'unsigned']),
      kid: z.string().optional(),
      notices: z.array(
        z.object({
          id: z.string(),
          version: z.int(),
          locale: z.string(),
          text: z.enum(['matches', 'differs', 'missing']),
        }),
      ),
      problems: z.array(z.looseObject({ code: z.string(), message: z.string() })),
    }),
  ),
  checkpoints: z.array(z.looseObject({ siteKey: z.string(), seq: z.int(), ok: z.boolean() })),
  problems: z.array(z.looseObject({ code: z.string(), message: z.string() })),
});

/** GET /v1/admin/origins/refused: pages refused for their origin, last 24 hours, this instance. */
export const RefusedOrigins = z.object({
  items: z.array(
    z.object({
      siteKey: z.string(),
      origin: z.string().meta({ description: 'The page’s origin, or "other" past 50 per site.' }),
      count: z.int(),
      lastAt: z.string(),
    }),
  ),
});

/** GET /widget/integrity.json: the served widget version and each file's path and SRI hash. */
export const WidgetIntegrity = z.object({
  version: z.string().nullable(),
  files: z.record(z.string(), z.object({ path: z.string(), integrity: z.string() })),
});
