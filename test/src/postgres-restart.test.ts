// PostgreSQL restarted mid-load. The database server is one of the test's own
// (private-postgres.test-support.ts), so stopping it harms no other test. A real izinli server
// process takes captures from 6 concurrent clients while PostgreSQL is stopped and started again,
// once cleanly (`pg_ctl stop -m fast`) and once as a crash (`-m immediate`: the next start replays
// the WAL). During each outage captures are refused with 503 JSON and /readyz says the database
// is gone; once it is back, captures are accepted again without restarting izinli. Afterwards every
// acknowledged capture is stored once, the refused ones replayed by their client (as the widget
// does) are stored once, nothing else is, and the exported log verifies.
import { expect, it } from 'vitest';
import * as fault from './postgres-outcome.test-support.js';
import { captureBody, postCaptureAnswer, sleep, waitFor } from './captures.test-support.js';
import type { StopMode } from './private-postgres.test-support.js';

const WORKERS = 6;
/** No answer may take longer than this, outage or not. */
const ANSWER_BOUND_MS = 10_000;
/** Captures acknowledged before the first outage, and again after each one. */
const BETWEEN = 100;
/** Refusals the load must meet while PostgreSQL is down, before it is started again. */
const REFUSALS_PER_OUTAGE = 50;
/** How long each outage lasts at least, so the pool meets refused connections, not just lost ones. */
const OUTAGE_MS = 1_000;

type Body = ReturnType<typeof captureBody>;
interface Refusal {
  body: Body;
  /** The restart under way when the answer came, or `up` between them. */
  during: StopMode | 'up';
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

/** Posts one capture, bounded in time; the answer as text. */
const post = (baseUrl: string, body: Body) => postCaptureAnswer(baseUrl, body, ANSWER_BOUND_MS);

fault.describeOnPrivatePostgres('PostgreSQL restarted mid-load', {}, (suite) => {
  it('A13: captures refused with 503 JSON while PostgreSQL is down (fast and immediate), accepted again after, none acknowledged lost or stored twice, the log verifies', async () => {
    const { server, dataDir } = await suite.startServer();
    const url = server.url;

    // The load: each client posts new captures until told to stop; after a refusal it waits a
    // little, as a client backing off would.
    const acknowledged: string[] = [];
    const refused: Refusal[] = [];
    const noAnswer: string[] = [];
    let sent = 0;
    let slowestMs = 0;
    let stopping = false;
    let during: StopMode | 'up' = 'up';
    const worker = async () => {
      while (!stopping) {
        const body = captureBody(sent++);
        const started = performance.now();
        let backOff = true;
        try {
          const answer = await post(url, body);
          backOff = answer.status !== 201 && answer.status !== 200;
          if (backOff) refused.push({ body, during, ...answer });
          else acknowledged.push(body.id);
        } catch (error) {
          noAnswer.push(`${body.id}: ${String(error)}`);
        }
        slowestMs = Math.max(slowestMs, performance.now() - started);
        if (backOff) await sleep(20);
      }
    };
    const workers = Promise.all(Array.from({ length: WORKERS }, worker));

    const outages: Record<StopMode, { refused: number; recovered: boolean }> = {
      fast: { refused: 0, recovered: false },
      immediate: { refused: 0, recovered: false },
    };
    const duringOutage: unknown[] = [];
    try {
      await waitFor('the first captures', () => acknowledged.length >= BETWEEN);
      for (const mode of ['fast', 'immediate'] as const) {
        const refusedBefore = refused.length;
        during = mode;
        const { recovered } = await suite.cluster().restart({
          mode,
          whileDown: async () => {
            const down = Date.now();
            await waitFor(
              `refusals while PostgreSQL is down (${mode})`,
              () =>
                refused.length - refusedBefore >= REFUSALS_PER_OUTAGE &&
                Date.now() - down >= OUTAGE_MS,
            );
            // The operator's view of the outage: alive, not ready.
            duringOutage.push(await fault.operatorView(url, ANSWER_BOUND_MS));
          },
        });
        during = 'up';
        outages[mode] = { refused: refused.length - refusedBefore, recovered };
        // Back without restarting izinli: the pool reconnects.
        const ackedAtStart = acknowledged.length;
        await waitFor(
          `captures accepted again after the ${mode} restart`,
          () => acknowledged.length >= ackedAtStart + BETWEEN,
        );
        const ready = await fetch(`${url}/readyz`, {
          signal: AbortSignal.timeout(ANSWER_BOUND_MS),
        });
        expect(ready.status).toBe(200);
      }
    } finally {
      stopping = true;
      await workers;
    }

    // Still the same process, and it answered every request, within the bound.
    fault.expectAliveAndAnswered(server, noAnswer);
    expect(slowestMs).toBeLessThan(ANSWER_BOUND_MS);
    // Each outage as an operator saw it: alive (/healthz), not ready (/readyz names the database).
    expect(duringOutage).toEqual([fault.DATABASE_OUTAGE_VIEW, fault.DATABASE_OUTAGE_VIEW]);
    // The `-m immediate` stop is a crash: its start replayed the WAL; the clean one did not.
    expect(outages).toEqual({
      fast: { refused: expect.any(Number), recovered: false },
      immediate: { refused: expect.any(Number), recovered: true },
    });
    fault.expectUnavailableRefusals(refused);

    // The clients retry what was refused, with the same id and body: 201 when it was not
    // written, 200 when its commit reached the disk but the answer did not (the connection died
    // between the two). Never a 409: a refused capture is never stored differently.
    const statuses = await fault.replayRefused(url, refused, WORKERS, ANSWER_BOUND_MS);
    const replay = { created: 0, alreadyStored: { fast: 0, immediate: 0, up: 0 } };
    refused.forEach((r, i) => {
      if (statuses[i] === 201) replay.created += 1;
      else replay.alreadyStored[r.during] += 1;
    });
    const jwksFile = await fault.saveJwksAndStop(server, dataDir);

    const stored = replay.alreadyStored;
    console.log(
      `postgres-restart: ${sent} captures sent by ${WORKERS} clients: ` +
        `${acknowledged.length} acknowledged, ${refused.length} refused with 503 ` +
        `(fast restart ${outages.fast.refused}, immediate restart ${outages.immediate.refused}, ` +
        `after a restart was back ${refused.filter((r) => r.during === 'up').length}); ` +
        `refused ones replayed: ${replay.created} created, ` +
        `${stored.fast + stored.immediate + stored.up} already stored (fast ${stored.fast}, ` +
        `immediate ${stored.immediate}, after ${stored.up}); slowest answer ${Math.round(slowestMs)} ms`,
    );

    await fault.expectStoredOnceAndVerified(suite.cluster().url, dataDir, jwksFile, [
      ...acknowledged,
      ...refused.map((r) => r.body.id),
    ]);
  }, 60_000);
});
