// Long because: the session, the example checks and the request builders every case uses.
// Test support for `openapi-conformance.test.ts`: a simulator session that speaks the document's
// paths, the request that draws an error example, and one test per example. Not exported from the
// package.
import { formatIysDate } from '@izinli/core';
import { expect, it } from 'vitest';
import type { IysSim } from './app.js';
import {
  requestExample,
  responseExample,
  responseExampleIds,
  tableMessage,
} from './openapi-examples.test-support.js';
import type { HttpMethod } from './openapi-examples.test-support.js';
import { DEMO_ACCOUNT } from './options.js';
import { shapeDiff } from './shape-diff.test-support.js';
import { seededRandom, testSim } from './sim.test-support.js';

const IYS = DEMO_ACCOUNT.iysCode;
export const BRAND = DEMO_ACCOUNT.brands[0]!.brandCode;
/** An iysCode and brandCode the demo account does not have (403 H353). */
const NOT_OURS = 999999;
/** The retailers the document's examples name, given to the demo brand so they are accepted. */
const EXAMPLE_RETAILERS = [55550127, 58795354, 30143398, 66438915, 71007289];

/** The operations' paths, as the document's `paths` keys spell them. */
export const PATHS = {
  token: '/oauth2/token',
  add: '/sps/{iysCode}/brands/{brandCode}/consents',
  batch: '/sps/{iysCode}/brands/{brandCode}/consents/request',
  batchStatus: '/sps/{iysCode}/brands/{brandCode}/consents/request/{requestId}',
  status: '/sps/{iysCode}/brands/{brandCode}/consents/status',
  changes: '/sps/{iysCode}/brands/{brandCode}/consents/changes',
  subscription: '/sps/{iysCode}/subscription',
  summary: '/sps/{iysCode}/brands/{brandCode}/changes/{reportDate}/recipients/{recipientType}',
  file: '/sps/{iysCode}/brands/{brandCode}/changes/{reportDate}/file',
  agreement: '/sps/{iysCode}/brands/{brandCode}/agreements/{reportDate}',
  timestamp: '/sps/{iysCode}/brands/{brandCode}/agreements/{reportDate}/timestamp',
} as const;

/** Why an example is not drawn by `checkExamples`. */
export const CHECKED_BELOW = 'checked by its own test below';
export const NO_SERVER_FAILURE =
  'not simulated: İYS-internal 500s (faults inject only H015 and H192)';

export type Item = Record<string, unknown>;
export interface ErrorEntry {
  code?: string;
  message?: string;
  index?: number;
  location?: (string | number)[];
  value?: unknown;
  [key: string]: unknown;
}
export interface ErrorBody {
  errors: ErrorEntry[];
}
export interface Answer {
  status: number;
  body: unknown;
}

export interface SendOptions {
  body?: unknown;
  raw?: string;
  form?: Record<string, string>;
  query?: Record<string, string>;
  params?: {
    iysCode?: number;
    brandCode?: number;
    requestId?: string;
    reportDate?: string;
    recipientType?: string;
  };
  /** The session's token unless given; null sends none. */
  token?: string | null;
  /** Wait one simulated second first, as a paced client does (default); false for a burst. */
  paced?: boolean;
}

export interface Session {
  sim: IysSim;
  token: string;
  /** Sends to a path as the document writes it; `{iysCode}`, `{brandCode}`, `{requestId}` filled in. */
  send(method: HttpMethod, path: string, options?: SendOptions): Promise<Answer>;
  /** An İYS date `minutes` before the simulator's now. */
  ago(minutes: number): string;
}

