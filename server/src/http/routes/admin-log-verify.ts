// "Verify the log now" for the admin console, as a background job (proof/log-verify-jobs.ts): the
// tenant's sites exported as the CLI's `izinli export` writes them and checked by the same verifier
// as `izinli verify log`, against the server's published keys (A13). POST starts the job (or
// answers the running one) with 202; GET reads its progress and, once done, its report.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { excerpt } from '@izinli/core';
import { logProblemMessage, problemJson } from '../../proof/index.js';
import { LogVerifyJobs } from '../../proof/log-verify-jobs.js';
import type { LogVerifyJob } from '../../proof/log-verify-jobs.js';
import { ApiError, requestLocale } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { ChainStore } from '../../store/ports/chain-store.js';
import type { ReconciliationStore } from '../../store/ports/reconciliation-store.js';
import type { AdminEnv } from './admin-auth.js';

type Deps = Pick<
  DepsWith<ChainStore & ReconciliationStore>,
  'store' | 'jwks' | 'now' | 'logger'
> & {
  logVerifyJobs?: LogVerifyJobs;
};

/** The job as the API answers it; problems in the request's language. */
function jobView(c: Context<AdminEnv>, job: LogVerifyJob) {
  const locale = requestLocale(c);
  const { report } = job;
  return {
    id: job.id,
    state: job.state,
    startedAt: job.startedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    progress: { checked: job.checked, total: job.total },
    ...(report
      ? {
          result: {
            ok: report.ok,
            verifiedAt: job.startedAt,
            sites: report.sites,
            problems: report.problems.map((problem) =>
              problemJson(problem, logProblemMessage(problem, locale)),
            ),
          },
        }
      : {}),
  };
}

function unknownJob(id: string | undefined): ApiError {
  const text = {
    en: id ? 'This tenant has no log verification with this id.' : 'No log verification yet.',
    tr: id
      ? 'Bu kiracının bu kimlikle bir günlük doğrulaması yok.'
      : 'Henüz günlük doğrulaması yok.',
  };
  return new ApiError(404, 'logVerify.unknown', text, {
    path: id ? ['jobId'] : [],
    expected: {
      en: 'the id of a log verification this server process started for this tenant',
      tr: 'bu sunucu sürecinin bu kiracı için başlattığı bir günlük doğrulamasının kimliği',
    },
    received: id ? excerpt(id, 60) : 'none',
  });
}

/** The process's jobs: the one given (kept across config reloads), else one for these routes. */
export function logVerifyJobsFor(deps: Deps): LogVerifyJobs {
  return (
    deps.logVerifyJobs ??
    new LogVerifyJobs({
      store: deps.store,
      jwks: () => deps.jwks(),
      ...(deps.now ? { now: deps.now } : {}),
      logger: deps.logger,
    })
  );
}

/** Mounted at /v1/admin/log, behind the admin auth. */
export function adminLogVerifyRoutes(deps: Deps) {
  const jobs = logVerifyJobsFor(deps);
  return new Hono<AdminEnv>()
    .post('/verify', async (c) => {
      const tenant = c.get('tenant');
      const stored = new Set(await deps.store.sites());
      const siteKeys = tenant.sites.map((s) => s.siteKey).filter((key) => stored.has(key));
      const job = jobs.start(tenant.id, siteKeys);
      c.header('Location', `/v1/admin/log/verify/${job.id}`);
      return c.json(jobView(c, job), 202);
    })
    .get('/verify', (c) => {
      const job = jobs.latest(c.get('tenant').id);
      if (!job) throw unknownJob(undefined);
      return c.json(jobView(c, job));
    })
    .get('/verify/:jobId', (c) => {
      const id = c.req.param('jobId');
      const job = jobs.get(c.get('tenant').id, id);
      if (!job) throw unknownJob(id);
      return c.json(jobView(c, job));
    });
}
