// Reads the server's config file: JSON, its notices named by file resolved and versioned in the
// ledger beside it (notice-files.ts, notice-ledger.ts), then checked (load-config.ts). The server
// reads it at start and on SIGHUP; the CLI's commands read it with or without the secrets.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  checkSiteConfigHashes,
  defineProblemMessages,
  err,
  excerpt,
  ok,
  validateServerConfig,
} from '@izinli/core';
import type { Problem, Result, ServerConfig } from '@izinli/core';
import { checkServerConfig } from './load-config.js';
import type { LoadedConfig } from './load-config.js';
import { resolveNoticeFiles } from './notice-files.js';
import type { NoticeAddition, ResolvedNotices } from './notice-files.js';
import {
  ledgerVersions,
  noticeLedgerFile,
  readNoticeLedger,
  withVersions,
  writeNoticeLedger,
} from './notice-ledger.js';

type Env = Record<string, string | undefined>;

/** A config file as read: its parsed input with the file-named notices resolved. */
export interface ConfigInput {
  input: unknown;
  notices: ResolvedNotices;
  /** The notice ledger beside the config (see notice-ledger.ts). */
  ledgerFile: string;
}

/**
 * Reads the config file at `path` (JSON) and resolves its `textFile` notices, without checking
 * the rest or needing any secret (`izinli purge` reads its retention so). Nothing is written.
 */
