// Long because: one table of every command, its options and operands keeps the parser honest.
// Parses the `izinli` command line into a typed command; no I/O, so every case is testable.
import { err, ok } from '@izinli/core';
import type { Locale, NoticeKind, Result } from '@izinli/core';
import { parseArgs } from 'node:util';

export { HELP } from './help.js';

type Lang = { lang?: Locale };
type ConfigFile = { config?: string };
type Store = { dataDir?: string; databaseUrl?: string };

/** What `izinli init` was given; values are checked (and the missing ones asked) by the command. */
export interface InitOptions extends Lang {
  dir?: string;
  yes: boolean;
  json: boolean;
  force: boolean;
  siteKey?: string;
  origins: string[];
  iysCode?: string;
  brandCode?: string;
  iysUsername?: string;
  iysPasswordEnv?: string;
  publicUrl?: string;
}

/** Which notice, for `izinli notice add|bump`. */
export interface NoticeTarget extends ConfigFile {
  id: string;
  locale?: 'tr' | 'en';
  site?: string;
}

/** One thing the CLI can be asked to do. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'version' }
  | ({ name: 'init' } & InitOptions)
  | ({ name: 'start' } & ConfigFile)
  | ({ name: 'config-check'; json: boolean } & ConfigFile & Lang)
  | ({ name: 'migrate' } & Store)
  | ({ name: 'notice-add'; file: string; kind: NoticeKind; title?: string } & NoticeTarget)
  | ({ name: 'notice-bump' } & NoticeTarget)
  | ({ name: 'verify-receipt'; input: string; jwks: string; json: boolean } & Lang)
  | ({ name: 'verify-log'; input: string; jwks?: string; json: boolean } & Lang)
  | ({ name: 'verify-bundle'; input: string; jwks?: string; json: boolean } & Lang)
  | { name: 'verify-timestamp'; tsr: string; data: string; ca: string; json: boolean }
  | { name: 'keys-rotate'; dataDir?: string }
  | ({ name: 'export'; sites: string[]; out?: string; json: boolean } & Store)
  | { name: 'token'; label?: string }
  | ({ name: 'purge'; dryRun: boolean; json: boolean } & ConfigFile & Store)
  | ({
      name: 'import';
      file: string;
      dryRun: boolean;
      json: boolean;
      site?: string;
      source?: string;
    } & ConfigFile &
      Store);

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  jwks: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  site: { type: 'string', multiple: true },
  out: { type: 'string' },
  'dry-run': { type: 'boolean' },
  config: { type: 'string' },
  dir: { type: 'string' },
  yes: { type: 'boolean' },
  force: { type: 'boolean' },
  'site-key': { type: 'string' },
  origin: { type: 'string', multiple: true },
  'iys-code': { type: 'string' },
  'brand-code': { type: 'string' },
  'iys-username': { type: 'string' },
  'iys-password-env': { type: 'string' },
  'public-url': { type: 'string' },
  id: { type: 'string' },
  kind: { type: 'string' },
  locale: { type: 'string' },
  title: { type: 'string' },
  ca: { type: 'string' },
  source: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Named = Exclude<CliCommand['name'], 'help' | 'version'>;

// Which options each command takes; anything else is a usage error, not silently ignored.
const ALLOWED: Record<Named, OptionName[]> = {
  init: [
    'dir',
    'yes',
    'json',
    'force',
    'lang',
    'site-key',
    'origin',
    'iys-code',
    'brand-code',
    'iys-username',
    'iys-password-env',
    'public-url',
  ],
  start: ['config'],
  'config-check': ['config', 'json', 'lang'],
  migrate: ['data-dir', 'database-url'],
  'notice-add': ['id', 'kind', 'locale', 'title', 'site', 'config'],
  'notice-bump': ['locale', 'site', 'config'],
  'verify-receipt': ['jwks', 'json', 'lang'],
  'verify-log': ['jwks', 'json', 'lang'],
  'verify-bundle': ['jwks', 'json', 'lang'],
  'verify-timestamp': ['ca', 'json'],
  'keys-rotate': ['data-dir'],
  export: ['site', 'out', 'json', 'data-dir', 'database-url'],
  token: [],
  purge: ['dry-run', 'json', 'config', 'data-dir', 'database-url'],
  import: ['dry-run', 'json', 'site', 'source', 'config', 'data-dir', 'database-url'],
};

const COMMANDS: Record<string, Named> = {
  init: 'init',
  start: 'start',
  'config check': 'config-check',
  migrate: 'migrate',
  'notice add': 'notice-add',
  'notice bump': 'notice-bump',
  'verify receipt': 'verify-receipt',
  'verify log': 'verify-log',
  'verify bundle': 'verify-bundle',
  'verify timestamp': 'verify-timestamp',
  'keys rotate': 'keys-rotate',
  export: 'export',
  token: 'token',
  purge: 'purge',
  import: 'import',
};

// The words that only open a two-word command, for a better error than "unknown command".
const GROUPS: Record<string, string> = {
  config: 'config check',
  notice: 'notice add, notice bump',
  verify: 'verify receipt, verify bundle, verify log, verify timestamp',
  keys: 'keys rotate',
};

/** The `--kind` words `notice add` takes; `riza` is short for acik-riza. */
const KINDS: Record<string, NoticeKind> = {
  aydinlatma: 'aydinlatma',
  etk: 'etk',
  riza: 'acik-riza',
  'acik-riza': 'acik-riza',
};

