// `izinli notice add` and `izinli notice bump`: notices named by file, hashed and numbered by the
// code the server runs when it loads the config (config/notice-files.ts), never by hand.
import { access, readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import {
  checkConfigInput,
  readConfigInput,
  recordNoticeVersions,
  resolveConfigInput,
} from '../config/config-file.js';
import type { ConfigInput } from '../config/config-file.js';
import { isJsonObject as isObject, writeJsonFile } from '../config/json-file.js';
import type { JsonObject as Json } from '../config/json-file.js';
import type { NoticeAddition } from '../config/notice-files.js';
import type { CliCommand } from './args.js';
import { EXIT, cliLocale, configPathOf } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { DEFAULT_TITLES } from './init-templates.js';
import { write } from './io.js';
import { problemLines } from './problem-report.js';

interface RawSite {
  site: Json;
  t: number;
  s: number;
}

function rawSites(config: unknown): RawSite[] {
  const tenants = isObject(config) && Array.isArray(config.tenants) ? config.tenants : [];
  return tenants.flatMap((tenant, t) =>
    (isObject(tenant) && Array.isArray(tenant.sites) ? tenant.sites : []).flatMap((site, s) =>
      isObject(site) ? [{ site, t, s }] : [],
    ),
  );
}

/** The site a notice command works on: --site, or the config's only site. */
function pickSite(config: unknown, key: string | undefined, path: string): RawSite {
  const sites = rawSites(config);
  const keys = sites.map(({ site }) => String(site.siteKey));
  if (key !== undefined) {
    const found = sites.find(({ site }) => site.siteKey === key);
    if (!found) throw new Error(`${path} has no site ${key}; its sites: ${keys.join(', ')}`);
    return found;
  }
  if (sites.length === 1) return sites[0]!;
  throw new Error(
    sites.length === 0
      ? `${path} has no site`
      : `${path} has ${sites.length} sites: pass --site <key> (${keys.join(', ')})`,
  );
}

/** Prints the problems that stop a notice command; nothing has been written. */
async function refuse(deps: CliDeps, path: string, problems: Parameters<typeof problemLines>[0][]) {
  const locale = cliLocale(undefined, deps.env);
  const lines = problems.map((p) => problemLines(p, locale));
  await write(
    deps.stderr,
    `izinli: nothing written: ${path} would have ${problems.length} problem(s) (izinli config check names them too):\n${lines.join('\n')}\n`,
  );
  return EXIT.usage;
}

const matches = (a: NoticeAddition, { siteKey, id, locale }: Partial<NoticeAddition>) =>
  (siteKey === undefined || a.siteKey === siteKey) &&
  a.id === id &&
  (locale === undefined || a.locale === locale);

const recordedLine = (a: NoticeAddition) =>
  `recorded version ${a.version} of "${a.id}" (${a.locale}) from ${a.file}, sha256 ${a.sha256}`;

/** `izinli notice add <file> --id <id> --kind <kind> [--locale] [--title] [--site] [--config]`. */
export async function noticeAddCommand(
  command: Extract<CliCommand, { name: 'notice-add' }>,
  deps: CliDeps,
): Promise<number> {
  const path = configPathOf(command, deps.env);
  const config = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const { site } = pickSite(config, command.site, path);
  const locale = command.locale ?? 'tr';
  const notices = Array.isArray(site.notices) ? site.notices : (site.notices = []);
  if (notices.some((n) => isObject(n) && n.id === command.id && n.locale === locale)) {
    throw new Error(
      `notice "${command.id}" (${locale}) is already in ${path}: edit its text and run izinli notice bump ${command.id}`,
    );
  }
  const file = resolve(command.file);
  try {
    await access(file);
  } catch (error) {
    throw new Error(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  // Relative to the config, with forward slashes, so the config moves with its folder.
  const textFile = relative(dirname(resolve(path)), file)
    .split(sep)
    .join('/');
  notices.push({
    id: command.id,
    locale,
    kind: command.kind,
    title: command.title ?? DEFAULT_TITLES[command.kind][locale],
    textFile,
  });
  const notes: string[] = [];
  if (command.kind === 'etk' && site.etkNoticeId === undefined) {
    site.etkNoticeId = command.id;
    notes.push(`"etkNoticeId" is now "${command.id}": the form shows it with the channel boxes`);
  } else if (command.kind === 'etk' && site.etkNoticeId !== command.id) {
    notes.push(
      `the form shows "${String(site.etkNoticeId)}" with the channel boxes; set "etkNoticeId": "${command.id}" to show this one`,
    );
  } else if (command.kind === 'aydinlatma' && site.aydinlatmaNoticeId !== command.id) {
    if (site.aydinlatmaNoticeId === undefined) site.aydinlatmaNoticeId = command.id;
    else
      notes.push(
        `the form shows "${String(site.aydinlatmaNoticeId)}" as its aydınlatma notice; set "aydinlatmaNoticeId": "${command.id}" to show this one`,
      );
  } else if (command.kind === 'acik-riza') {
    notes.push(
      `give a purpose "noticeId": "${command.id}" to ask for this consent with its own box`,
    );
  }

  const read = await resolveConfigInput(config, path, deps.now ? { now: deps.now() } : {});
  if (!read.ok) return refuse(deps, path, read.error);
  const checked = await checkConfigInput(read.value);
  if (!checked.ok) return refuse(deps, path, checked.error);
  const mine = read.value.notices.additions.filter((a) =>
    matches(a, { siteKey: String(site.siteKey), id: command.id, locale }),
  );
  // The ledger first: a version with no entry yet is harmless, an entry with no version is not.
  const recorded = await recordNoticeVersions(read.value.ledgerFile, mine);
  if (!recorded.ok) return refuse(deps, path, recorded.error);
  await writeJsonFile(path, config);
  const lines = [
    `added notice "${command.id}" (${locale}, ${command.kind}) to ${path}, its text from ${textFile}`,
    ...mine.map(recordedLine),
    ...notes,
  ];
  await write(deps.stdout, `${lines.join('\n')}\n`);
  return EXIT.ok;
}

// The current version of the entry at `path` in the resolved config.
function versionAt(read: ConfigInput, path: readonly (string | number)[]): unknown {
  let value: unknown = read.input;
  for (const key of path)
    value = isObject(value) || Array.isArray(value) ? (value as Json)[key] : undefined;
  return isObject(value) ? value.version : undefined;
}

/** `izinli notice bump <id> [--locale] [--site] [--config]`. */
export async function noticeBumpCommand(
  command: Extract<CliCommand, { name: 'notice-bump' }>,
  deps: CliDeps,
): Promise<number> {
  const path = configPathOf(command, deps.env);
  const read = await readConfigInput(path, deps.now ? { now: deps.now() } : {});
  if (!read.ok) return refuse(deps, path, read.error);
  const checked = await checkConfigInput(read.value);
  if (!checked.ok) return refuse(deps, path, checked.error);
  const config = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const sites =
    command.site === undefined ? rawSites(config) : [pickSite(config, command.site, path)];
  const entries = sites.flatMap(({ site, t, s }) =>
    (site.notices as unknown[]).flatMap((entry, i) =>
      isObject(entry) &&
      entry.id === command.id &&
      (command.locale === undefined || entry.locale === command.locale)
        ? [{ entry, siteKey: String(site.siteKey), path: ['tenants', t, 'sites', s, 'notices', i] }]
        : [],
    ),
  );
  const byFile = entries.filter(({ entry }) => typeof entry.textFile === 'string');
  if (byFile.length === 0) {
    throw new Error(
      entries.length > 0
        ? `notice "${command.id}" is written inline (text, sha256, version): only a notice named by file (textFile) is versioned by izinli; move its text to a file, e.g. izinli notice add <file> --id <new-id>`
        : `${path} has no notice "${command.id}"${command.locale ? ` in ${command.locale}` : ''}`,
    );
  }
  const lines: string[] = [];
  const due: NoticeAddition[] = [];
  for (const { entry, siteKey, path: at } of byFile) {
    const addition = read.value.notices.additions.find((a) =>
      matches(a, { siteKey, id: command.id, locale: String(entry.locale) }),
    );
    if (addition) due.push(addition);
    else
      lines.push(
        `unchanged: "${command.id}" (${String(entry.locale)}) is version ${String(versionAt(read.value, at))}, the text of ${String(entry.textFile)}`,
      );
  }
  const recorded = await recordNoticeVersions(read.value.ledgerFile, due);
  if (!recorded.ok) return refuse(deps, path, recorded.error);
  lines.push(...due.map(recordedLine));
  if (due.length > 0) lines.push('A running server serves it after SIGHUP (or a restart).');
  await write(deps.stdout, `${lines.join('\n')}\n`);
  return EXIT.ok;
}
