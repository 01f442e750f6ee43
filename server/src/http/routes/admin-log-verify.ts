// "Verify the log now" for the admin console: the tenant's sites exported as the CLI's
// `izinli export` writes them and checked by the same verifier as `izinli verify log`, against
// the server's published keys (A13). Nothing is stored; the report is the answer.
import { Hono } from 'hono';
import { exportLog, logProblemMessage, problemJson, verifyLog } from '../../proof/index.js';
import { requestLocale } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { ChainStore } from '../../store/ports/chain-store.js';
import type { ReconciliationStore } from '../../store/ports/reconciliation-store.js';
import type { AdminEnv } from './admin-auth.js';

/** Mounted at /v1/admin/log, behind the admin auth. */
export function adminLogVerifyRoutes(
  deps: Pick<DepsWith<ChainStore & ReconciliationStore>, 'store' | 'jwks' | 'now'>,
) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AdminEnv>().post('/verify', async (c) => {
    const stored = new Set(await deps.store.sites());
    const siteKeys = c
      .get('tenant')
      .sites.map((s) => s.siteKey)
      .filter((key) => stored.has(key));
    const startedAt = now();
    const files = (sha256: string) => deps.store.reconciliationFile(sha256);
    const report = await verifyLog(exportLog(deps.store, { siteKeys, now, files }), deps.jwks());
    const locale = requestLocale(c);
    return c.json({
      ok: report.ok,
      verifiedAt: startedAt.toISOString(),
      sites: report.sites,
      problems: report.problems.map((problem) =>
        problemJson(problem, logProblemMessage(problem, locale)),
      ),
    });
  });
}
