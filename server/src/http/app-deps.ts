import type { LogVerifyJobs } from '../proof/log-verify-jobs.js';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import type { Context } from 'hono';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import type { BrandSyncReport } from '../sync/sync-worker.js';
import type { ServerMetrics } from './metrics.js';
import type { OriginRefusals } from './origin-refusals.js';
import type { WidgetBundle } from '../widget/bundle.js';
import type { VerificationFlowDeps } from '../verification/verification-flow.js';

/** Who may read /metrics on the app's port: anyone, a bearer of the token, or no one. */
export type MetricsAccess =
  { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'elsewhere' };

/** Everything `createApp` needs, injected so tests run the app in-process with `app.request()`. */
export interface AppDeps {
  config: LoadedConfig;
  store: Store;
  committer: GroupCommitter;
  /** The public keys receipts and checkpoints verify with (current and retired). */
  jwks(): JSONWebKeySet;
  /**
   * Signs a JSON payload as a compact JWS of type `typ` with the server's key (KeyRing.sign):
   * withdrawal links. Without it, `POST /v1/admin/withdrawal-links` answers 503.
   */
  signToken?(payload: unknown, typ: string): Promise<string>;
  /** The server's public base URL (`PUBLIC_URL`) for links it hands out; else the request's origin. */
  publicUrl?: string;
  metrics: ServerMetrics;
  logger: Logger;
  /** Who may read /metrics on this port (default: anyone; env METRICS_TOKEN, METRICS_PORT). */
  metricsAccess?: MetricsAccess;
  /** One info log line per request (default true; env `ACCESS_LOG=off` turns it off). */
  accessLog?: boolean;
  now?: () => Date;
  /** The requester's IP (`clientIpResolver`); by default the socket's peer address. */
  clientIp?: (c: Context) => string | undefined;
  limits?: Partial<AppLimits>;
  /** The server's version, for /healthz. */
  version?: string;
  /**
   * Answers requests that no route of the server matched (an embedder's own pages, such as the
   * demo's); `undefined` falls through to the usual 404. The server's routes always win.
   */
  fallback?: FallbackHandler;
  /** The built admin console served at /admin (default: @izinli/admin's dist/, if installed). */
  consoleDir?: string;
  /**
   * The widget bundle served at /izinli.js and /widget/<version>/ (default: the installed
   * @izinli/widget's dist/, read once at start; `null` serves none).
   */
  widget?: WidgetBundle | null;
  /** Where refused origins are counted (default: one for this app, on its metrics and logger). */
  originRefusals?: OriginRefusals;
  /** The console's log verifications of this process (default: one for this app). */
  logVerifyJobs?: LogVerifyJobs;
  /**
   * The verification flow (docs/verification.md): without it, /v1/verifications is not served and
   * held channels wait for the background pass alone.
   */
  verification?: VerificationFlowDeps;
  /** Asks the verification pass to run now (a link to send); it also runs on its interval. */
  kickVerifications?: () => void;
  /** When this instance last ran the İYS sync pass and what it did (GET /v1/admin/sync). */
  lastSync?: () => { at: string; brands: BrandSyncReport[] } | undefined;
}

/**
 * `AppDeps` with `store` narrowed to the ports (store/ports/*.ts) a route uses: a route names
 * what it reads and writes, and the whole `Store` still satisfies it.
 */
export type DepsWith<S> = Omit<AppDeps, 'store'> & { store: S };

/** A plain fetch-style handler for requests the server has no route for. */
export type FallbackHandler = (
  request: Request,
) => Response | undefined | Promise<Response | undefined>;

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
