// Pausing and resuming an İYS account (docs/iys.md#account-failures): when İYS refuses the whole
// account, every consent waits instead of dying, deadlines keep being watched, the site owners
// hear of it, and a probe with backoff resumes deliveries once İYS answers normally again.
import { randomUUID } from 'node:crypto';
import { backoffDelay } from '@izinli/iys';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/load-config.js';
import type { AccountStore, IysAccountCause } from '../store/ports/account-store.js';
import type { WebhookEvent } from '../store/types.js';
import { whatToDo } from './account-causes.js';

/** Probe pacing while paused: from 30 s, doubling, at most 15 minutes (jittered). */
export const PROBE_BACKOFF = { baseMs: 30_000, maxMs: 15 * 60_000 };

/** Probe pacing from a first delay (env `IYS_PROBE_MS`), doubling up to 30 times it. */
export const probeBackoff = (baseMs = PROBE_BACKOFF.baseMs) => ({
  baseMs,
  maxMs: Math.max(baseMs, (PROBE_BACKOFF.maxMs * baseMs) / PROBE_BACKOFF.baseMs),
});

/** The sites whose consents go to İYS through `iysCode` (they hear of its pauses). */
export function sitesOfAccount(config: LoadedConfig, iysCode: number): string[] {
  return [...config.sites.values()]
    .filter(({ site }) => site.brand.iysCode === iysCode)
    .map(({ site }) => site.siteKey);
}

/** One event of `type` per site of the account. */
function accountEvents(
  config: LoadedConfig,
  iysCode: number,
  type: 'iys.account_paused' | 'iys.account_resumed',
  payload: Record<string, unknown>,
  at: string,
  newId: () => string,
): WebhookEvent[] {
  return sitesOfAccount(config, iysCode).map((siteKey) => ({
    id: newId(),
    siteKey,
    type,
    payload: { iysCode, ...payload },
    createdAt: at,
  }));
}

/** Pauses and resumes accounts through the store, with their events and log lines. */
export class AccountPauses {
  readonly #store: AccountStore;
  readonly #config: () => LoadedConfig;
  readonly #logger: Logger;
  readonly #random: () => number;
  readonly #newId: () => string;
  readonly #backoff: { baseMs: number; maxMs: number };

  constructor(options: {
    /** The first probe's delay (default 30 s). */
    probeMs?: number;
    store: AccountStore;
    config: () => LoadedConfig;
    logger: Logger;
    random?: () => number;
    newId?: () => string;
  }) {
    this.#store = options.store;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#random = options.random ?? Math.random;
    this.#newId = options.newId ?? randomUUID;
    this.#backoff = probeBackoff(options.probeMs);
  }

  /** The account's row, if it was ever paused. */
  async state(iysCode: number) {
    return (await this.#store.iysAccounts()).find((a) => a.iysCode === iysCode);
  }

  /** Pauses the account (or records a failed probe); true when it was active until now. */
  async pause(
    iysCode: number,
    cause: IysAccountCause,
    now: Date,
    probes: number,
  ): Promise<boolean> {
    const at = now.toISOString();
    const delay = backoffDelay(probes, { ...this.#backoff, random: this.#random });
    // Full jitter could probe at once; half the first delay is the least wait.
    const wait = Math.max(delay, this.#backoff.baseMs / 2);
    const nextProbeAt = new Date(now.getTime() + wait).toISOString();
    const todo = whatToDo(cause.code);
    const events = accountEvents(
      this.#config(),
      iysCode,
      'iys.account_paused',
      { cause, pausedAt: at, nextProbeAt, whatToDo: todo },
      at,
      this.#newId,
    );
    const paused = await this.#store.pauseIysAccount({ iysCode, cause, at, nextProbeAt, events });
    const fields = { iysCode, code: cause.code, status: cause.status, nextProbeAt };
    if (paused) this.#logger.error(fields, `İYS account paused: ${todo.en}`);
    else this.#logger.warn(fields, 'İYS account still refused; probing again later');
    return paused;
  }

  /** Resumes a paused account; true when this call resumed it. */
  async resume(iysCode: number, now: Date, pausedAt: string | undefined): Promise<boolean> {
    const at = now.toISOString();
    const events = accountEvents(
      this.#config(),
      iysCode,
      'iys.account_resumed',
      { resumedAt: at, ...(pausedAt ? { pausedAt } : {}) },
      at,
      this.#newId,
    );
    const resumed = await this.#store.resumeIysAccount({ iysCode, at, events });
    if (resumed) this.#logger.info({ iysCode, pausedAt }, 'İYS account resumed: delivering again');
    return resumed;
  }
}
