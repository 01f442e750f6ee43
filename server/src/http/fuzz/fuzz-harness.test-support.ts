// The fuzz suite's harness: the in-process app over a real SQLite file with rate limits out of the
// way, a count of every row in the store, and the one check every answer must pass: no 5xx, a
// refusal is the API's JSON error saying what was expected, and a refusal writes nothing.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EXAMPLE_ADMIN_TOKEN, exampleServerConfig } from '@izinli/core/fixtures';
import type { ServerConfigInput } from '@izinli/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { TWO_TENANTS as TWO_TENANTS_BASE, makeHarness } from '../app-harness.test-support.js';
import { hostileJson, mutate, mutation, rawBodies } from './fuzz-inputs.test-support.js';

export const ADMIN = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
export { OTHER_SITE, OTHER_TOKEN } from '../app-harness.test-support.js';
export const PUSH_AUTH = `Basic ${Buffer.from('iys-push:demo').toString('base64')}`;

/** The two tenants of the harness, and İYS push configured. */
export const TWO_TENANTS: ServerConfigInput = {
  ...TWO_TENANTS_BASE,
  iysAccounts: [
    {
      ...exampleServerConfig.iysAccounts![0]!,
      push: { username: 'iys-push', password: { env: 'IYS_PASSWORD' } },
    },
  ],
};

/** The harness the fuzz targets share, and the counters the run prints. */
export async function makeFuzzHarness() {
  const h = await makeHarness({
    config: TWO_TENANTS,
    limits: { perIpPerMinute: 1e9, perSitePerMinute: 1e9 },
  });
  const db = new Database(join(h.dir, 'izinli.sqlite'), { readonly: true, fileMustExist: true });
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  ).map((t) => t.name);
  const counting = db.prepare(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(' + ')} AS n`,
  );
  const counts = { cases: 0, refused: 0, accepted: 0, byTarget: new Map<string, number>() };
  return {
    ...h,
    counts,
    /** Every row of every table (a refusal must leave this unchanged). */
    rows: () => (counting.get() as { n: number }).n,
    async close() {
      db.close();
      await h.close();
    },
  };
}
export type FuzzHarness = Awaited<ReturnType<typeof makeFuzzHarness>>;

/** POSTs `body` as JSON, as the example tenant unless other `headers` are given. */
export const post = (
  h: FuzzHarness,
  path: string,
  body: string,
  headers: Record<string, string> = ADMIN,
) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });

/** What one fuzz case allows beyond a refusal. */
export interface CaseRules {
  /** Statuses a still-valid input may get (a 2xx write must then be checked by `onAccepted`). */
  accept?: readonly number[];
  /** Checks an accepted answer (e.g. that the receipt verifies); rows may change. */
  onAccepted?: (response: Response, body: unknown) => Promise<void> | void;
  /** Whether an accepted answer may write rows (reads never do). */
  writes?: boolean;
  /** The answer may be the withdrawal page's HTML instead of JSON. */
  html?: boolean;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Fails if anything was added to Object.prototype (or Array.prototype). */
export function expectUnpolluted() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

/** Sends one case and checks the answer against the rules every answer keeps (fuzz.test.ts). */
export async function fuzzCase(
  h: FuzzHarness,
  target: string,
  send: () => Response | Promise<Response>,
  rules: CaseRules = {},
): Promise<void> {
  const before = h.rows();
  const response = await send();
  h.counts.cases += 1;
  h.counts.byTarget.set(target, (h.counts.byTarget.get(target) ?? 0) + 1);
  const text = await response.text();
  const where = `${target} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  expectUnpolluted();
  if ((rules.accept ?? []).includes(response.status)) {
    h.counts.accepted += 1;
    const type = response.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') ? JSON.parse(text) : text;
    await rules.onAccepted?.(response, body);
    if (!rules.writes) expect(h.rows(), `${where}: a read wrote rows`).toBe(before);
    return;
  }
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  h.counts.refused += 1;
  expect(h.rows(), `${where}: a refusal wrote rows`).toBe(before);
  const type = response.headers.get('content-type') ?? '';
  if (rules.html && type.startsWith('text/html')) {
    expect(text, where).toContain('<html');
    return;
  }
  expect(type, where).toContain('application/json');
  const body = JSON.parse(text) as {
    error?: { code?: unknown; message?: unknown; issues?: Record<string, unknown>[] };
  };
  expect(typeof body.error?.code, where).toBe('string');
  expect((body.error!.code as string).length, where).toBeGreaterThan(0);
  expect(typeof body.error!.message, where).toBe('string');
  expect((body.error!.message as string).trim().length, where).toBeGreaterThan(0);
  for (const issue of body.error!.issues ?? []) {
    expect(typeof issue.path, where).toBe('string');
    expect(typeof issue.expected === 'string' && issue.expected.length > 0, where).toBe(true);
    expect(typeof issue.received, where).toBe('string');
    expect(typeof issue.message === 'string' && issue.message.length > 0, where).toBe(true);
  }
}

/** Runs `property` `numRuns` times with the suite's seed (printed by fast-check on failure). */
export type Run = <T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  check: (value: T) => Promise<void>,
) => Promise<void>;

/** An endpoint that takes a JSON body, fuzzed by `fuzzJsonBodies`. */
export interface JsonBodyTarget {
  /** What the counts and failures call it (`${name}: raw body`…). */
  name: string;
  /** A fresh valid body, the start of the raw and mutated ones. */
  valid: () => object;
  send: (text: string) => Response | Promise<Response>;
  /** How many raw bodies, hostile JSON values and mutated valid bodies to send. */
  runs: { raw: number; hostile: number; mutated: number };
  /** The most mutations made to one valid body. */
  maxMutations: number;
  /** What a mutated body that is still valid may get. */
  accepted: CaseRules;
}

/** Sends raw bodies, hostile JSON and mutations of a valid body to a JSON endpoint. */
export async function fuzzJsonBodies(h: FuzzHarness, run: Run, t: JsonBodyTarget) {
  await run(
    rawBodies(() => JSON.stringify(t.valid())),
    t.runs.raw,
    (text) => fuzzCase(h, `${t.name}: raw body`, () => t.send(text)),
  );
  await run(hostileJson, t.runs.hostile, (value) =>
    fuzzCase(h, `${t.name}: hostile JSON`, () => t.send(JSON.stringify(value))),
  );
  const mutations = fc.array(mutation, { minLength: 1, maxLength: t.maxMutations });
  await run(mutations, t.runs.mutated, (applied) =>
    fuzzCase(h, `${t.name}: mutated valid`, () => t.send(mutate(t.valid(), applied)), t.accepted),
  );
}
