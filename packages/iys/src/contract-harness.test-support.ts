// Test support for the contract suite: an İYS simulator served on a real port for one `describe`,
// clients and raw requests that reach it through the global `fetch`. Not exported from the package.
import { afterAll, beforeAll } from 'vitest';
import { createIysSim, DEMO_ACCOUNT, type IysSimOptions, type ServedSim } from '@izinli/iys-sim';
import { serveIysSim } from '@izinli/iys-sim';
import type { IysConsentInput } from './consent-request.js';
import { createIysClient } from './iys-client.js';
import type { IysClientOptions } from './iys-client-api.js';
import { createTokenBucket } from './rate-limiter.js';
import { SIM_START, seeded } from './sim-harness.test-support.js';

/** What a raw request got back: the HTTP status and the parsed JSON body (undefined if none). */
export interface RawAnswer {
  status: number;
  body: unknown;
}

/** Options of one raw request: `body` is sent as JSON unless it is already a string. */
export interface RawInit {
  method?: string;
  body?: unknown;
  /** Bearer token; `true` fetches one with the password grant first. */
  token?: string | true;
  /** Skip the shared pacer (a deliberate burst). */
  unpaced?: boolean;
}

/**
 * Serves a fresh simulator (clock frozen at SIM_START, moved only by `advance`) for the enclosing
 * `describe`: started in `beforeAll`, closed in `afterAll`. Clients and raw requests share one
 * pacer that "sleeps" by advancing the simulated clock, so sequential calls never hit H124.
 */
export function servedSim(options: IysSimOptions = {}) {
  const realNow = Date.parse(SIM_START);
  const sim = createIysSim({
    clock: { now: () => realNow, start: SIM_START },
    random: seeded(11),
    ...options,
  });
  let served: ServedSim | undefined;
  beforeAll(async () => {
    served = await serveIysSim(sim, { port: 0 });
  });
  afterAll(async () => {
    await served?.close();
  });

  const url = (): string => {
    if (!served) throw new Error('servedSim: used before beforeAll ran');
    return served.url;
  };
  const now = () => sim.clock.nowMs();
  const pacer = createTokenBucket({
    now,
    sleep: (ms) => {
      sim.advance(ms);
      return Promise.resolve();
    },
  });

  /** A client of the demo account over HTTP with the real global fetch. */
  const client = (overrides: Partial<IysClientOptions> = {}) =>
    createIysClient({
      baseUrl: url(),
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
      iysCode: DEMO_ACCOUNT.iysCode,
      now,
      rateLimiter: pacer,
      ...overrides,
    });

  /** A password-grant token response, as İYS sends it. */
  const passwordGrant = () =>
    raw('/oauth2/token', {
      method: 'POST',
      body: {
        grant_type: 'password',
        username: DEMO_ACCOUNT.username,
        password: DEMO_ACCOUNT.password,
      },
    });

  /** An access token for raw requests. */
  const accessToken = async (): Promise<string> => {
    const answer = await passwordGrant();
    const token = (answer.body as { access_token?: unknown } | undefined)?.access_token;
    if (answer.status !== 200 || typeof token !== 'string')
      throw new Error(`token request failed: ${answer.status}`);
    return token;
  };

  /** One request to an İYS path, bypassing the client: what İYS itself answers. */
  async function raw(path: string, init: RawInit = {}): Promise<RawAnswer> {
    const token = init.token === true ? await accessToken() : init.token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    if (!init.unpaced) await pacer.acquire();
    const response = await fetch(url() + path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  /** The simulator's own control API (`/__sim/...`), never rate-limited. */
  async function control(path: string, body?: unknown, method?: string): Promise<RawAnswer> {
    const response = await fetch(`${url()}/__sim${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  /** `/sps/{iysCode}/brands/{brandCode}` + rest, for raw requests. */
  const brandPath = (rest: string, brandCode: number = DEMO_ACCOUNT.iysCode, version = '') =>
    `${version}/sps/${DEMO_ACCOUNT.iysCode}/brands/${brandCode}${rest}`;

  let serial = 0;
  /** A fresh Turkish mobile number per use, so no two tests share a consent key. */
  const phone = () => `+9053220${String(++serial).padStart(5, '0')}`;

  /** An ONAY by SMS from the web for a fresh number, dated now on the simulator; `over` changes it. */
  const onay = (over: Partial<IysConsentInput> = {}): IysConsentInput =>
    ({
      recipient: phone(),
      type: 'MESAJ',
      source: 'HS_WEB',
      status: 'ONAY',
      consentDate: sim.now(),
      ...over,
    }) as IysConsentInput;

  return {
    sim,
    url,
    now,
    client,
    raw,
    control,
    accessToken,
    passwordGrant,
    brandPath,
    phone,
    onay,
  };
}

/** İYS's error codes in a raw answer body, in order. */
export function codesOf(answer: RawAnswer): string[] {
  const errors = (answer.body as { errors?: { code?: string }[] } | undefined)?.errors ?? [];
  return errors.map((e) => e.code ?? '');
}
