import { createIysSim } from './app.js';
import type { IysSim } from './app.js';
import { DEMO_ACCOUNT } from './options.js';
import type { IysSimOptions } from './options.js';
import { seededRandom } from './seeded-random.js';

export { seededRandom };

/** A Wednesday with no holiday within two weeks: 2025-10-15 10:00:00 Turkey time. */
export const TEST_START = '2025-10-15T07:00:00.000Z';
export const IYS = DEMO_ACCOUNT.iysCode;
export const BRAND = DEMO_ACCOUNT.brands[0]!.brandCode;
export const BASE = `/sps/${IYS}/brands/${BRAND}`;

/** A simulator whose clock stands still at TEST_START until a test advances it. */
export function testSim(options: IysSimOptions = {}): IysSim {
  return createIysSim({
    random: seededRandom(),
    ...options,
    clock: { now: () => 0, start: TEST_START, ...options.clock },
  });
}

/** Sends a request to the simulator in-process. */
export function call(
  sim: IysSim,
  method: string,
  path: string,
  options: {
    body?: unknown;
    raw?: string;
    token?: string;
    ip?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers['x-sim-client-ip'] = options.ip;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return sim.fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** Logs in with the demo account and returns the access token. */
export async function login(sim: IysSim, ip?: string): Promise<string> {
  const res = await call(sim, 'POST', '/oauth2/token', {
    body: {
      grant_type: 'password',
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    },
    ...(ip ? { ip } : {}),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A valid ONAY for a Turkish mobile, dated `consentDate` (İYS format). */
export function consent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipient: '+905321234567',
    type: 'MESAJ',
    source: 'HS_WEB',
    status: 'ONAY',
    consentDate: '2025-10-15 09:30:00',
    recipientType: 'BIREYSEL',
    ...overrides,
  };
}

/** The `errors` array of an İYS error answer. */
export async function errorsOf(
  res: Response,
): Promise<
  { code: string; message: string; location?: unknown[]; value?: unknown; index?: number }[]
> {
  return ((await res.json()) as { errors: never[] }).errors;
}
