// Seeds a running demo for the admin console's e2e test with real captures: POSTed to the
// server's capture API exactly as the widget sends them (the site's notices and hashes from its
// widget config), delivered to the İYS simulator by the server's own worker.
import { randomUUID } from 'node:crypto';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { eventually } from './browser.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';

export const ADMIN_HEADERS = { authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

export async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The admin API of the demo's server. */
export const adminApi = <T>(demo: DemoProcess, path: string, init: RequestInit = {}) =>
  json<T>(`${demo.server}${path}`, { ...init, headers: { ...ADMIN_HEADERS, ...init.headers } });

export interface Person {
  fullName: string;
  phone?: string;
  email?: string;
}

type WidgetConfig = { notices: { id: string; version: number; sha256: string }[] };
const configs = new Map<string, Promise<WidgetConfig>>();

/** The site's widget config (its notices' versions and hashes), fetched once per server. */
function widgetConfig(demo: DemoProcess): Promise<WidgetConfig> {
  let config = configs.get(demo.server);
  if (!config) {
    config = json<WidgetConfig>(`${demo.server}/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=tr`);
    configs.set(demo.server, config);
  }
  return config;
}

/** One capture as the widget POSTs it, from the demo page's origin; its capture id. */
export async function postCapture(
  demo: DemoProcess,
  person: Person,
  ticked: { MESAJ?: boolean; ARAMA?: boolean; EPOSTA?: boolean },
): Promise<string> {
  const config = await widgetConfig(demo);
  const id = randomUUID();
  const answer = await json<{ captureId: string }>(`${demo.server}/v1/captures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.pages },
    body: JSON.stringify({
      id,
      siteKey: EXAMPLE_SITE_KEY,
      locale: 'tr',
      person,
      channels: { MESAJ: false, ARAMA: false, EPOSTA: false, ...ticked },
      purposes: { 'kitap-onerileri': false, 'yurt-disi-eposta-hizmeti': false },
      notices: config.notices.map(({ id: noticeId, version, sha256 }) => ({
        id: noticeId,
        version,
        sha256,
      })),
      widgetVersion: '1.0.0',
      pageUrl: `${demo.pages}/`,
    }),
  });
  return answer.captureId;
}

export interface Stats {
  byState: Record<string, number>;
  nearDeadline: number;
  oldestPending?: string;
}

/** Waits until the outbox has nothing pending or in flight. */
export function settled(demo: DemoProcess): Promise<Stats> {
  return eventually('the outbox to settle', async () => {
    const stats = await adminApi<Stats>(demo, '/v1/admin/movements/stats');
    return stats.byState.pending === 0 && stats.byState['in-flight'] === 0 ? stats : undefined;
  });
}

/** A consent the İYS simulator holds. */
export interface SimConsent {
  type: string;
  recipient: string;
  status: string;
  source: string;
  consentDate: string;
}

/** The consents the demo's İYS simulator holds for `recipient`. */
export const simConsents = (demo: DemoProcess, recipient: string) =>
  json<SimConsent[]>(`${demo.iys}/__sim/consents?${new URLSearchParams({ recipient })}`);

/** Moves the simulator's clock (İYS's "now"): `advanceMs` forward or `set` to an instant. */
export function simClock(demo: DemoProcess, body: { advanceMs?: number; set?: string }) {
  return json(`${demo.iys}/__sim/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface DeadMovement {
  id: string;
  recipient: string;
  state: string;
  lastError?: { code: string; message: string };
}

/**
 * A dead letter made the way it happens in life: İYS's clock is ahead by ten days, so a capture
 * taken now is older than three business days there and İYS refuses it with H467. The
 * simulator's clock is then put right, so a retry succeeds. The outbox is settled first, so
 * nothing else is sent while the clocks disagree.
 */
export async function makeDeadLetter(demo: DemoProcess, email: string): Promise<DeadMovement> {
  await settled(demo);
  await simClock(demo, { advanceMs: 10 * 86_400_000 });
  try {
    await postCapture(demo, { fullName: 'Saat Kayması', email }, { EPOSTA: true });
    return await eventually('İYS to refuse the capture with H467', async () => {
      const { items } = await adminApi<{ items: DeadMovement[] }>(
        demo,
        '/v1/admin/movements?state=dead',
      );
      return items.find((m) => m.recipient === email);
    });
  } finally {
    await simClock(demo, { set: new Date().toISOString() });
  }
}
