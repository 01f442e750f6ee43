// `npm run soak` (not in `npm test`): SOAK_MINUTES (default 30) of mixed load against a real
// server process (server/dist/main.js, SQLite) delivering to the İYS simulator over HTTP through a
// garbling proxy, with faults injected on a one-minute cycle (İYS errors, an outage, garbage
// answers, latency with dropped connections). Every 10 s: the server's RSS and heap (its
// /metrics), the outbox, answers by class, error log lines. At the end: drain, stop, reconcile
// (captured = delivered + already current + dead + pending per channel, matching the simulator),
// scan every server log line for personal data, write test/soak-results/soak.json, print a table.
// Exits 1 when anything does not balance. Knobs: SOAK_MINUTES, SOAK_RATE (operations/s, default 4:
// İYS takes 10 requests/s per IP, single adds only), SOAK_DRAIN_SECONDS (default 300).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import { startGarblingProxy } from './soak-proxy.js';
import { Counters, PERSONAL_DATA, startLoad } from './soak-load.js';
import { reconcile } from './soak-reconcile.js';
import { FAULT_CYCLE, analyse, printReport, scrapeMetrics } from './soak-report.js';
import type { Sample } from './soak-report.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const rate = Number(process.env.SOAK_RATE ?? 4);
const drainSeconds = Number(process.env.SOAK_DRAIN_SECONDS ?? 300);
const SAMPLE_MS = 10_000;
// dist/src/soak/soak.js → the repository's server/dist/main.js and test/soak-results/.
const SERVER_MAIN = fileURLToPath(new URL('../../../../server/dist/main.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../../soak-results/', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sim = createIysSim({ random: seededRandom(11) });
const served = await serveIysSim(sim, { port: 0 });
const proxy = await startGarblingProxy(served.url, seededRandom(12));
const dataDir = mkdtempSync(join(tmpdir(), 'izinli-soak-'));
const configFile = join(dataDir, 'izinli.config.json');
writeFileSync(configFile, JSON.stringify(exampleServerConfig));

const child = spawn(process.execPath, [SERVER_MAIN], {
  env: {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    DATA_DIR: dataDir,
    IZINLI_CONFIG: configFile,
    IYS_BASE_URL: proxy.url,
    IYS_PASSWORD: 'demo',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_SITE: '1000000',
    DELIVERY_INTERVAL_MS: '500',
    DELIVERY_BATCH_THRESHOLD: '0',
    SYNC_INTERVAL_SECONDS: '15',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
process.once('exit', () => child.kill('SIGKILL'));
const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
const logScan = { lines: 0, errors: 0, warnings: 0, windowErrors: 0, personal: [] as string[] };
const onLine = (line: string) => {
  logScan.lines += 1;
  if (PERSONAL_DATA.test(line) && logScan.personal.length < 10) logScan.personal.push(line);
  const level = /"level":"(\w+)"/.exec(line)?.[1];
  if (level === 'error' || level === 'fatal') {
    logScan.errors += 1;
    logScan.windowErrors += 1;
  } else if (level === 'warn') logScan.warnings += 1;
};
createInterface({ input: child.stderr! }).on('line', onLine);
const serverUrl = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).on('line', (line) => {
    onLine(line);
    const url = /"msg":"izinli server listening"/.test(line) && /"url":"([^"]+)"/.exec(line)?.[1];
    if (url) resolve(url);
  });
  void exited.then((code) =>
    reject(new Error(`soak: the server exited (${code}) before listening`)),
  );
});

const counters = new Counters();
const random = seededRandom(13);
const started = Date.now();
const load = startLoad({ serverUrl, simUrl: served.url, rate, maxInFlight: 32, random, counters });
const samples: Sample[] = [];
let faultsInjected = 0;
console.log(`soak: ${minutes} min at ${rate} ops/s against ${serverUrl} (İYS via ${proxy.url})`);

/** Sets the fault of the cycle's phase (FAULT_CYCLE: a phase every 10 s). */
function applyFault(phase: (typeof FAULT_CYCLE)[number]) {
  const now = sim.now();
  proxy.garbleRate = phase === 'garbage' ? 0.3 : 0;
  if (phase === 'errors') sim.setFaults({ errorRate: 0.3, errorKinds: ['500', '503', 'H123'] });
  else if (phase === 'outage')
    sim.setFaults({
      outage: { from: now.toISOString(), to: new Date(now.getTime() + 10_000).toISOString() },
    });
  else if (phase === 'slow') sim.setFaults({ latencyMs: 800, dropRate: 0.1 });
  else sim.clearFaults();
  if (phase !== 'none') faultsInjected += 1;
}

for (let tick = 0; Date.now() - started < minutes * 60_000; tick += 1) {
  const phase = FAULT_CYCLE[tick % FAULT_CYCLE.length]!;
  applyFault(phase);
  await sleep(Math.max(0, started + (tick + 1) * SAMPLE_MS - Date.now()));
  const metrics = await scrapeMetrics(serverUrl);
  samples.push({
    at: Math.round((Date.now() - started) / 1000),
    phase,
    ...metrics,
    ...counters.take(),
    serverErrorLines: logScan.windowErrors,
    people: load.people,
  });
  logScan.windowErrors = 0;
  const s = samples.at(-1)!;
  console.log(
    `${String(s.at).padStart(5)} s  ${phase.padEnd(7)} rss ${(s.rssBytes / 2 ** 20).toFixed(1)} MiB  heap ${(s.heapUsedBytes / 2 ** 20).toFixed(1)} MiB  pending ${s.pendingMovements}  ok ${s.ok} 4xx ${s.c4xx} 5xx ${s.c5xx} net ${s.network}  err-lines ${s.serverErrorLines}`,
  );
}

await load.stop();
applyFault('none');
const drainStart = Date.now();
let drained = false;
while (Date.now() - drainStart < drainSeconds * 1000) {
  const { pendingMovements } = await scrapeMetrics(serverUrl);
  if (pendingMovements === 0) {
    drained = true;
    break;
  }
  await sleep(2000);
}
const drainSecondsTaken = Math.round((Date.now() - drainStart) / 1000);
child.kill('SIGTERM');
const exitCode = await exited;

const simStats = sim.stats();
const reconciliation = await reconcile(
  join(dataDir, 'izinli.sqlite'),
  served.url,
  load.acknowledged,
);
const result = {
  minutes,
  rate,
  startedAt: new Date(started).toISOString(),
  operations: counters.total,
  unexpectedAnswers: counters.unexpected,
  faults: {
    phasesInjected: faultsInjected,
    simulatorInjectedErrors: simStats.injectedErrors,
    simulatorDropped: simStats.dropped,
    simulator503: simStats.byStatus['503'] ?? 0,
    garbledAnswers: proxy.garbled,
  },
  drain: { drained, seconds: drainSecondsTaken },
  serverExitCode: exitCode,
  logs: {
    lines: logScan.lines,
    errorLines: logScan.errors,
    warningLines: logScan.warnings,
    withPersonalData: logScan.personal.length,
    personalDataSamples: logScan.personal,
  },
  memory: analyse(samples),
  reconciliation,
  samples,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
printReport(result);
await proxy.close();
await served.close();
await sim.close();
rmSync(dataDir, { recursive: true, force: true });
const ok =
  reconciliation.ok &&
  drained &&
  exitCode === 0 &&
  logScan.personal.length === 0 &&
  counters.total.c5xx === 0;
console.log(ok ? 'soak: OK' : 'soak: FAILED');
process.exit(ok ? 0 : 1);
