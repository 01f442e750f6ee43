// `izinli init`: a working start for a site owner — the config, notice templates, a signing key,
// an admin token (shown once, only its SHA-256 stored) and the snippet for their form.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { AllowedOrigin, SiteKey } from '@izinli/core';
import { readConfigWithoutSecrets, recordNoticeVersions } from '../config/config-file.js';
import { writeJsonFile } from '../config/json-file.js';
import { loadKeyRing } from '../proof/index.js';
import type { InitOptions } from './args.js';
import { EXIT, cliLocale } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { configOf } from './init-config.js';
import type { Settings } from './init-config.js';
import { INIT_TEXT } from './init-text.js';
import type { InitText } from './init-text.js';
import { NOTICE_TEMPLATES } from './init-templates.js';
import { write } from './io.js';
import { problemLines } from './problem-report.js';
import { prompter } from './prompt.js';
import type { Prompter } from './prompt.js';
import { newAdminToken } from './token-command.js';
import { findWidgetBundle, widgetSnippet } from '../widget/bundle.js';

const DEFAULT_PUBLIC_URL = 'http://localhost:8787';

// Each check returns the problem in the user's language, or undefined when the value is fine.
function checks(t: InitText) {
  const code = (v: string) =>
    /^\d+$/.test(v) && Number(v) > 0 && Number.isSafeInteger(Number(v))
      ? undefined
      : t.problem.code;
  const origin = (v: string) => {
    const parsed = AllowedOrigin.safeParse(v);
    if (parsed.success) return undefined;
    const params = (parsed.error.issues[0] as { params?: { suggestion?: string } }).params;
    return t.problem.origin(v, params?.suggestion);
  };
  return {
    siteKey: (v: string) => (SiteKey.safeParse(v).success ? undefined : t.problem.siteKey),
    origins: (v: string) => {
      const list = splitOrigins(v);
      return list.length === 0 ? t.problem.noOrigin : list.map(origin).find((p) => p !== undefined);
    },
    origin,
    code,
    envName: (v: string) => (/^[A-Z_][A-Z0-9_]*$/.test(v) ? undefined : t.problem.envName),
    text: (v: string) => (v.trim() === '' ? t.problem.empty : undefined),
    publicUrl: (v: string) => {
      try {
        const url = new URL(v);
        const fine =
          (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
        return fine ? undefined : t.problem.publicUrl;
      } catch {
        return t.problem.publicUrl;
      }
    },
  };
}

const splitOrigins = (text: string) => text.split(/[\s,]+/).filter(Boolean);
// The URL as the snippet and PUBLIC_URL want it: normalised, with no trailing slash.
const normalUrl = (text: string) => new URL(text).href.replace(/\/+$/, '');

/** Checks what the flags gave and asks for the rest (or, with --yes, takes the defaults). */
async function settingsOf(
  command: InitOptions,
  t: InitText,
  ask: () => Prompter,
): Promise<Settings> {
  const check = checks(t);
  const given: [string, string | undefined, (v: string) => string | undefined][] = [
    ['--site-key', command.siteKey, check.siteKey],
    ['--iys-code', command.iysCode, check.code],
    ['--brand-code', command.brandCode, check.code],
    ['--iys-username', command.iysUsername, check.text],
    ['--iys-password-env', command.iysPasswordEnv, check.envName],
    ['--public-url', command.publicUrl, check.publicUrl],
    ...command.origins.map((o): [string, string, (v: string) => string | undefined] => [
      '--origin',
      o,
      check.origin,
    ]),
  ];
  // A flag given wrong is an error even when the rest is asked: a script should not hang on it.
  for (const [flag, value, test] of given) {
    const problem = value === undefined ? undefined : test(value);
    if (problem) throw new Error(t.badFlag(flag, problem));
  }
  const randomKey = `izn_${randomBytes(12).toString('base64url')}`;
  if (command.yes) {
    const missing = [
      ...(command.origins.length === 0 ? ['--origin <url>'] : []),
      ...(command.iysCode === undefined ? ['--iys-code <n>'] : []),
    ];
    if (missing.length > 0) throw new Error(t.missing(missing));
  }
  let prompts: Prompter | undefined;
  const answer = async (
    value: string | undefined,
    question: string,
    test: (v: string) => string | undefined,
    fallback?: string,
  ) => {
    if (value !== undefined) return value;
    if (command.yes) return fallback ?? '';
    prompts ??= ask();
    return prompts.ask(question, test, fallback);
  };
  try {
    const siteKey = await answer(command.siteKey, t.ask.siteKey, check.siteKey, randomKey);
    const origins =
      command.origins.length > 0
        ? command.origins
        : splitOrigins(await answer(undefined, t.ask.origins, check.origins));
    const iysCode = await answer(command.iysCode, t.ask.iysCode, check.code);
    const brandCode = await answer(command.brandCode, t.ask.brandCode, check.code, iysCode);
    // An empty answer means "from the environment", so it passes the check here.
    const iysUsername = await answer(command.iysUsername, t.ask.iysUsername, () => undefined, '');
    const iysPasswordEnv = await answer(
      command.iysPasswordEnv,
      t.ask.iysPasswordEnv,
      check.envName,
      'IYS_PASSWORD',
    );
    const publicUrl = await answer(
      command.publicUrl,
      t.ask.publicUrl,
      check.publicUrl,
      DEFAULT_PUBLIC_URL,
    );
    return {
      siteKey,
      origins: [...new Set(origins)],
      iysCode: Number(iysCode),
      brandCode: Number(brandCode),
      ...(iysUsername.trim() ? { iysUsername: iysUsername.trim() } : {}),
      iysPasswordEnv,
      publicUrl: normalUrl(publicUrl),
    };
  } finally {
    prompts?.close();
  }
}

/** `izinli init`. */
export async function initCommand(command: InitOptions, deps: CliDeps): Promise<number> {
  const locale = cliLocale(command.lang, deps.env);
  const t = INIT_TEXT[locale];
  const dir = resolve(command.dir ?? '.');
  const configPath = join(dir, 'izinli.config.json');
  if (existsSync(configPath) && !command.force) throw new Error(t.exists(configPath));
  // With --json, stdout carries the one JSON object; questions and progress go to stderr.
  const out = command.json ? deps.stderr : deps.stdout;
  const settings = await settingsOf(command, t, () => prompter(deps.stdin, out, t.ended));
  const lines: string[] = [];
  const progress = async (line: string) => {
    lines.push(line);
    if (!command.json) await write(out, `${line}\n`);
  };

  await mkdir(join(dir, 'notices'), { recursive: true });
  for (const template of NOTICE_TEMPLATES) {
    const file = join(dir, template.file);
    // The owner's edited texts are never overwritten, not even with --force.
    if (existsSync(file)) await progress(t.kept(template.file));
    else {
      await writeFile(file, template.text, { flag: 'wx' });
      await progress(t.wrote(template.file));
    }
  }
  const { token, sha256 } = newAdminToken();
  await writeJsonFile(configPath, configOf(settings, dir, sha256));
  await progress(t.wrote('izinli.config.json'));

  // The same data folder `izinli start` uses: DATA_DIR, else data/ beside the config.
  const dataDir = deps.env.DATA_DIR || join(dir, 'data');
  if (deps.env.IZINLI_SIGNING_KEY) await progress(t.envKey);
  else {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // Keys and personal data: never committed by accident.
    const ignore = join(dataDir, '.gitignore');
    if (!existsSync(ignore)) await writeFile(ignore, '*\n');
    const ring = await loadKeyRing({ dataDir, ...(deps.now ? { now: deps.now } : {}) });
    await progress(t.key(ring.kid, join(relative(dir, dataDir) || '.', 'keys')));
  }

  const checked = await readConfigWithoutSecrets(configPath);
  if (!checked.ok) {
    await write(deps.stderr, `${checked.error.map((p) => problemLines(p, locale)).join('\n')}\n`);
    return EXIT.failed;
  }
  const { ledgerFile, notices } = checked.value.read;
  const recorded = await recordNoticeVersions(ledgerFile, notices.additions);
  if (!recorded.ok) {
    await write(deps.stderr, `${recorded.error.map((p) => problemLines(p, locale)).join('\n')}\n`);
    return EXIT.failed;
  }
  await progress(t.versions(relative(dir, ledgerFile)));

  const bundle = findWidgetBundle();
  const snippet = widgetSnippet({
    publicUrl: settings.publicUrl,
    siteKey: settings.siteKey,
    ...(bundle.ok ? { bundle: bundle.value } : {}),
  });
  if (command.json) {
    if (!bundle.ok) await write(deps.stderr, `${t.noIntegrity(bundle.error)}\n`);
    const result = { configPath, siteKey: settings.siteKey, adminToken: token, snippet };
    await write(deps.stdout, `${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const shown = relative(process.cwd(), configPath) || configPath;
  const indent = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`);
  await write(
    out,
    [
      '',
      t.token,
      `  ${token}`,
      '',
      t.snippet,
      ...indent(snippet),
      ...(bundle.ok ? [] : [t.noIntegrity(bundle.error)]),
      '',
      t.next,
      ...t.steps(
        shown,
        settings.iysPasswordEnv,
        settings.iysUsername === undefined,
        settings.publicUrl,
      ),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
