// `izinli verify receipt` and `izinli verify log`.
import { availableParallelism } from 'node:os';
import { problemMessage } from '@izinli/core';
import type { ChainRecord, ConfirmationRecord, IysDayRecord, Locale } from '@izinli/core';
import { decodeProtectedHeader } from 'jose';
import { logProblemMessage, verifyLog, verifyReceipt } from '../proof/index.js';
import type { LogReport } from '../proof/index.js';
import type { CliCommand } from './args.js';
import { EXIT, cliProgress, verifyOptions } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { openLines, readText, write } from './io.js';
import { reportBundle, withMessage } from './bundle-command.js';
import { isEvidenceBundle } from '../proof/bundle-verify.js';

type Command<N extends CliCommand['name']> = Extract<CliCommand, { name: N }>;

const EMBEDDED_KEYS_WARNING =
  'izinli: warning: no --jwks given, so the export’s own JWKS was used: a log that vouches for ' +
  'itself proves little. Verify against the JWKS your server publishes at ' +
  '/.well-known/jwks.json, or a copy you kept.\n';

// A receipt file holds the compact JWS, or the JSON the capture API answered ({ receipt, … }).
function receiptIn(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    const receipt = (JSON.parse(trimmed) as { receipt?: unknown }).receipt;
    return typeof receipt === 'string' ? receipt : undefined;
  } catch {
    return undefined;
  }
}

function bundleIn(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isEvidenceBundle(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function describeIysDay(record: IysDayRecord, kid: string): string {
  const row = (label: string, value: string) => `  ${label.padEnd(10)} ${value}`;
  return [
    `receipt verified: signed by key ${kid}`,
    row('iys-day', `${record.iysCode}/${record.brandCode} ${record.reportDate}`),
    row('site', `${record.siteKey} #${record.seq}`),
    row('file', `sha256 ${record.fileSha256}`),
    row('agreement', `sha384 ${record.agreementHash}`),
    row('timestamp', `sha256 ${record.timestampSha256}, stamped ${record.timestampGenTime}`),
    row('recordHash', record.recordHash),
    '',
  ].join('\n');
}

function describeConfirmation(record: ConfirmationRecord, kid: string): string {
  const row = (label: string, value: string) => `  ${label.padEnd(10)} ${value}`;
  return [
    `receipt verified: signed by key ${kid}`,
    row('confirms', `${record.confirms.captureId} (recordHash ${record.confirms.recordHash})`),
    row('site', `${record.siteKey} #${record.seq}`),
    row('method', `${record.method}, sent ${record.sentAt}, confirmed ${record.confirmedAt}`),
    row('channels', record.channels.map((c) => `${c.type} (${c.status})`).join(', ')),
    row('consent', `İYS consentDate ${record.consentDate}`),
    row('recordHash', record.recordHash),
    '',
  ].join('\n');
}

function describeRecord(record: ChainRecord, kid: string): string {
  if (record.kind === 'iys-day') return describeIysDay(record, kid);
  if (record.kind === 'confirmation') return describeConfirmation(record, kid);
  const channels = record.channels
    .map((c) => `${c.type} ${c.checked ? 'ticked' : 'unticked'}${c.status ? ` (${c.status})` : ''}`)
    .join(', ');
  const purposes = record.purposes
    .map((p) => `${p.id} ${p.granted ? 'granted' : 'not granted'}`)
    .join(', ');
  const row = (label: string, value: string) => `  ${label.padEnd(10)} ${value}`;
  return [
    `receipt verified: signed by key ${kid}`,
    row(record.kind, record.captureId),
    row('site', `${record.siteKey} #${record.seq}`),
    row('received', `${record.receivedAt} (İYS consentDate ${record.consentDate})`),
    row('origin', record.origin),
    row('channels', channels || '(none)'),
    row('purposes', purposes || '(none)'),
    row('notices', record.notices.map((n) => `${n.id} v${n.version}`).join(', ') || '(none)'),
    row('recordHash', record.recordHash),
    '',
  ].join('\n');
}

/** `izinli verify receipt <file|-> --jwks <file|url>`. */
export async function verifyReceiptCommand(
  command: Command<'verify-receipt'>,
  deps: CliDeps,
): Promise<number> {
  const options = await verifyOptions(command, deps);
  if (!options?.jwks) return EXIT.usage;
  const { jwks, locale } = options;
  const text = await readText(command.input, deps.stdin);
  // An evidence bundle is verified whole, receipt by receipt, as verify bundle does.
  const bundle = bundleIn(text);
  if (bundle !== undefined) return reportBundle(bundle, options, deps);
  const jws = receiptIn(text);
  if (jws === undefined) {
    await write(
      deps.stderr,
      `izinli: ${command.input} holds no receipt: expected a compact JWS or JSON with a "receipt" string\n`,
    );
    return EXIT.usage;
  }
  const result = await verifyReceipt(jws, jwks);
  if (command.json) {
    const body = result.ok
      ? { ok: true, kid: decodeProtectedHeader(jws).kid, record: result.value }
      : { ok: false, problem: withMessage(result.error, locale) };
    await write(deps.stdout, `${JSON.stringify(body, null, 2)}\n`);
  } else if (result.ok) {
    await write(deps.stdout, describeRecord(result.value, String(decodeProtectedHeader(jws).kid)));
  } else {
    await write(
      deps.stdout,
      `receipt NOT verified:\n  - ${problemMessage(result.error, locale)}\n`,
    );
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

function describeReport(report: LogReport, locale: Locale): string {
  const lines = report.sites.map(
    (s) =>
      `site ${s.siteKey}: ${s.records} records (${s.purged} purged), ${s.checkpoints} checkpoints, head #${s.head.seq} ${s.head.hash}`,
  );
  const total = (key: 'records' | 'checkpoints') =>
    report.sites.reduce((sum, site) => sum + site[key], 0);
  if (report.ok) {
    lines.push(
      `log verified: ${report.sites.length} site(s), ${total('records')} records, ${total('checkpoints')} checkpoints`,
    );
  } else {
    lines.push(`log NOT verified: ${report.problems.length} problem(s)`);
    for (const problem of report.problems) lines.push(`  - ${logProblemMessage(problem, locale)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The lines as they are read, their count told to `seen` (the verifier reads them in order). */
async function* counted(
  lines: AsyncIterable<string>,
  seen: (n: number) => void,
): AsyncIterable<string> {
  let n = 0;
  for await (const line of lines) {
    seen(++n);
    yield line;
  }
}

/** `izinli verify log <file|-> [--jwks <file|url>]`. */
export async function verifyLogCommand(
  command: Command<'verify-log'>,
  deps: CliDeps,
): Promise<number> {
  const options = await verifyOptions(command, deps);
  if (!options) return EXIT.usage;
  const { jwks, locale } = options;
  const source = await openLines(command.input, deps.stdin);
  const progress = cliProgress(deps, { label: 'verify log: lines', json: command.json });
  let report: LogReport;
  try {
    // A large log's record checks spread over the cores (its chain is still followed in order).
    const lines = counted(source.lines, (n) => progress.update(n));
    report = await verifyLog(lines, jwks, { workers: availableParallelism() });
  } finally {
    progress.finish();
    source.close();
  }
  if (report.keys === 'embedded') await write(deps.stderr, EMBEDDED_KEYS_WARNING);
  if (command.json) {
    const problems = report.problems.map((p) => withMessage(p, locale));
    await write(deps.stdout, `${JSON.stringify({ ...report, problems }, null, 2)}\n`);
  } else {
    await write(deps.stdout, describeReport(report, locale));
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
