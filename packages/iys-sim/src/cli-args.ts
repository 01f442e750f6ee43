import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FaultSettings } from './fault-settings.js';
import type { IysSimOptions, SimAccount, SimPolicy } from './options.js';
import { seededRandom } from './seeded-random.js';

/** What the CLI was asked to do. */
export interface CliConfig {
  port: number;
  host: string;
  help: boolean;
  options: IysSimOptions;
}

/** The CLI's usage text. */
export const USAGE = `izinli-iys-sim — a faithful İYS simulator

Usage: izinli-iys-sim [options]

  --port <n>         port to listen on (default 8788; 0 picks a free one)
  --host <addr>      address to bind (default 127.0.0.1)
  --speed <x>        simulated seconds per real second (default 1; 60 makes the 300 s batch wait 5 s)
  --start <iso>      simulated start instant (default: now)
  --accounts <file>  JSON list of { username, password, iysCode, brands?: [{ brandCode, name, retailers? }] }
  --policy <json|file>  open-point decisions, e.g. '{"h467AppliesToRet":false}'
  --faults <json|file>  faults from the start, e.g. '{"errorRate":0.05}'
  --seed <n>         seed the random source (ids, faults) for reproducible runs
  -h, --help         show this text

Inspect and control it under /__sim (consents, movements, stats, faults, clock, reset).`;

/** Reads a JSON option given inline or as a file path. */
function jsonArg(value: string, name: string): unknown {
  const text =
    value.trimStart().startsWith('{') || value.trimStart().startsWith('[')
      ? value
      : readFileSync(value, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`--${name}: not valid JSON`);
  }
}

function numberArg(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name}: expected a non-negative number, got ${value}`);
  return n;
}

/** Parses the command line; throws an Error with a user-facing message on bad input. */
export function parseCliArgs(argv: string[]): CliConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string', default: '1' },
      start: { type: 'string' },
      accounts: { type: 'string' },
      policy: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const options: IysSimOptions = {
    clock: {
      speed: numberArg(values.speed, 'speed'),
      ...(values.start === undefined ? {} : { start: values.start }),
    },
  };
  if (values.start !== undefined && Number.isNaN(Date.parse(values.start))) {
    throw new Error(`--start: not an ISO 8601 instant: ${values.start}`);
  }
  if (values.accounts !== undefined) {
    const accounts = jsonArg(values.accounts, 'accounts');
    if (!Array.isArray(accounts) || accounts.length === 0)
      throw new Error('--accounts: expected a non-empty JSON list');
    options.accounts = accounts as SimAccount[];
  }
  if (values.policy !== undefined) {
    const policy = jsonArg(values.policy, 'policy') as Partial<SimPolicy> & {
      emailPattern?: unknown;
    };
    if (typeof policy.emailPattern === 'string')
      policy.emailPattern = new RegExp(policy.emailPattern);
    options.policy = policy;
  }
  if (values.faults !== undefined)
    options.faults = jsonArg(values.faults, 'faults') as Partial<FaultSettings>;
  if (values.seed !== undefined) options.random = seededRandom(numberArg(values.seed, 'seed'));
  return {
    port: numberArg(values.port, 'port'),
    host: values.host,
    help: values.help ?? false,
    options,
  };
}
