// `izinli verify timestamp <day.tsr> <day.csv> --ca <tsa.pem>`: İYS's RFC 3161 time stamp of a
// reconciled day's file checked against the TSA's certificate (docs/iys.md#reconciliation-mutabakat).
import { readFile } from 'node:fs/promises';
import { certificatesOf, verifyTimestamp } from '../reconciliation/verify-timestamp.js';
import type { CliCommand } from './args.js';
import { EXIT } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

type Command = Extract<CliCommand, { name: 'verify-timestamp' }>;

/** Reads the three files; a missing one is a usage error. */
async function readAll(command: Command, deps: CliDeps) {
  const files: Uint8Array[] = [];
  for (const path of [command.tsr, command.data, command.ca]) {
    try {
      files.push(await readFile(path));
    } catch (error) {
      await write(deps.stderr, `izinli: cannot read ${path}: ${(error as Error).message}\n`);
      return undefined;
    }
  }
  return files as [Uint8Array, Uint8Array, Uint8Array];
}

/** `izinli verify timestamp <tsr> <data> --ca <pem> [--json]`. */
export async function verifyTimestampCommand(command: Command, deps: CliDeps): Promise<number> {
  const files = await readAll(command, deps);
  if (!files) return EXIT.usage;
  const [tsr, data, pem] = files;
  let ca;
  try {
    ca = certificatesOf(pem);
  } catch (error) {
    await write(
      deps.stderr,
      `izinli: expected PEM certificate(s) in ${command.ca}, got ${(error as Error).message}\n`,
    );
    return EXIT.usage;
  }
  const result = await verifyTimestamp(tsr, data, ca);
  if (command.json) {
    const body = result.ok
      ? { ok: true, ...result.value, genTime: result.value.genTime.toISOString() }
      : { ok: false, problem: result.problem };
    await write(deps.stdout, `${JSON.stringify(body, null, 2)}\n`);
  } else if (result.ok) {
    const v = result.value;
    await write(
      deps.stdout,
      `time stamp verified: ${command.data} was stamped at ${v.genTime.toISOString()} (serial ${v.serial}, policy ${v.policy})\n`,
    );
  } else {
    await write(deps.stdout, `time stamp NOT verified:\n  - ${result.problem}\n`);
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}