/** A simulator at the test start (a Wednesday, clock still), with a token of the demo account. */
export async function session(): Promise<Session> {
  const [master, ...others] = DEMO_ACCOUNT.brands;
  const sim = testSim({
    accounts: [
      { ...DEMO_ACCOUNT, brands: [{ ...master!, retailers: EXAMPLE_RETAILERS }, ...others] },
    ],
    random: seededRandom(20260225),
  });
  const s: Session = {
    sim,
    token: '',
    async send(method, path, o = {}) {
      if (o.paced !== false) sim.advance(1000);
      const params: Record<string, string | number> = {
        iysCode: IYS,
        brandCode: BRAND,
        requestId: '3e141ad8-cdd5-49f2-a4b9-28ed76bc9677',
        // The day before the session's: complete, inside reconciliation's 7-day window.
        reportDate: '2025-10-14',
        recipientType: 'BIREYSEL',
        ...o.params,
      };
      let url = path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      if (o.query) url += `?${new URLSearchParams(o.query)}`;
      const headers: Record<string, string> = {};
      const token = o.token === undefined ? s.token : o.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body = o.raw;
      if (o.raw !== undefined) headers['content-type'] = 'application/json';
      else if (o.form) {
        body = new URLSearchParams(o.form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const res = await sim.fetch(url, {
        method: method.toUpperCase(),
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
    ago: (minutes) => formatIysDate(new Date(sim.now().getTime() - minutes * 60_000)),
  };
  await logIn(s);
  return s;
}

/** Gives the session a new token of the demo account (password grant). */
export async function logIn(s: Session): Promise<void> {
  const { username, password } = DEMO_ACCOUNT;
  const login = await s.send('post', PATHS.token, {
    body: { grant_type: 'password', username, password },
    token: null,
  });
  s.token = (login.body as { access_token: string }).access_token;
}

/** The add-one request example, dated half an hour ago. */
export function addOne(s: Session): Item {
  const example = requestExample('post', PATHS.add, 'AddOneConsentRequest') as Item;
  return { ...example, consentDate: s.ago(30) };
}

/**
 * Status and shape first (the difference list is the failure message), then, for errors, every
 * value: code, Turkish message, location, value, index.
 */
export function expectLikeExample(
  answer: Answer,
  status: string,
  example: unknown,
  exact: boolean,
  fixes: Fix[] = [],
) {
  const note = fixes.length ? `example fixed: ${fixes.map((f) => f.why).join('; ')}` : undefined;
  expect({ status: answer.status, differences: shapeDiff(answer.body, example) }, note).toEqual({
    status: Number(status),
    differences: [],
  });
  if (exact) expect(answer.body, note).toEqual(example);
}

/** Where an example is wrong by the document's own schema, table or other examples. */
export interface Fix {
  why: string;
  apply(example: ErrorBody): void;
}

/**
 * The example words `code` differently from the HATA KODLARI table; the simulator keeps the
 * table's sentence (core's IYS_ERRORS, generated from it) unless the README's decisions say
 * otherwise.
 */
export function tableWording(code: string, why: string): Fix {
  return {
    why,
    apply(example) {
      for (const error of example.errors)
        if (error.code === code) error.message = tableMessage(code);
    },
  };
}

/** How to draw one response example. */
export interface Case {
  send(s: Session, example: ErrorBody): Promise<Answer>;
  fixes?: Fix[];
}

export interface Operation {
  method: HttpMethod;
  path: string;
  /** The request that succeeds, built from the document's request example. */
  body?: (s: Session) => unknown;
}

export function sendOp(s: Session, op: Operation, options: SendOptions = {}): Promise<Answer> {
  return s.send(op.method, op.path, { ...(op.body ? { body: op.body(s) } : {}), ...options });
}

export const withoutToken = (op: Operation): Case => ({
  send: (s) => sendOp(s, op, { token: null }),
});

export const notOurs = (
  op: Operation,
  param: 'iysCode' | 'brandCode',
  fixes: Fix[] = [],
): Case => ({
  send: (s) => sendOp(s, op, { params: { [param]: NOT_OURS } }),
  fixes,
});

/**
 * Sends the value of the example's first error as the path parameter (`params`) or `query`
 * parameter its location names.
 */
export const echoed = (op: Operation, where: 'params' | 'query', fixes: Fix[] = []): Case => ({
  send(s, example) {
    const { location, value } = example.errors[0]!;
    return sendOp(s, op, { [where]: { [String(location![0])]: String(value) } });
  },
  fixes,
});

/** Eleven requests in one simulated second: İYS takes ten per second per IP. */
export const burst = (op: Operation): Case => ({
  async send(s) {
    let last: Answer | undefined;
    for (let i = 0; i < 11; i++) last = await sendOp(s, op, { paced: i === 0 });
    return last!;
  },
});

/**
 * The body that draws an error example: each error's `location` set to the example's `value`, or
 * removed when the example shows none; in a batch, on item `index` (added, as a copy of the first
 * with another address, when the list is shorter).
 */
export function provoke(body: unknown, errors: ErrorEntry[]): unknown {
  const out = structuredClone(body);
  for (const error of errors) {
    if (!error.location?.length) continue;
    let target = out as Record<string | number, unknown>;
    if (error.index !== undefined) {
      const items = out as Item[];
      while (items.length <= error.index) {
        items.push({ ...items[0], recipient: `ornek@adiniz${items.length + 10}.com` });
      }
      target = items[error.index]!;
    }
    const path = error.location;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if ('value' in error) target[last] = structuredClone(error.value);
    else delete target[last];
  }
  return out;
}

/** Sends the operation's body changed as `provoke` says, then as `adjust` says. */
export function provoked<T>(op: Operation, adjust?: (body: T) => void, fixes: Fix[] = []): Case {
  return {
    send(s, example) {
      const body = provoke(op.body!(s), example.errors) as T;
      adjust?.(body);
      return s.send(op.method, op.path, { body });
    },
    fixes,
  };
}

/** Sends the operation after earlier requests have built the record an error needs. */
export function after(
  op: Operation,
  build: (s: Session) => Item[],
  last: (s: Session) => Item,
): Case {
  return {
    async send(s) {
      for (const body of build(s)) {
        const answer = await s.send(op.method, op.path, { body });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      }
      return s.send(op.method, op.path, { body: last(s) });
    },
  };
}

/**
 * One test per drawable example, and one that every response example of the operation is listed:
 * a string instead of a `Case` says why the example is not drawn here.
 */
export function checkExamples(op: Operation, cases: Record<string, Case | string>) {
  it('lists every response example of the operation, drawn or with the reason it is not', () => {
    expect(Object.keys(cases).sort()).toEqual(responseExampleIds(op.method, op.path).sort());
  });
  for (const [id, c] of Object.entries(cases)) {
    if (typeof c === 'string') continue;
    const [status, name] = [id.slice(0, 3), id.slice(4)];
    it(`answers like the ${status} example "${name}"`, async () => {
      const example = responseExample(op.method, op.path, status, name) as ErrorBody;
      const answer = await c.send(await session(), structuredClone(example));
      for (const fix of c.fixes ?? []) fix.apply(example);
      expectLikeExample(answer, status, example, true, c.fixes);
    });
  }
}
