import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import type { Context } from 'hono';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import type { ServerMetrics } from './metrics.js';

/** Everything `createApp` needs, injected so tests run the app in-process with `app.request()`. */
export interface AppDeps {
  config: LoadedConfig;
  store: Store;
  committer: GroupCommitter;
  /** The public keys receipts and checkpoints verify with (current and retired). */
  jwks(): JSONWebKeySet;
  metrics: ServerMetrics;
  logger: Logger;
  now?: () => Date;
  /** The requester's IP; by default the socket's peer address. */
  clientIp?: (c: Context) => string | undefined;
  limits?: Partial<AppLimits>;
  /** The server's version, for /healthz. */
  version?: string;
}

export interface AppLimits {
  /** Largest capture body accepted, in bytes. */
  bodyBytes: number;
  /** Captures per minute from one IP. */
  perIpPerMinute: number;
  /** Captures per minute for one site. */
  perSitePerMinute: number;
}

export const DEFAULT_LIMITS: AppLimits = {
  bodyBytes: 64 * 1024,
  perIpPerMinute: 120,
  perSitePerMinute: 6000,
};
