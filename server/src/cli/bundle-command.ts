// `izinli verify bundle <file>`: a recipient's evidence bundle, as the admin console downloads it,
// checked record by record (proof/bundle-verify.ts). `izinli verify receipt` hands a bundle here.
import { isCaptureRecord, problemMessage } from '@izinli/core';
import type { Locale, Problem } from '@izinli/core';
import { problemJson } from '../proof/index.js';
import { isEvidenceBundle, verifyBundle } from '../proof/bundle-verify.js';
import type { BundleRecordCheck, BundleReport } from '../proof/bundle-verify.js';
import type { CliCommand } from './args.js';
import { EXIT, verifyOptions } from './cli-deps.js';
import type { CliDeps, VerifyOptions } from './cli-deps.js';
import { readText, write } from './io.js';

type Command = Extract<CliCommand, { name: 'verify-bundle' }>;

const EMBEDDED_KEYS_WARNING =
  'izinli: warning: no --jwks given, so the bundle’s own JWKS was used: a bundle that vouches ' +
  'for itself proves little. Verify against the JWKS the server publishes at ' +
  '/.well-known/jwks.json, or a copy you kept.\n';

function recordLine(r: BundleRecordCheck, locale: Locale): string[] {
  const name = `record ${r.index + 1}${r.captureId ? ` ${r.captureId}` : ''}${
    r.siteKey ? ` (${r.siteKey}${r.seq !== undefined ? ` #${r.seq}` : ''})` : ''
  }`;
  switch (r.status) {
    case 'verified': {
      const notices = r.notices
        .map(
          (n) =>
            `${n.id} v${n.version} ${n.locale} ${n.text === 'matches' ? 'text matches' : 'text not in the bundle'}`,
        )
        .join(', ');
      const record = r.record!;
      return [
        `${name}: receipt verified, signed by key ${r.kid}`,
        isCaptureRecord(record)
          ? `  ${record.kind} received ${record.receivedAt} from ${record.origin}`
          : record.kind === 'confirmation'
            ? `  confirmation of ${record.confirms.captureId} by ${record.method} at ${record.confirmedAt}`
            : `  ${record.kind} ${record.iysCode}/${record.brandCode} ${record.reportDate}`,
        `  notices: ${notices || '(none)'}`,
      ];
    }
    case 'purged':
      return [`${name}: purged by retention, nothing to verify (its chain digests remain)`];
    case 'unsigned':
      return [`${name}: no receipt, not checked`];
    case 'failed':
      return [
        `${name}: NOT verified`,
        ...r.problems.map((p) => `  - ${problemMessage(p, locale)}`),
      ];
  }
}

/** The report as lines for a person. */
export function describeBundle(report: BundleReport, locale: Locale): string {
  const lines = [
    ...report.problems.map((p) => `izinli: ${problemMessage(p, locale)}`),
    ...report.records.flatMap((r) => recordLine(r, locale)),
    ...report.files.map((f) =>
      f.state === 'matches'
        ? `evidence file ${f.sha256 ?? `#${f.index}`}: ${f.size} bytes, SHA-256 matches`
        : `evidence file ${f.sha256 ?? `#${f.index}`}: ALTERED (its bytes do not hash to it)`,
    ),
    ...report.checkpoints.map((c) =>
      c.ok
        ? `checkpoint ${c.siteKey} #${c.seq}: signature verified`
        : `checkpoint ${c.siteKey} #${c.seq}: NOT verified: ${problemMessage(c.problem!, locale)}`,
    ),
  ];
  const count = (status: BundleRecordCheck['status']) =>
    report.records.filter((r) => r.status === status).length;
  const intact = report.files.filter((f) => f.state === 'matches').length;
  const tally = `${count('verified')} of ${report.records.length} record(s) verified, ${count('purged')} purged, ${count('unsigned')} without a receipt, ${intact} of ${report.files.length} evidence file(s) intact`;
  lines.push(report.ok ? `bundle verified: ${tally}` : `bundle NOT verified: ${tally}`);
  return `${lines.join('\n')}\n`;
}

/** A problem as JSON, with its message in `locale`. */
export const withMessage = (problem: Problem, locale: Locale) =>
  problemJson(problem, problemMessage(problem, locale));

/** Verifies a parsed bundle and prints the report; the exit code. */
export async function reportBundle(
  bundle: unknown,
  options: VerifyOptions,
  deps: CliDeps,
): Promise<number> {
  const report = await verifyBundle(bundle, options.jwks);
  if (report.keys === 'embedded') await write(deps.stderr, EMBEDDED_KEYS_WARNING);
  const { locale } = options;
  if (options.json) {
    const body = {
      ...report,
      problems: report.problems.map((p) => withMessage(p, locale)),
      records: report.records.map((r) => ({
        ...r,
        problems: r.problems.map((p) => withMessage(p, locale)),
      })),
      checkpoints: report.checkpoints.map(({ problem, ...c }) => ({
        ...c,
        ...(problem ? { problem: withMessage(problem, locale) } : {}),
      })),
    };
    await write(deps.stdout, `${JSON.stringify(body, null, 2)}\n`);
  } else {
    await write(deps.stdout, describeBundle(report, locale));
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** `izinli verify bundle <file|-> [--jwks <file|url>] [--json] [--lang tr|en]`. */
export async function verifyBundleCommand(command: Command, deps: CliDeps): Promise<number> {
  const options = await verifyOptions(command, deps);
  if (!options) return EXIT.usage;
  const text = await readText(command.input, deps.stdin);
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch {
    await write(
      deps.stderr,
      `izinli: ${command.input} is not JSON: expected the evidence bundle the admin console downloads\n`,
    );
    return EXIT.usage;
  }
  if (!isEvidenceBundle(bundle)) {
    await write(
      deps.stderr,
      `izinli: ${command.input} is not an evidence bundle: expected { "type": "izinli-evidence", "records": [ … ] } (for a single receipt: izinli verify receipt)\n`,
    );
    return EXIT.usage;
  }
  return reportBundle(bundle, options, deps);
}
