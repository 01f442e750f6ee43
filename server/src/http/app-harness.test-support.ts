// An in-process server for tests: a real SQLite file, a real key ring, the example config.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentNotice } from '@izinli/core';
import type { CaptureInput, ServerConfigInput } from '@izinli/core';
import {
  EXAMPLE_ADMIN_TOKEN,
  EXAMPLE_SITE_KEY,
  exampleServerConfig,
  exampleSiteConfig,
} from '@izinli/core/fixtures';
import { pino } from 'pino';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Logger } from 'pino';
import { deadlinesWithWarning } from '../calendar/server-calendar.js';
import { GroupCommitter } from '../capture/group-commit.js';
import { checkServerConfig } from '../config/load-config.js';
import { checkpointSites } from '../proof/checkpointer.js';
import { loadKeyRing, signCheckpoint, signReceipt } from '../proof/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createApp } from './app.js';
import { composeVerification } from '../verification/compose-verification.js';
import { createMailer } from '../verification/mailer.js';
import type { AppDeps, AppLimits } from './app-deps.js';
import { createMetrics, observeCommit } from './metrics.js';

export const ORIGIN = 'https://www.ornekkitabevi.com.tr';

/** The second tenant of tests that prove tenants never see each other: its token and site. */
export const OTHER_TOKEN = 'baska-kiracinin-anahtari-0002';
export const OTHER_SITE = 'baska-magaza-demo-0002';

/** The example config with a second tenant (`OTHER_TOKEN`, one site `OTHER_SITE`) beside it. */
export const TWO_TENANTS: ServerConfigInput = {
  ...exampleServerConfig,
  tenants: [
    ...exampleServerConfig.tenants,
    {
      id: 'baska-magaza',
      name: 'Başka Mağaza',
      adminTokens: [
        { label: 'ops', sha256: createHash('sha256').update(OTHER_TOKEN).digest('hex') },
      ],
      sites: [{ ...exampleServerConfig.tenants[0]!.sites[0]!, siteKey: OTHER_SITE, name: 'Başka' }],
    },
  ],
};

export interface HarnessOptions {
  limits?: Partial<AppLimits>;
  now?: () => Date;
  /** Where the app and the group commit log (default: silent). */
  logger?: Logger;
  ip?: string;
  config?: ServerConfigInput;
  /** Environment variables the config names besides IYS_PASSWORD (e.g. webhook secrets). */
  env?: Record<string, string>;
  /** Parts of the app's dependencies to replace (`signToken: undefined`, a `consoleDir`…). */
  deps?: Partial<AppDeps>;
}

/** Builds the app over a fresh data directory; `close()` removes it. */
export async function makeHarness(options: HarnessOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-app-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  await store.migrate();
  const ring = await loadKeyRing({ dataDir: dir });
  const loaded = await checkServerConfig(options.config ?? exampleServerConfig, {
    IYS_PASSWORD: 'demo',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(`example config invalid: ${JSON.stringify(loaded.error)}`);
  const metrics = createMetrics(store);
  const logger = options.logger ?? pino({ level: 'silent' });
  const batches: number[] = [];
  const committer = new GroupCommitter({
    store,
    signReceipt: (record, canonical) => signReceipt(ring, record, canonical),
    newId: randomUUID,
    deadlineFor: deadlinesWithWarning(loaded.value.calendars.conservative, logger),
    onCommit: (size, seconds) => {
      batches.push(size);
      observeCommit(metrics, size, seconds);
    },
  });
  let ip = options.ip ?? '203.0.113.45';
  const smtpUrl = options.env?.SMTP_URL;
  const mailer = smtpUrl
    ? createMailer({
        url: smtpUrl,
        from: options.env?.SMTP_FROM ?? 'izin@example.com',
        timeoutMs: 5000,
      })
    : undefined;
  const now = options.now ?? (() => new Date());
  const verification = composeVerification({
    store,
    site: (siteKey) => loaded.value.sites.get(siteKey)?.site,
    mailer,
    publicUrl: () => 'https://izin.example.com',
    releaseDeps: () => ({ committer, store, sites: loaded.value.sites, now }),
    newId: randomUUID,
    now,
    logger,
    intervalMs: 1000,
  });
  const app = createApp({
    config: loaded.value,
    store,
    committer,
    jwks: () => ring.jwks(),
    signToken: (payload, typ) => ring.sign(payload, typ),
    metrics,
    logger,
    clientIp: () => ip,
    verification: verification.flow,
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...options.deps,
  });
  return {
    app,
    store,
    config: loaded.value,
    ring,
    dir,
    batches,
    metrics,
    /** The verification pass, run by hand (`runOnce`). */
    verificationWorker: verification.worker,
    setIp(next: string) {
      ip = next;
    },
    async close() {
      mailer?.close();
      await committer.idle();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/**
 * A fresh harness for each test of the file, handed to `use` before the test and closed after it;
 * `options` may be a function, called before each test (to reset a clock the harness reads).
 */
export function harnessPerTest(
  use: (harness: Harness) => void,
  options: HarnessOptions | (() => HarnessOptions) = {},
) {
  let current: Harness | undefined;
  const open = async (chosen: HarnessOptions) => {
    current = await makeHarness(chosen);
    use(current);
  };
  beforeEach(() => open(typeof options === 'function' ? options() : options));
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    /** Closes this test's harness and opens one with `next` instead (closed after the test). */
    async replace(next: HarnessOptions): Promise<void> {
      await current?.close();
      await open(next);
    },
  };
}

/** A harness holding `count` valid captures (each answered 201), every site checkpointed after. */
export async function checkpointedHarness(count: number, options: HarnessOptions = {}) {
  const h = await makeHarness(options);
  const receipts: { captureId: string; receipt: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await postCapture(h.app, validCapture());
    expect(response.status).toBe(201);
    receipts.push((await response.json()) as { captureId: string; receipt: string });
  }
  await checkpointSites({ store: h.store, sign: (head) => signCheckpoint(h.ring, head) });
  return { h, receipts };
}

const shown = (id: string, locale: 'tr' | 'en' = 'tr') => {
  const notice = currentNotice(exampleSiteConfig, id, locale)!;
  return { id, version: notice.version, sha256: notice.sha256 };
};

/** A valid capture of the example site, every text shown, MESAJ and EPOSTA ticked. */
export function validCapture(overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    id: randomUUID(),
    siteKey: EXAMPLE_SITE_KEY,
    locale: 'tr',
    person: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'Ayse@Ornek.com.tr' },
    channels: { MESAJ: true, ARAMA: false, EPOSTA: true },
    purposes: { 'kitap-onerileri': true, 'yurt-disi-eposta-hizmeti': false },
    notices: [
      shown('kvkk-aydinlatma'),
      shown('etk-onay'),
      shown('riza-pazarlama-analizi'),
      shown('riza-yurt-disi-aktarim'),
    ],
    widgetVersion: '1.0.0',
    pageUrl: 'https://www.ornekkitabevi.com.tr/uye-ol?ref=kampanya#form',
    ...overrides,
  };
}

/** POSTs a capture (any body) as the widget would. */
export function postCapture(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request('/v1/captures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** A server over HTTP at `base`, seen as the harness's app is, for the helpers written for it. */
export function overHttp(base: string) {
  return { request: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init) };
}

/** POSTs a capture (any body) to a server over HTTP at `base`, as the widget would. */
export function postCaptureTo(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return postCapture(overHttp(base), body, headers);
}

/** POSTs `body` as JSON to an admin route, as the example tenant. */
export function postAdmin(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    }),
  );
}
