// Delivery to İYS across real server processes: the simulator served over HTTP from the test
// process (real clock, İYS's real limits), captures that make movements (ONAY, then RET for some),
// reads of the servers' outbox through the admin API, and the exactly-once check against the
// simulator's movement log.
import { randomUUID } from 'node:crypto';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim, SimMovementEntry } from '@izinli/iys-sim';
import { expect } from 'vitest';
import { adminGet, captureBody, postCapture, sleep } from './captures.test-support.js';
import { makeDataDir, startServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

/** A movement of a server's outbox, as the admin API lists it. */
export interface OutboxMovement {
  id: string;
  recipient: string;
  type: string;
  status: string;
  consentDate: string;
  state: string;
  transactionId?: string;
  lastError?: { code: string; message: string };
}

/** The simulator on a free port, on the real clock, with İYS's limits (10 requests/s per IP). */
export async function startSim(): Promise<{ sim: IysSim; served: ServedSim }> {
  const sim = createIysSim();
  return { sim, served: await serveIysSim(sim, { port: 0 }) };
}

/**
 * The server environment that delivers to `simUrl` at once, by single add only (a batch is first
 * polled 305 s after it is sent, too long for these tests), and hardly ever pulls.
 */
export const deliveryEnv = (simUrl: string): Record<string, string> => ({
  IYS_BASE_URL: simUrl,
  DELIVERY_INTERVAL_MS: '100',
  DELIVERY_BATCH_THRESHOLD: '0',
  SYNC_INTERVAL_SECONDS: '3600',
});

/**
 * The simulator and two server processes delivering to it from the database at `databaseUrl`
 * (`env` added to both environments), pushed onto `running` so the suite stops them; the caller
 * closes `served` (here, if a server fails to start).
 */
export async function simAndTwoDeliverers(
  databaseUrl: string,
  running: ServerProcess[],
  env: Record<string, string> = {},
): Promise<{ sim: IysSim; served: ServedSim; servers: ServerProcess[] }> {
  const { sim, served } = await startSim();
  const { dataDir, configFile } = makeDataDir();
  const serverEnv = {
    DATA_DIR: dataDir,
    IZINLI_CONFIG: configFile,
    DATABASE_URL: databaseUrl,
    ...deliveryEnv(served.url),
    ...env,
  };
  try {
    const servers = await Promise.all([
      startServerProcess(serverEnv),
      startServerProcess(serverEnv),
    ]);
    running.push(...servers);
    return { sim, served, servers };
  } catch (error) {
    await served.close();
    throw error;
  }
}

/** The recipient (E.164) of `captureBody(i)`. */
export const phoneOf = (i: number): string => `+90532${String(1000000 + i).slice(-7)}`;

/**
 * A capture of person `i` that unticks MESAJ (a RET of the ONAY before) and ticks ARAMA (a new
 * ONAY for odd `i`; for even `i` an ONAY İYS already holds, so settled without being sent).
 */
export const followUpBody = (i: number) => ({
  ...captureBody(i),
  id: randomUUID(),
  channels: { MESAJ: false, ARAMA: true },
});

/**
 * Person 0..people-1's first captures in waves of `wave`, then a last wave of the first
 * `followUps` people's follow-ups (seconds later, so a later consentDate).
 */
export function captureWaves(people: number, wave: number, followUps: number) {
  const bodies = Array.from({ length: people }, (_, i) => captureBody(i));
  const waves: { id: string }[][] = Array.from({ length: Math.ceil(people / wave) }, (_, w) =>
    bodies.slice(w * wave, (w + 1) * wave),
  );
  waves.push(Array.from({ length: followUps }, (_, i) => followUpBody(i)));
  return waves;
}

/** Posts `bodies` to `url(i)`, `workers` at once; returns the ids answered 2xx. */
export async function postAll(
  bodies: readonly { id: string }[],
  url: (i: number) => string,
  workers = 8,
): Promise<string[]> {
  const acknowledged: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const response = await postCapture(url(i), bodies[i]!);
        const text = await response.text();
        if (!response.ok) throw new Error(`capture ${i}: ${response.status} ${text}`);
        acknowledged.push(bodies[i]!.id);
      }
    }),
  );
  return acknowledged;
}

