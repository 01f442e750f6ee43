// The admin console's "verify the log now" as a background job: a large log takes minutes, past
// any proxy's timeout, so the request starts the job and the console polls it. Jobs live in this
// process only (a restart forgets them; behind a load balancer each instance has its own), one
// running job per tenant at a time, the last few finished ones kept for the console to come back to.
import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import type { ChainStore } from '../store/ports/chain-store.js';
import type { ReconciliationStore } from '../store/ports/reconciliation-store.js';
import { exportLog } from './log-export.js';
import type { LogSource } from './log-export.js';
import { verifyLog } from './log-verify.js';
import type { LogReport } from './log-verify.js';

/** One verification: running, done (with its report) or failed (the store could not be read). */
export interface LogVerifyJob {
  id: string;
  /** Whose sites it checks (a tenant's id). */
  scope: string;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Record lines read by the verifier so far, and the records in the chains when it started. */
  checked: number;
  total: number;
  report?: LogReport;
}

export interface LogVerifyJobsDeps {
  /** With the stored İYS files when it has them: a chained day's .tsr is checked too. */
  store: LogSource &
    Pick<ChainStore, 'chainHead'> &
    Partial<Pick<ReconciliationStore, 'reconciliationFile'>>;
  jwks: () => JSONWebKeySet;
  now?: () => Date;
  logger?: { error(object: object, message: string): void };
  /** Finished jobs kept per scope (default 5). */
  keep?: number;
}

/** The jobs of this process. */
export class LogVerifyJobs {
  private readonly jobs = new Map<string, LogVerifyJob[]>();

  constructor(private readonly deps: LogVerifyJobsDeps) {}

  /** Starts verifying `siteKeys` for `scope`, or answers the job already running for it. */
  start(scope: string, siteKeys: readonly string[]): LogVerifyJob {
    const running = this.jobs.get(scope)?.find((j) => j.state === 'running');
    if (running) return running;
    const now = this.deps.now ?? (() => new Date());
    const job: LogVerifyJob = {
      id: randomUUID(),
      scope,
      state: 'running',
      startedAt: now().toISOString(),
      checked: 0,
      total: 0,
    };
    const list = [job, ...(this.jobs.get(scope) ?? [])].slice(0, (this.deps.keep ?? 5) + 1);
    this.jobs.set(scope, list);
    void this.run(job, siteKeys, now);
    return job;
  }

  /** A job of `scope` by id (another scope's job is not found). */
  get(scope: string, id: string): LogVerifyJob | undefined {
    return this.jobs.get(scope)?.find((j) => j.id === id);
  }

  /** The newest job of `scope`. */
  latest(scope: string): LogVerifyJob | undefined {
    return this.jobs.get(scope)?.[0];
  }

  private async run(job: LogVerifyJob, siteKeys: readonly string[], now: () => Date) {
    try {
      const heads = await Promise.all(siteKeys.map((s) => this.deps.store.chainHead(s)));
      job.total = heads.reduce((n, h) => n + h.seq, 0);
      const { store } = this.deps;
      const files = store.reconciliationFile?.bind(store);
      const lines = exportLog(store, { siteKeys, now, ...(files ? { files } : {}) });
      job.report = await verifyLog(counting(lines, job), this.deps.jwks());
      job.state = 'done';
    } catch (error) {
      this.deps.logger?.error({ err: error, job: job.id }, 'log verification failed');
      job.state = 'failed';
    } finally {
      job.finishedAt = now().toISOString();
    }
  }
}

/** The export's lines, each record line counted on the job as the verifier reads it. */
async function* counting(lines: AsyncIterable<string>, job: LogVerifyJob): AsyncIterable<string> {
  for await (const line of lines) {
    if (line.startsWith('{"type":"record"')) job.checked += 1;
    yield line;
  }
}