/** `{ key: value }`, or nothing when the value is absent (for optional properties). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Parses `argv` (without node and the script); a usage error is a sentence for the user. */
export function parseCliArgs(argv: readonly string[]): Result<CliCommand, string> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || (positionals.length === 0 && !values.version) || positionals[0] === 'help')
    return ok({ name: 'help' });
  if (values.version) {
    return positionals.length === 0 && Object.keys(values).length === 1
      ? ok({ name: 'version' })
      : err('--version takes nothing else');
  }
  const [first = '', second = '', ...rest] = positionals;
  const pair = COMMANDS[`${first} ${second}`];
  const name = pair ?? COMMANDS[first];
  if (!name) {
    const group = GROUPS[first];
    return err(
      group && second === ''
        ? `${first} needs a subcommand: ${group}`
        : `unknown command: ${positionals.slice(0, 2).join(' ')}`,
    );
  }
  const operands = pair ? rest : [second, ...rest].filter((p) => p !== '');
  const label = name.replace('-', ' ');
  for (const option of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[name].includes(option)) return err(`--${option} is not an option of ${label}`);
  }
  const isLocale = (value: string | undefined): value is Locale => value === 'tr' || value === 'en';
  const { lang, locale } = values;
  if (lang !== undefined && !isLocale(lang)) return err(`--lang takes tr or en, not ${lang}`);
  if (locale !== undefined && !isLocale(locale)) {
    return err(`--locale takes tr or en, not ${locale}`);
  }
  const sites = values.site ?? [];
  if (name.startsWith('notice') && sites.length > 1) {
    return err(`${label} takes one --site, not ${sites.length}`);
  }
  const [operand] = operands;
  const maxOperands =
    name === 'verify-timestamp'
      ? 2
      : [
            'verify-receipt',
            'verify-log',
            'verify-bundle',
            'notice-add',
            'notice-bump',
            'token',
            'import',
          ].includes(name)
        ? 1
        : 0;
  if (operands.length > maxOperands) return err(`unexpected argument: ${operands[maxOperands]}`);
  const json = values.json ?? false;
  const config = opt('config', values.config);
  const store = {
    ...opt('dataDir', values['data-dir'] || undefined),
    ...opt('databaseUrl', values['database-url'] || undefined),
  };
  const target = { ...opt('locale', locale), ...opt('site', sites[0]), ...config };
  switch (name) {
    case 'init':
      return ok({
        name,
        yes: values.yes ?? false,
        json,
        force: values.force ?? false,
        origins: values.origin ?? [],
        ...opt('dir', values.dir),
        ...opt('lang', lang),
        ...opt('siteKey', values['site-key']),
        ...opt('iysCode', values['iys-code']),
        ...opt('brandCode', values['brand-code']),
        ...opt('iysUsername', values['iys-username']),
        ...opt('iysPasswordEnv', values['iys-password-env']),
        ...opt('publicUrl', values['public-url']),
      });
    case 'start':
      return ok({ name, ...config });
    case 'config-check':
      return ok({ name, json, ...config, ...opt('lang', lang) });
    case 'migrate':
      return ok({ name, ...store });
    case 'notice-add': {
      if (operand === undefined) return err('notice add needs the text file: notice add <file>');
      if (values.id === undefined)
        return err('notice add needs --id <id>, e.g. --id kvkk-aydinlatma');
      const kind = KINDS[values.kind ?? ''];
      if (!kind) {
        return err(
          `notice add needs --kind aydinlatma, etk or riza${values.kind === undefined ? '' : `, not ${values.kind}`}`,
        );
      }
      return ok({
        name,
        file: operand,
        id: values.id,
        kind,
        ...opt('title', values.title),
        ...target,
      });
    }
    case 'notice-bump':
      if (operand === undefined) return err('notice bump needs the notice id: notice bump <id>');
      return ok({ name, id: operand, ...target });
    case 'verify-receipt':
    case 'verify-bundle':
    case 'verify-log': {
      if (operand === undefined) return err(`${label} needs a file, or - for stdin`);
      if (name === 'verify-receipt') {
        if (values.jwks === undefined) {
          return err('verify receipt needs --jwks <file|url>: the keys to verify the receipt with');
        }
        return ok({ name, input: operand, jwks: values.jwks, json, ...opt('lang', lang) });
      }
      return ok({ name, input: operand, json, ...opt('jwks', values.jwks), ...opt('lang', lang) });
    }
    case 'import': {
      if (operand === undefined) return err('import needs the CSV file: import <file.csv>');
      if (sites.length > 1) return err(`import takes one --site, not ${sites.length}`);
      return ok({
        name,
        file: operand,
        dryRun: values['dry-run'] ?? false,
        json,
        ...opt('site', sites[0]),
        ...opt('source', values.source),
        ...config,
        ...store,
      });
    }
    case 'verify-timestamp': {
      const [tsr, data] = operands;
      if (tsr === undefined || data === undefined || values.ca === undefined) {
        return err('verify timestamp needs <day.tsr> <day.csv> --ca <tsa.pem>');
      }
      return ok({ name, tsr, data, ca: values.ca, json });
    }
    case 'keys-rotate':
      return ok({ name, ...opt('dataDir', values['data-dir'] || undefined) });
    case 'export':
      return ok({ name, sites, ...opt('out', values.out), json, ...store });
    case 'purge':
      return ok({ name, dryRun: values['dry-run'] ?? false, json, ...config, ...store });
    case 'token':
      return ok({ name, ...opt('label', operand || undefined) });
  }
}