/** Every movement of the server's outbox (up to 1000). */
export async function outbox(baseUrl: string): Promise<OutboxMovement[]> {
  const response = await adminGet(baseUrl, '/v1/admin/movements?limit=1000');
  if (!response.ok) throw new Error(`movements: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: OutboxMovement[] }).items;
}

/** Waits (up to `ms`) until at most `open` movements are pending or in flight; returns the outbox. */
export async function settled(
  baseUrl: () => string,
  ms: number,
  open = 0,
): Promise<OutboxMovement[]> {
  const until = Date.now() + ms;
  for (;;) {
    const rows = await outbox(baseUrl());
    const left = rows.filter((m) => m.state === 'pending' || m.state === 'in-flight');
    if (left.length <= open || Date.now() > until) return rows;
    await sleep(100);
  }
}

/** The simulator's log of movements the servers sent (source HS). */
export async function simMovements(served: ServedSim): Promise<SimMovementEntry[]> {
  return (await (
    await fetch(`${served.url}/__sim/movements?source=HS`)
  ).json()) as SimMovementEntry[];
}

/**
 * Exactly once: every outbox movement delivered (or settled as already current, never sent),
 * none dead or open; each delivered one on İYS's log once, with its transactionId; nothing on
 * the log that the outbox does not hold; each key's movements in consentDate order.
 */
export function expectExactlyOnce(
  rows: readonly OutboxMovement[],
  onIys: readonly SimMovementEntry[],
) {
  const key = (m: { recipient: string; type: string; consentDate: string }) =>
    `${m.recipient}|${m.type}|${m.consentDate}`;
  const states = rows.reduce<Record<string, number>>(
    (n, m) => ({ ...n, [m.state]: (n[m.state] ?? 0) + 1 }),
    {},
  );
  expect(Object.keys(states).sort(), JSON.stringify(states)).toEqual(
    Object.keys(states)
      .filter((s) => s === 'delivered' || s === 'already-current')
      .sort(),
  );
  const seen = new Map<string, SimMovementEntry[]>();
  for (const s of onIys) seen.set(key(s), [...(seen.get(key(s)) ?? []), s]);
  const twice = [...seen.values()].filter((list) => list.length > 1);
  expect(twice, 'a movement reached İYS twice').toEqual([]);
  const delivered = rows.filter((m) => m.state === 'delivered');
  for (const m of delivered) {
    expect(seen.get(key(m)), m.id).toEqual([
      expect.objectContaining({ status: m.status, transactionId: m.transactionId }),
    ]);
  }
  for (const m of rows.filter((r) => r.state === 'already-current')) {
    expect(seen.has(key(m)), `${m.id} was settled, not sent`).toBe(false);
  }
  expect(onIys).toHaveLength(delivered.length);
  const byKey = new Map<string, string[]>();
  for (const s of onIys) {
    const k = `${s.recipient}|${s.type}`;
    byKey.set(k, [...(byKey.get(k) ?? []), s.consentDate]);
  }
  for (const dates of byKey.values()) expect(dates).toEqual([...dates].sort());
}

/** Each acknowledged capture's ONAY of MESAJ (person `i`) is on İYS, and each follow-up's RET. */
function expectCapturesOnIys(
  onIys: readonly SimMovementEntry[],
  people: number,
  followUps: number,
) {
  for (let i = 0; i < people; i += 1) {
    const mesaj = onIys.filter((s) => s.recipient === phoneOf(i) && s.type === 'MESAJ');
    expect(
      mesaj.map((s) => s.status),
      phoneOf(i),
    ).toEqual(i < followUps ? ['ONAY', 'RET'] : ['ONAY']);
    const arama = onIys.filter((s) => s.recipient === phoneOf(i) && s.type === 'ARAMA');
    expect(arama.map((s) => s.status)).toEqual(i % 2 === 0 || i < followUps ? ['ONAY'] : []);
  }
}

/**
 * The end state of `captureWaves(people, …, followUps)` delivered, `rows` the settled outbox:
 * every movement on İYS exactly once, all captures' and follow-ups' movements there, and only
 * those İYS did not already hold. Returns the simulator's log.
 */
export async function expectWavesDelivered(
  rows: readonly OutboxMovement[],
  served: ServedSim,
  people: number,
  followUps: number,
): Promise<SimMovementEntry[]> {
  // The first ONAY of MESAJ for everyone and of ARAMA for every second, then a RET and an ARAMA
  // ONAY per follow-up.
  expect(rows).toHaveLength(people + people / 2 + followUps * 2);
  const onIys = await simMovements(served);
  expectExactlyOnce(rows, onIys);
  expectCapturesOnIys(onIys, people, followUps);
  // Sent: all but the even follow-ups' ARAMA ONAY, which İYS already held.
  expect(onIys).toHaveLength(people + people / 2 + followUps + followUps / 2);
  return onIys;
}
