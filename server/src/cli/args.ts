// Parses the `izinli` command line into a typed command; no I/O, so every case is testable.
import { err, ok } from '@izinli/core';
import type { Locale, Result } from '@izinli/core';
import { parseArgs } from 'node:util';

/** One thing the CLI can be asked to do. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'verify-receipt'; input: string; jwks: string; json: boolean; lang?: Locale }
  | { name: 'verify-log'; input: string; jwks?: string; json: boolean; lang?: Locale }
  | { name: 'keys-rotate'; dataDir?: string }
  | { name: 'export'; dataDir?: string; databaseUrl?: string; sites: string[]; out?: string }
  | { name: 'token'; label?: string }
  | {
      name: 'purge';
      dryRun: boolean;
      json: boolean;
      config?: string;
      dataDir?: string;
      databaseUrl?: string;
    };

/** The help text `izinli --help` prints. */
export const HELP = `izinli — verify izinli receipts and logs, rotate signing keys, export logs

Usage:
  izinli verify receipt <file|-> --jwks <file|url> [--json] [--lang tr|en]
      Verify a receipt (a compact JWS, or JSON with a "receipt" field) against a JWKS,
      e.g. https://your-server/.well-known/jwks.json.
  izinli verify log <file|-> [--jwks <file|url>] [--json] [--lang tr|en]
      Verify an exported log: every site's hash chain, records, receipts and checkpoints.
      Without --jwks the export's own JWKS is used, with a warning.
  izinli keys rotate [--data-dir <dir>]
      Make a new signing key; the old public key stays in the JWKS. Restart the server after.
  izinli export [--site <key>]... [--out <file>] [--data-dir <dir>] [--database-url <url>]
      Write the log of every site (or of the --site ones) as JSON Lines.
  izinli purge [--dry-run] [--json] [--config <file>] [--data-dir <dir>] [--database-url <url>]
      Remove the personal data of records past their site's retention (A14, B10); the hash
      chain keeps verifying. --dry-run only counts. The sites' retention is read from the config.
  izinli token [<label>]
      Make an admin bearer token: give the token to its holder, put the adminTokens entry
      (its SHA-256) in the config file. The server never stores the token itself.

Options:
  --jwks          a JWKS file or http(s) URL: the public keys signatures are checked with
  --json          print the verified record or the log report as JSON
  --lang          the language of problem messages (default: from $LANG, else en)
  --site          export only this site; repeat for several
  --out           write the export to this file (created readable by its owner only)
  --data-dir      the server's data folder (default: $DATA_DIR, else ./data)
  --database-url  PostgreSQL URL (default: $DATABASE_URL, else SQLite in the data folder)
  --dry-run       purge: count what is due, change nothing
  --config        purge: the server's config file (default: $IZINLI_CONFIG, else ./izinli.config.json)
  -h, --help      show this help

Exit codes: 0 verified / done, 1 verification failed, 2 usage or input error.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  jwks: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  site: { type: 'string', multiple: true },
  out: { type: 'string' },
  'dry-run': { type: 'boolean' },
  config: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

// Which options each command takes; anything else is a usage error, not silently ignored.
const ALLOWED: Record<Exclude<CliCommand['name'], 'help'>, OptionName[]> = {
  'verify-receipt': ['jwks', 'json', 'lang'],
  'verify-log': ['jwks', 'json', 'lang'],
  'keys-rotate': ['data-dir'],
  export: ['site', 'out', 'data-dir', 'database-url'],
  token: [],
  purge: ['dry-run', 'json', 'config', 'data-dir', 'database-url'],
};

const COMMANDS: Record<string, Exclude<CliCommand['name'], 'help'>> = {
  'verify receipt': 'verify-receipt',
  'verify log': 'verify-log',
  'keys rotate': 'keys-rotate',
  export: 'export',
  token: 'token',
  purge: 'purge',
};

/** Parses `argv` (without node and the script); a usage error is a sentence for the user. */
export function parseCliArgs(argv: readonly string[]): Result<CliCommand, string> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0 || positionals[0] === 'help')
    return ok({ name: 'help' });
  const [first = '', second = '', ...rest] = positionals;
  const name = COMMANDS[`${first} ${second}`] ?? COMMANDS[first];
  if (!name) return err(`unknown command: ${positionals.slice(0, 2).join(' ')}`);
  const operands =
    name === 'export' || name === 'token' || name === 'purge'
      ? [second, ...rest].filter((p) => p !== '')
      : rest;
  for (const option of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[name].includes(option)) {
      return err(`--${option} is not an option of ${name.replace('-', ' ')}`);
    }
  }
  const lang = values.lang;
  if (lang !== undefined && lang !== 'tr' && lang !== 'en') {
    return err(`--lang takes tr or en, not ${lang}`);
  }
  const json = values.json ?? false;
  switch (name) {
    case 'verify-receipt':
    case 'verify-log': {
      const [input, ...extra] = operands;
      if (input === undefined) return err(`${name.replace('-', ' ')} needs a file, or - for stdin`);
      if (extra.length > 0) return err(`unexpected argument: ${extra[0]}`);
      if (name === 'verify-receipt') {
        if (values.jwks === undefined) {
          return err('verify receipt needs --jwks <file|url>: the keys to verify the receipt with');
        }
        return ok({ name, input, jwks: values.jwks, json, ...(lang ? { lang } : {}) });
      }
      return ok({
        name,
        input,
        json,
        ...(values.jwks !== undefined ? { jwks: values.jwks } : {}),
        ...(lang ? { lang } : {}),
      });
    }
    case 'keys-rotate':
      if (operands.length > 0) return err(`unexpected argument: ${operands[0]}`);
      return ok({ name, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
    case 'export':
      if (operands.length > 0) return err(`unexpected argument: ${operands[0]}`);
      return ok({
        name,
        sites: values.site ?? [],
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
        ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
      });
    case 'purge':
      if (operands.length > 0) return err(`unexpected argument: ${operands[0]}`);
      return ok({
        name,
        dryRun: values['dry-run'] ?? false,
        json,
        ...(values.config !== undefined ? { config: values.config } : {}),
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
        ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
      });
    case 'token': {
      const [label, ...extra] = operands;
      if (extra.length > 0) return err(`unexpected argument: ${extra[0]}`);
      return ok({ name, ...(label ? { label } : {}) });
    }
  }
}
