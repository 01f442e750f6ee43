// `izinli config check`: the config checked exactly as the server would check it at start, every
// problem named; changed notice files are reported (the server records them), never recorded here.
import type { Locale } from '@izinli/core';
import { readConfigFile } from '../config/config-file.js';
import type { CliCommand } from './args.js';
import { EXIT, cliLocale, configPathOf } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';
import { problemJson, problemLines } from './problem-report.js';

type Command = Extract<CliCommand, { name: 'config-check' }>;

const TEXT = {
  tr: {
    problems: (path: string, n: number) => `izinli: ${path} içinde ${n} sorun var:`,
    valid: (path: string, sites: number, origins: number) =>
      `izinli: ${path} geçerli: ${sites} site, ${origins} izin verilen kaynak (origin)`,
    due: (id: string, locale: string, version: number, file: string) =>
      `  - "${id}" (${locale}) metni ${file} dosyasında değişti: sunucu başlarken ya da yeniden yüklerken ${version}. sürüm olarak kaydedilecek (hemen kaydetmek için: izinli notice bump ${id})`,
    dueHead: 'yeni metin sürümleri:',
    warnings: (n: number) => `${n} uyarı (yapılandırma yine de geçerli):`,
  },
  en: {
    problems: (path: string, n: number) => `izinli: ${path} has ${n} problem(s):`,
    valid: (path: string, sites: number, origins: number) =>
      `izinli: ${path} is valid: ${sites} site(s), ${origins} allowed origin(s)`,
    due: (id: string, locale: string, version: number, file: string) =>
      `  - "${id}" (${locale}) changed in ${file}: the server records it as version ${version} when it starts or reloads (to record it now: izinli notice bump ${id})`,
    dueHead: 'new notice versions:',
    warnings: (n: number) => `${n} warning(s) (the config is still valid):`,
  },
} satisfies Record<Locale, unknown>;

export async function configCheckCommand(command: Command, deps: CliDeps): Promise<number> {
  const locale = cliLocale(command.lang, deps.env);
  const text = TEXT[locale];
  const path = configPathOf(command, deps.env);
  const read = await readConfigFile(path, deps.env, {
    record: false,
    ...(deps.now ? { now: deps.now() } : {}),
  });
  if (command.json) {
    const report = read.ok
      ? {
          ok: true,
          config: path,
          problems: [],
          warnings: read.value.warnings.map((p) => problemJson(p, locale)),
          noticeVersions: read.value.noticeVersions.map(({ id, locale: l, version, file }) => ({
            id,
            locale: l,
            version,
            file,
          })),
        }
      : { ok: false, config: path, problems: read.error.map((p) => problemJson(p, locale)) };
    await write(deps.stdout, `${JSON.stringify(report, null, 2)}\n`);
    return read.ok ? EXIT.ok : EXIT.failed;
  }
  if (!read.ok) {
    const lines = [
      text.problems(path, read.error.length),
      ...read.error.map((p) => problemLines(p, locale)),
    ];
    await write(deps.stdout, `${lines.join('\n')}\n`);
    return EXIT.failed;
  }
  const { loaded, noticeVersions, warnings } = read.value;
  const sites = [...loaded.sites.values()];
  const lines = [
    text.valid(
      path,
      sites.length,
      sites.reduce((n, { site }) => n + site.allowedOrigins.length, 0),
    ),
  ];
  if (noticeVersions.length > 0) {
    lines.push(
      text.dueHead,
      ...noticeVersions.map((v) => text.due(v.id, v.locale, v.version, v.file)),
    );
  }
  if (warnings.length > 0) {
    lines.push(text.warnings(warnings.length), ...warnings.map((p) => problemLines(p, locale)));
  }
  await write(deps.stdout, `${lines.join('\n')}\n`);
  return EXIT.ok;
}
