// PostgreSQL frozen mid-load: a database host that hangs, or a network partition, keeps
// TCP open but never answers, which the restart test (postgres-restart.test.ts) does not cover: a
// refused connection fails at once, a silent one would wait forever. The cluster is the test's own
// (private-postgres.test-support.ts); `freeze()` SIGSTOPs its postmaster and every backend. A real
// izinli server process with short bounds (DATABASE_CONNECT_TIMEOUT_MS 1 s,
// DATABASE_QUERY_TIMEOUT_MS 2 s) takes captures from 4 clients and leads İYS traffic to the
// simulator while the cluster is frozen for 5 s: every request is answered 503 JSON within a bound
// (none hangs), the process stays alive, its İYS leader steps down, and after `thaw()` captures are
// accepted and it leads again without a restart. Afterwards every acknowledged capture is stored
// once, the refused ones replayed by their client are stored once, and the exported log verifies.
import type { ServedSim } from '@izinli/iys-sim';
import { expect, it } from 'vitest';
import * as fault from './postgres-outcome.test-support.js';
import { captureBody, postCaptureAnswer, sleep, waitFor } from './captures.test-support.js';
import type { CaptureAnswer } from './captures.test-support.js';
import { deliveryEnv, startSim } from './delivery.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const WORKERS = 4;
const CONNECT_TIMEOUT_MS = 1_000;
const QUERY_TIMEOUT_MS = 2_000;
/**
 * The longest a capture may wait for its answer while the database is silent. Captures commit one
 * transaction at a time (group commit), so a capture waits for the transaction ahead of it and
 * for its own; each fails within the query timeout (a pooled connection that never answers) or
 * the connect timeout (a new one, or a full pool); the rest is slack for a busy machine.
 */
const ANSWER_BOUND_MS = 2 * QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 2_000;
/** A request not answered by then is a hang (the client gives up, and the test fails). */
const HANG_MS = 30_000;
/**
 * Captures acknowledged before the freeze, and again after the thaw (few: each makes movements
 * the leader sends to the simulator at İYS's pace, and stopping the server waits for its pass).
 */
const BETWEEN = 20;
/** A small load: each client pauses this long after every answer (longer after a refusal). */
const PAUSE_MS = 50;
/** How long the cluster stays frozen at least. */
const FREEZE_MS = 5_000;
/** Captures sent and refused while frozen, at least, before it is thawed (one group commit fails
 * every waiting client's capture together, so this is two rounds of refusals). */
const REFUSED_WHILE_FROZEN = 2 * WORKERS;

type Body = ReturnType<typeof captureBody>;
type Answer = CaptureAnswer;
interface Sent {
  body: Body;
  sentAt: number;
  answeredAt: number;
  answer: Answer;
}

/** Posts one capture; gives up after HANG_MS. */
const post = (baseUrl: string, body: Body) => postCaptureAnswer(baseUrl, body, HANG_MS);

/** The server's log lines with message `msg`, parsed. */
const logged = (server: ServerProcess, msg: string) =>
  server.logs
    .map((line) => {
      try {
        return JSON.parse(line) as { msg?: string; reason?: string; err?: { message?: string } };
      } catch {
        return {};
      }
    })
    .filter((entry) => entry.msg === msg);

const LEADS = 'İYS leader: this instance sends to İYS';
const STEPS_DOWN = 'İYS leader: this instance stopped sending to İYS';

let served: ServedSim | undefined;

