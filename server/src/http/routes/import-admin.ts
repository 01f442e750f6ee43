// `POST /v1/admin/imports`: the console's CSV upload (A19), the same import as `izinli import`
// (docs/sources.md#import) for the token's tenant. The answer is a stream of JSON lines: progress
// while rows are checked and recorded, then the report, so the console shows a progress line.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { ProviderSource, Sha256Digest, excerpt } from '@izinli/core';
import type { Localized } from '@izinli/core';
import { parseImportCsv } from '../../import/import-csv.js';
import { runImport } from '../../import/run-import-all.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { EvidenceStore } from '../../store/ports/evidence-store.js';
import type { MovementStore } from '../../store/ports/movement-store.js';
import { tenantSite, unknownSite } from '../../withdrawal/withdrawal-draft.js';
import { ApiError, refusalError, requestLocale } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import { limitBody } from '../body-limit.js';
import type { AdminEnv } from './admin-auth.js';
import { badQuery } from './bad-query.js';

const MAX_CSV_BYTES = 20 * 1024 * 1024;

function unreadable(reason: Localized): ApiError {
  return new ApiError(
    422,
    'import.unreadable',
    { en: 'The file cannot be read as an import.', tr: 'Dosya içe aktarma olarak okunamıyor.' },
    {
      path: [],
      expected: {
        en: 'a UTF-8 CSV with the documented header (docs/sources.md#import)',
        tr: 'belgelenen başlık satırını taşıyan UTF-8 bir CSV (docs/sources.md#import)',
      },
      received: excerpt(reason.en, 200),
      receivedText: reason,
    },
  );
}

/** Mounted inside /v1/admin (behind its bearer auth). */
export function adminImportRoutes(deps: DepsWith<CaptureStore & MovementStore & EvidenceStore>) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AdminEnv>().post(
    '/imports',
    limitBody(MAX_CSV_BYTES, { en: '20 MiB', tr: '20 MiB' }),
    async (c) => {
      const tenant = c.get('tenant');
      const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '');
      const site = c.req.query('site');
      const source = c.req.query('source');
      if (site !== undefined && !tenantSite(deps.config, tenant, site)) {
        throw refusalError(unknownSite(site));
      }
      if (source !== undefined && !ProviderSource.safeParse(source).success) {
        const expected = ProviderSource.options.join(', ');
        throw badQuery(
          'source',
          { en: `an İYS source: ${expected}`, tr: `bir İYS kaynağı: ${expected}` },
          source,
        );
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
      } catch {
        throw unreadable({ en: 'not UTF-8 text', tr: 'UTF-8 olmayan bir metin' });
      }
      const parsed = parseImportCsv(text);
      if (!parsed.ok) throw unreadable(parsed.error);
      const sites = new Map([...deps.config.sites].filter(([, v]) => v.tenant.id === tenant.id));
      const locale = requestLocale(c);
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      c.header('Cache-Control', 'no-store');
      return stream(c, async (out) => {
        let last = 0;
        const report = await runImport(parsed.rows, {
          context: {
            store: deps.store,
            config: { sites, calendars: deps.config.calendars },
            recordedBy: c.get('tokenLabel'),
            now: now(),
            serverVersion: deps.version ?? '0.1.0',
            // A CSV sent here names its scans by the SHA-256 of a file uploaded before.
            readFile: async (path) =>
              Sha256Digest.safeParse(path).success
                ? (await deps.store.evidenceFile(tenant.id, path))?.bytes
                : undefined,
            defaults: {
              ...(site !== undefined ? { siteKey: site } : {}),
              ...(source !== undefined ? { source } : {}),
            },
          },
          store: deps.store,
          dryRun,
          now,
          locale,
          committer: () => Promise.resolve(deps.committer),
          progress: (label, done, total) => {
            const at = Date.now();
            if (at - last < 200 && done < total) return;
            last = at;
            void out.write(`${JSON.stringify({ type: 'progress', label, done, total })}\n`);
          },
        });
        await out.write(`${JSON.stringify({ type: 'report', ...report })}\n`);
      });
    },
  );
}
