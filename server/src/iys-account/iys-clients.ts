// One İYS client per account per process, shared by every worker (delivery, sync, reconciliation),
// with its token kept in the database: one token and one H084 lock per account for the process
// and for every instance on the database, so a worker or an instance taking over never asks İYS
// for a token another already holds, or asks inside İYS's locked hour.
import { IYS_LIMITS } from '@izinli/core';
import { createIysClient } from '@izinli/iys';
import type { FetchLike, IysClient, RateLimiter, TokenStore } from '@izinli/iys';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/load-config.js';
import type { AccountStore } from '../store/ports/account-store.js';

/** What every worker that talks to İYS is given (delivery, sync, reconciliation). */
export interface IysWorkerOptions {
  config: LoadedConfig;
  logger: Logger;
  /** The İYS client of each account, shared with the other workers (default: one of its own). */
  clients?: (iysCode: number) => IysClient;
  /** İYS's base URL (or the simulator's). */
  baseUrl: string;
  fetch?: FetchLike;
  now?: () => Date;
}

/** İYS's token window: requests are counted per hour (H084). */
export const TOKEN_WINDOW_MS = 3_600_000;

/** The store's side of the shared token: the token row and the hourly count of requests. */
export type TokenRows = Pick<AccountStore, 'iysToken' | 'setIysToken' | 'reserveIysTokenGrant'>;

/**
 * The account's token in the store's `iys_tokens` row, and every token request counted in
 * `iys_token_grants` against `budget` per rolling hour: a rolling hour never holds more than the
 * budget, so neither does İYS's hour, however İYS places it.
 */
export function storedTokens(
  store: TokenRows,
  iysCode: number,
  now: () => Date = () => new Date(),
  budget: number = IYS_LIMITS.tokensPerHour,
): TokenStore {
  return {
    get: () => store.iysToken(iysCode),
    set: (token) => store.setIysToken(iysCode, token, now().toISOString()),
    async reserveGrant(atMs) {
      const reservation = await store.reserveIysTokenGrant({
        iysCode,
        atMs,
        budget,
        windowMs: TOKEN_WINDOW_MS,
      });
      return reservation.granted ? { granted: true } : reservation;
    },
  };
}

/** The shared clients: `clientFor(iysCode)` makes an account's client once, on first use. */
export function sharedIysClients(options: {
  config: () => LoadedConfig;
  store: TokenRows;
  /** Token requests per account per rolling hour (env `IYS_TOKEN_BUDGET_PER_HOUR`). */
  tokenBudget?: number;
  baseUrl: string;
  fetch?: FetchLike;
  rateLimiter?: RateLimiter;
  now?: () => Date;
}): (iysCode: number) => IysClient {
  const clients = new Map<number, { client: IysClient; credentials: unknown }>();
  return (iysCode) => {
    const credentials = options.config().iysAccounts.get(iysCode);
    if (!credentials) throw new RangeError(`no İYS account ${iysCode} in the config`);
    const known = clients.get(iysCode);
    // A reload that changed the account's credentials gets a client of its own.
    if (known && known.credentials === credentials) return known.client;
    const client = createIysClient({
      baseUrl: options.baseUrl,
      username: credentials.username,
      password: credentials.password,
      iysCode,
      tokenStore: storedTokens(options.store, iysCode, options.now, options.tokenBudget),
      ...(options.now ? { now: () => options.now!().getTime() } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    });
    clients.set(iysCode, { client, credentials });
    return client;
  };
}

/**
 * The İYS client of each account a worker uses: the shared ones when given, else one of its own
 * per account (tokens in memory; a worker run alone, as in tests). Undefined for an account the
 * config has no credentials for.
 */
export function workerIysClients(
  options: Omit<IysWorkerOptions, 'logger'> & {
    /** Each account's rate limiter (default: the client's own). */
    rateLimiter?: (iysCode: number) => RateLimiter | undefined;
  },
): (iysCode: number) => IysClient | undefined {
  const own = new Map<number, IysClient>();
  return (iysCode) => {
    const credentials = options.config.iysAccounts.get(iysCode);
    if (!credentials) return undefined;
    if (options.clients) return options.clients(iysCode);
    let client = own.get(iysCode);
    if (!client) {
      const limiter = options.rateLimiter?.(iysCode);
      const now = options.now;
      client = createIysClient({
        baseUrl: options.baseUrl,
        username: credentials.username,
        password: credentials.password,
        iysCode,
        ...(now ? { now: () => now().getTime() } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(limiter ? { rateLimiter: limiter } : {}),
      });
      own.set(iysCode, client);
    }
    return client;
  };
}

/**
 * `workerIysClients` for a worker that reads days by its own clock (sync, reconciliation): the
 * clients keep the real clock for tokens, whatever clock the worker is given.
 */
export function realClockIysClients(
  options: IysWorkerOptions,
): (iysCode: number) => IysClient | undefined {
  const { config, baseUrl, clients, fetch } = options;
  return workerIysClients({
    config,
    baseUrl,
    ...(clients ? { clients } : {}),
    ...(fetch ? { fetch } : {}),
  });
}