fault.describeOnPrivatePostgres(
  'PostgreSQL frozen mid-load',
  { freeze: true, afterServer: async () => served?.close() },
  (suite) => {
    it('A13: while PostgreSQL answers nothing, every capture is refused with 503 JSON within the bound, the process lives, the İYS leader steps down; after the thaw captures are accepted, none lost or stored twice, the log verifies', async () => {
      const t0 = performance.now();
      const marks: string[] = [];
      const mark = (what: string) => marks.push(`${what} ${Math.round(performance.now() - t0)}`);
      served = (await startSim()).served;
      const { server, dataDir } = await suite.startServer({
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
        DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        ...deliveryEnv(served.url),
      });
      const url = server.url;
      await waitFor('the İYS leader', () => logged(server, LEADS).length === 1);
      mark('leading');

      // The load: each client posts new captures until told to stop, pausing after each; longer
      // after a refusal, as a client backing off would.
      const answered: Sent[] = [];
      const noAnswer: string[] = [];
      let sent = 0;
      let stopping = false;
      const worker = async () => {
        while (!stopping) {
          const body = captureBody(sent++);
          const sentAt = performance.now();
          try {
            const answer = await post(url, body);
            answered.push({ body, sentAt, answeredAt: performance.now(), answer });
            await sleep(answer.status === 201 ? PAUSE_MS : 2 * PAUSE_MS);
          } catch (error) {
            noAnswer.push(`${body.id}: ${String(error)}`);
          }
        }
      };
      const acknowledged = () => answered.filter((s) => s.answer.status === 201);
      const workers = Promise.all(Array.from({ length: WORKERS }, worker));

      // Sent once every process was stopped, answered before the thaw began.
      const frozenWindow = { from: Infinity, to: Infinity };
      const whileFrozen = (s: Sent) =>
        s.sentAt >= frozenWindow.from && s.answeredAt <= frozenWindow.to;
      let frozenView: unknown;
      let stepsDownBefore = 0;
      try {
        await waitFor('the first captures', () => acknowledged().length >= BETWEEN);
        mark('first captures');
        stepsDownBefore = logged(server, STEPS_DOWN).length;
        const pids = await suite.cluster().freeze();
        mark('frozen');
        frozenWindow.from = performance.now();
        try {
          // The operator's view: alive, not ready, both answered within the bound.
          frozenView = await fault.operatorView(url, ANSWER_BOUND_MS);
          await waitFor(
            'refusals and the leader stepping down while PostgreSQL is frozen',
            () =>
              performance.now() - frozenWindow.from >= FREEZE_MS &&
              answered.filter(whileFrozen).length >= REFUSED_WHILE_FROZEN &&
              logged(server, STEPS_DOWN).length > stepsDownBefore,
          );
          console.log(`postgres-freeze: froze ${pids.length} PostgreSQL processes`);
        } finally {
          frozenWindow.to = performance.now();
          suite.cluster().thaw();
          mark('thawed');
        }
        // Back without restarting izinli: new captures go in, and it leads İYS traffic again.
        const ackedAtThaw = acknowledged().length;
        await waitFor(
          'captures accepted again after the thaw',
          () => acknowledged().length >= ackedAtThaw + BETWEEN,
        );
        mark('accepting again');
        await waitFor(
          'the İYS leader again after the thaw',
          () => logged(server, LEADS).length >= 2,
        );
        mark('leading again');
        const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(HANG_MS) });
        expect(ready.status).toBe(200);
      } finally {
        stopping = true;
        await workers;
      }

      // Still the same process, and every request had an answer within the bound.
      fault.expectAliveAndAnswered(server, noAnswer);
      const slowestMs = Math.max(...answered.map((s) => s.answeredAt - s.sentAt));
      expect(slowestMs).toBeLessThan(ANSWER_BOUND_MS);
      expect(frozenView).toEqual(fault.DATABASE_OUTAGE_VIEW);
      // While frozen nothing is accepted; every refusal (frozen or not) is the documented 503 JSON.
      const frozenAnswers = answered.filter(whileFrozen);
      expect(frozenAnswers.length).toBeGreaterThanOrEqual(REFUSED_WHILE_FROZEN);
      expect(frozenAnswers.filter((s) => s.answer.status !== 503)).toEqual([]);
      const refused = answered.filter((s) => s.answer.status !== 201);
      fault.expectUnavailableRefusals(refused.map((s) => s.answer));
      // The refusals came from the bounds, not from anything else going wrong.
      const causes = new Map<string, number>();
      for (const entry of logged(server, 'request failed')) {
        const cause = entry.err?.message ?? '?';
        causes.set(cause, (causes.get(cause) ?? 0) + 1);
      }
      expect(causes.get('Query read timeout')).toBeGreaterThan(0);
      // The leader stepped down when its lock check timed out, and took the lock again after.
      const stepsDown = logged(server, STEPS_DOWN).slice(stepsDownBefore);
      expect(stepsDown.map((e) => e.reason)).toContain('lock attempt failed');

      // The clients retry what was refused, with the same id and body: 201 when it was not
      // written, 200 when its COMMIT was on the wire as the query timed out and PostgreSQL ran it
      // on thawing. Never a 409: a refused capture is never stored differently.
      const statuses = await fault.replayRefused(url, refused, WORKERS, HANG_MS);
      const replay = {
        created: statuses.filter((status) => status === 201).length,
        alreadyStored: statuses.filter((status) => status === 200).length,
      };
      const jwksFile = await fault.saveJwksAndStop(server, dataDir);
      mark('replayed and stopped');

      const slowestFrozen = Math.max(...frozenAnswers.map((s) => s.answeredAt - s.sentAt));
      console.log(
        `postgres-freeze: ${sent} captures sent by ${WORKERS} clients: ` +
          `${acknowledged().length} acknowledged, ${refused.length} refused with 503 ` +
          `(${frozenAnswers.length} sent and answered while frozen); refused ones replayed: ` +
          `${replay.created} created, ${replay.alreadyStored} already stored; slowest answer ` +
          `${Math.round(slowestMs)} ms (while frozen ${Math.round(slowestFrozen)} ms, bound ` +
          `${ANSWER_BOUND_MS} ms); causes logged: ${JSON.stringify(Object.fromEntries(causes))}; ` +
          `leader stepped down: ${JSON.stringify(stepsDown.map((e) => e.reason))}; ms since ` +
          `start: ${marks.join(', ')}`,
      );

      await fault.expectStoredOnceAndVerified(suite.cluster().url, dataDir, jwksFile, [
        ...[...acknowledged(), ...refused].map((s) => s.body.id),
      ]);
    }, 120_000);
  },
);