export async function readConfigInput(
  path: string,
  options: { now?: Date } = {},
): Promise<Result<ConfigInput, Problem[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return err([
      {
        code: 'config.unreadable',
        path: [],
        expected: {
          en: `a readable JSON file at ${path} (set IZINLI_CONFIG)`,
          tr: `${path} konumunda okunabilir bir JSON dosyası (IZINLI_CONFIG ile belirtin)`,
        },
        received: (error as NodeJS.ErrnoException).code ?? String(error),
      },
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return err([
      {
        code: 'config.notJson',
        path: [],
        expected: { en: 'valid JSON', tr: 'geçerli bir JSON' },
        received: excerpt((error as Error).message, 120),
      },
    ]);
  }
  return resolveConfigInput(input, path, options);
}

/** Resolves the `textFile` notices of a parsed config that is (or will be) the file at `path`. */
export async function resolveConfigInput(
  input: unknown,
  path: string,
  options: { now?: Date } = {},
): Promise<Result<ConfigInput, Problem[]>> {
  const ledgerFile = noticeLedgerFile(path);
  const ledger = await readNoticeLedger(ledgerFile);
  if (!ledger.ok) return ledger;
  const notices = await resolveNoticeFiles(input, {
    configDir: dirname(path),
    ledger: ledger.value,
    now: options.now ?? new Date(),
  });
  return ok({ input: notices.input, notices, ledgerFile });
}

/** A checked config file, with what reading it found beside the config itself. */
export interface ConfigFile {
  loaded: LoadedConfig;
  /** Notice texts that changed: recorded as new versions when read with `record`, else only due. */
  noticeVersions: NoticeAddition[];
  ledgerFile: string;
  /** Not problems, but worth a look before going live: template [PLACEHOLDERS] left in a text. */
  warnings: Problem[];
}

/**
 * Reads and checks the config file at `path`; every problem is returned, not just the first. With
 * `record`, the new versions of changed notice texts are written to the ledger once the whole
 * config is accepted (the server on start and reload); without it they are only reported.
 */
export async function readConfigFile(
  path: string,
  env: Env,
  options: { record: boolean; now?: Date },
): Promise<Result<ConfigFile, Problem[]>> {
  const read = await readConfigInput(path, options);
  if (!read.ok) return read;
  const { notices, ledgerFile } = read.value;
  const checked = await checkServerConfig(read.value.input, env);
  const problems = [...notices.problems, ...(checked.ok ? [] : checked.error.map(notices.remap))];
  if (!checked.ok || problems.length > 0) return err(problems);
  if (options.record) {
    const recorded = await recordNoticeVersions(ledgerFile, notices.additions);
    if (!recorded.ok) return recorded;
  }
  return ok({
    loaded: checked.value,
    noticeVersions: notices.additions,
    ledgerFile,
    warnings: notices.warnings,
  });
}

/**
 * Appends `additions` to the ledger at `ledgerFile` (nothing to add: nothing written). The ledger
 * is read again first: a version another process recorded meanwhile with the same text is kept as
 * it is; one recorded with another text refuses the lot, as the numbers were counted from an older
 * ledger (loading the config again counts them afresh).
 */
export async function recordNoticeVersions(
  ledgerFile: string,
  additions: readonly NoticeAddition[],
): Promise<Result<void, Problem[]>> {
  if (additions.length === 0) return ok(undefined);
  const ledger = await readNoticeLedger(ledgerFile);
  if (!ledger.ok) return ledger;
  const fresh: NoticeAddition[] = [];
  const moved: Problem[] = [];
  for (const a of additions) {
    const recorded = ledgerVersions(ledger.value, a.siteKey, a.id, a.locale);
    const same = recorded.find((v) => v.version === a.version);
    if (same?.sha256 === a.sha256) continue;
    if (same || recorded.length + 1 !== a.version) {
      moved.push({
        code: 'config.noticeLedgerMoved',
        path: [...a.path, 'textFile'],
        expected: {
          en: `version ${a.version} of "${a.id}" (${a.locale}) to be the next in ${ledgerFile}`,
          tr: `"${a.id}" (${a.locale}) metninin ${a.version}. sürümünün ${ledgerFile} içinde sıradaki olması`,
        },
        received: `${recorded.length} version(s) recorded there meanwhile`,
        receivedText: {
          en: `${recorded.length} version(s) recorded there meanwhile`,
          tr: `bu arada oraya ${recorded.length} sürüm kaydedilmiş`,
        },
        params: { file: ledgerFile, id: a.id },
      });
    } else fresh.push(a);
  }
  if (moved.length > 0) return err(moved);
  if (fresh.length === 0) return ok(undefined);
  try {
    await writeNoticeLedger(ledgerFile, withVersions(ledger.value, fresh));
    return ok(undefined);
  } catch (error) {
    const first = additions[0]!;
    return err([
      {
        code: 'config.noticeLedgerUnwritable',
        path: [...first.path, 'textFile'],
        expected: {
          en: `a writable ${ledgerFile} to record version ${first.version} of "${first.id}" (${first.locale})`,
          tr: `"${first.id}" (${first.locale}) metninin ${first.version}. sürümünü kaydetmek için yazılabilir bir ${ledgerFile}`,
        },
        received: (error as NodeJS.ErrnoException).code ?? String(error),
        params: { file: ledgerFile, id: first.id, version: first.version },
      },
    ]);
  }
}

/**
 * Reads a config file and checks all but its environment: structure, compliance rules, notice
 * files and hashes. For commands run away from the server's secrets (purge, notice, init).
 */
export async function readConfigWithoutSecrets(
  path: string,
): Promise<Result<{ config: ServerConfig; read: ConfigInput }, Problem[]>> {
  const read = await readConfigInput(path);
  if (!read.ok) return read;
  const checked = await checkConfigInput(read.value);
  return checked.ok ? ok({ config: checked.value, read: read.value }) : checked;
}

/** Checks a read config as `readConfigWithoutSecrets` does, every problem pointing at the file. */
export async function checkConfigInput(
  read: ConfigInput,
): Promise<Result<ServerConfig, Problem[]>> {
  const { notices } = read;
  const validated = validateServerConfig(read.input);
  const problems = [...notices.problems];
  if (!validated.ok) problems.push(...validated.error.map(notices.remap));
  else {
    for (const [t, tenant] of validated.value.tenants.entries()) {
      for (const [s, site] of tenant.sites.entries()) {
        for (const p of await checkSiteConfigHashes(site))
          problems.push(notices.remap({ ...p, path: ['tenants', t, 'sites', s, ...p.path] }));
      }
    }
  }
  if (!validated.ok || problems.length > 0) return err(problems);
  return ok(validated.value);
}

/**
 * Reads and checks the config file at `path`, recording changed notice texts as new versions;
 * a syntax error is one problem too.
 */
export async function readServerConfig(
  path: string,
  env: Env,
): Promise<Result<LoadedConfig, Problem[]>> {
  const read = await readConfigFile(path, env, { record: true });
  return read.ok ? ok(read.value.loaded) : read;
}

defineProblemMessages({
  'config.noticeLedgerMoved': {
    tr: (p) =>
      `"${p.params?.id}" metninin sürümleri bu sırada başka bir izinli süreci tarafından ${p.params?.file} dosyasına kaydedildi; yapılandırmayı yeniden yükleyin (SIGHUP ya da yeniden başlatma)`,
    en: (p) =>
      `another izinli process recorded versions of "${p.params?.id}" in ${p.params?.file} meanwhile; load the config again (SIGHUP, or a restart)`,
  },
  'config.noticeLedgerUnwritable': {
    tr: (p) =>
      `"${p.params?.id}" metninin ${p.params?.version}. sürümü ${p.params?.file} dosyasına yazılamadı (${p.received}); yapılandırma klasörü salt okunursa \`izinli notice bump ${p.params?.id}\` komutunu yazılabilir bir kopyada çalıştırıp bu dosyayı yapılandırmayla birlikte dağıtın`,
    en: (p) =>
      `cannot record version ${p.params?.version} of "${p.params?.id}" in ${p.params?.file} (${p.received}); if the config folder is read-only, run \`izinli notice bump ${p.params?.id}\` on a writable copy and ship that file with the config`,
  },
});
