// Long because: reading, checking and versioning notice files, with each problem's messages.
// Resolves the notices a config names by file (`textFile`) into the versioned notices the validator
// and the server know: reads each file, hashes it and numbers it from the ledger, so a changed
// text becomes a new version and every older one is still served (receipts name them).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineProblemMessages, excerpt } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { isJsonObject as isObject } from './json-file.js';
import type { JsonObject as Json } from './json-file.js';
import { ledgerVersions, textSha256 } from './notice-ledger.js';
import type { LedgerAddition, NoticeLedger } from './notice-ledger.js';

/** A version a text needs that the ledger does not hold yet. */
export interface NoticeAddition extends LedgerAddition {
  /** The `textFile` as the config names it. */
  file: string;
  /** Where the entry is in the config. */
  path: Problem['path'];
}

/** A config with its file-named notices resolved. */
export interface ResolvedNotices {
  /** The config with each `textFile` entry replaced by its versions (the input is not changed). */
  input: unknown;
  /** Problems with the files themselves: unreadable, empty, not UTF-8, a text or hash beside. */
  problems: Problem[];
  /** Texts that still hold a template's [PLACEHOLDERS]. */
  warnings: Problem[];
  /** New versions, in config order, to record once the config is accepted. */
  additions: NoticeAddition[];
  /** Points a problem about a resolved notice back at the entry the author wrote. */
  remap: (problem: Problem) => Problem;
}

// What the server fills in itself; written beside `textFile` it would be a second, stale truth.
const DERIVED = ['text', 'sha256', 'version'] as const;
// A template's blanks: `[ŞİRKET UNVANI]`. Upper case only, so ordinary brackets in a text pass.
const PLACEHOLDER = /\[[A-ZÇĞİÖŞÜ][A-ZÇĞİÖŞÜ0-9 ,.'’/-]*\]/gu;
// Stands in for a text that could not be read, so the rest of the config is still checked.
const UNREAD = '(unread)';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a notice file: UTF-8, with a byte-order mark and trailing blank space dropped and
 * CRLF read as LF, so an editor or git's line-ending conversion never makes a new version.
 */
export function noticeFileText(bytes: Uint8Array): string {
  return utf8
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trimEnd();
}

/** The [PLACEHOLDERS] a template left in a text, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

async function readNoticeFile(
  configDir: string,
  file: string,
  at: Problem['path'],
): Promise<{ text: string } | { problem: Problem }> {
  const absolute = resolve(configDir, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    return {
      problem: {
        code: 'config.noticeFileUnreadable',
        path: at,
        expected: {
          en: `a readable text file at ${absolute}`,
          tr: `${absolute} konumunda okunabilir bir metin dosyası`,
        },
        received: (error as NodeJS.ErrnoException).code ?? String(error),
        params: { file: absolute },
      },
    };
  }
  let text: string;
  try {
    text = noticeFileText(bytes);
  } catch {
    return {
      problem: {
        code: 'config.noticeFileNotUtf8',
        path: at,
        expected: { en: `${file} saved as UTF-8`, tr: `UTF-8 olarak kaydedilmiş ${file}` },
        received: 'bytes that are not UTF-8 (Windows-1254 or ISO-8859-9?)',
        receivedText: {
          en: 'bytes that are not UTF-8 (Windows-1254 or ISO-8859-9?)',
          tr: 'UTF-8 olmayan baytlar (Windows-1254 ya da ISO-8859-9 mu?)',
        },
        params: { file },
      },
    };
  }
  if (text.trim() === '') {
    return {
      problem: {
        code: 'config.noticeFileEmpty',
        path: at,
        expected: { en: `the notice text in ${file}`, tr: `${file} içinde metnin kendisi` },
        received: 'an empty file',
        receivedText: { en: 'an empty file', tr: 'boş bir dosya' },
        params: { file },
      },
    };
  }
  return { text };
}

/**
 * Resolves every `textFile` notice of a parsed config (any JSON value) against `ledger`. Nothing is
 * written: the caller records `additions` once the whole config is accepted, so a refused config
 * never moves a version.
 */
export async function resolveNoticeFiles(
  input: unknown,
  options: { configDir: string; ledger: NoticeLedger; now: Date },
): Promise<ResolvedNotices> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const additions: NoticeAddition[] = [];
  // Per site ("t/s"): the index of each old version appended → the file entry it came from.
  const origins = new Map<string, Map<number, number>>();
  const fileEntries = new Map<string, Set<number>>();
  const output = structuredClone(input);
  const tenants = isObject(output) && Array.isArray(output.tenants) ? output.tenants : [];

  for (const [t, tenant] of tenants.entries()) {
    const sites = isObject(tenant) && Array.isArray(tenant.sites) ? tenant.sites : [];
    for (const [s, site] of sites.entries()) {
      if (!isObject(site) || !Array.isArray(site.notices)) continue;
      const notices = site.notices as unknown[];
      const siteKey = typeof site.siteKey === 'string' ? site.siteKey : '';
      const origin = new Map<number, number>();
      const entries = new Set<number>();
      const seen = new Map<string, number>();
      const older: Json[] = [];
      const count = notices.length;
      for (let i = 0; i < count; i += 1) {
        const entry = notices[i];
        if (!isObject(entry) || !('textFile' in entry)) continue;
        entries.add(i);
        const at = ['tenants', t, 'sites', s, 'notices', i];
        const { textFile, ...rest } = entry;
        for (const key of DERIVED) {
          if (!(key in rest)) continue;
          problems.push({
            code: 'config.noticeFileConflict',
            path: [...at, key],
            expected: {
              en: 'textFile alone: the server reads, hashes and versions the file',
              tr: 'yalnızca textFile: dosyayı sunucu okur, özetini alır ve sürümler',
            },
            received: excerpt(rest[key]),
            params: { key },
          });
          // An unknown field of an author's entry, reported above and dropped from what is checked.
          // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
          delete rest[key];
        }
        const key = `${String(rest.id)}\u0000${String(rest.locale)}`;
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({
            code: 'config.noticeFileDuplicate',
            path: [...at, 'id'],
            expected: {
              en: `one textFile entry per notice id and locale (notices[${first}] has this one)`,
              tr: `her metin kimliği ve dil için tek bir textFile girdisi (bu, notices[${first}] içinde var)`,
            },
            received: excerpt(`${String(rest.id)} (${String(rest.locale)})`),
            params: { first },
          });
        } else seen.set(key, i);

        const read =
          typeof textFile === 'string' && textFile !== ''
            ? await readNoticeFile(options.configDir, textFile, [...at, 'textFile'])
            : {
                problem: {
                  code: 'config.noticeFileMissing',
                  path: [...at, 'textFile'],
                  expected: {
                    en: 'a path to the text file, relative to the config file',
                    tr: 'metin dosyasının yapılandırma dosyasına göre yolu',
                  },
                  received: excerpt(textFile),
                },
              };
        if ('problem' in read) {
          problems.push(read.problem);
          notices[i] = { ...rest, version: 1, text: UNREAD, sha256: textSha256(UNREAD) };
          continue;
        }
        const { text } = read;
        const file = textFile as string;
        const blanks = placeholdersIn(text);
        if (blanks.length > 0) {
          warnings.push({
            code: 'config.noticePlaceholder',
            path: [...at, 'textFile'],
            expected: {
              en: `${file} filled in, with no [PLACEHOLDER] of the template left`,
              tr: `doldurulmuş bir ${file}: şablonun [YER TUTUCU] alanlarından hiçbiri kalmamış`,
            },
            received: blanks.join(' '),
            params: { file },
          });
        }
        const sha256 = textSha256(text);
        const id = String(rest.id);
        const locale = String(rest.locale);
        const recorded = ledgerVersions(options.ledger, siteKey, id, locale);
        const last = recorded.at(-1);
        let version = last?.version ?? 0;
        if (last?.sha256 !== sha256) {
          version += 1;
          additions.push({
            siteKey,
            id,
            locale,
            version,
            sha256,
            title: typeof rest.title === 'string' ? rest.title : '',
            recordedAt: options.now.toISOString(),
            text,
            file,
            path: at,
          });
        }
        notices[i] = { ...rest, version, text, sha256 };
        // Every recorded version stays served: an old receipt's text and hash must still be found.
        for (const old of recorded) {
          if (old.version === version) continue;
          origin.set(count + older.length, i);
          older.push({
            id: rest.id,
            locale: rest.locale,
            kind: rest.kind,
            title: old.title,
            version: old.version,
            text: old.text,
            sha256: old.sha256,
          });
        }
      }
      notices.push(...older);
      origins.set(`${t}/${s}`, origin);
      fileEntries.set(`${t}/${s}`, entries);
    }
  }

  const remap = (problem: Problem): Problem => {
    const [top, t, sites, s, notices, k, field] = problem.path;
    if (top !== 'tenants' || sites !== 'sites' || notices !== 'notices' || typeof k !== 'number')
      return problem;
    const site = `${String(t)}/${String(s)}`;
    const at = (i: number) => [...problem.path.slice(0, 5), i, 'textFile'];
    const from = origins.get(site)?.get(k);
    if (from !== undefined) return { ...problem, path: at(from) };
    const derived = DERIVED as readonly unknown[];
    if (fileEntries.get(site)?.has(k) && derived.includes(field))
      return { ...problem, path: at(k) };
    return problem;
  };
  return { input: output, problems, warnings, additions, remap };
}

defineProblemMessages({
  'config.noticeFileUnreadable': {
    tr: (p) =>
      `metin dosyası okunamadı: ${p.params?.file} (${p.received}); yolu, yapılandırma dosyasına göre yazın`,
    en: (p) =>
      `cannot read the text file ${p.params?.file} (${p.received}); give its path relative to the config file`,
  },
  'config.noticeFileNotUtf8': {
    tr: (p) =>
      `${p.params?.file} UTF-8 olarak kaydedilmelidir; gelen dosya UTF-8 değil (Windows-1254 ya da ISO-8859-9 olabilir)`,
    en: (p) => `${p.params?.file} must be saved as UTF-8; it is not (Windows-1254 or ISO-8859-9?)`,
  },
  'config.noticeFileEmpty': {
    tr: (p) => `${p.params?.file} metni içermelidir; dosya boş`,
    en: (p) => `${p.params?.file} must hold the notice text; the file is empty`,
  },
  'config.noticeFileMissing': {
    tr: (p) =>
      `textFile, metin dosyasının yapılandırma dosyasına göre yolu olmalıdır; gelen ${p.received}`,
    en: (p) =>
      `textFile must be the text file's path, relative to the config file; received ${p.received}`,
  },
  'config.noticeFileConflict': {
    tr: (p) =>
      `textFile ile birlikte "${p.params?.key}" yazılmamalıdır: sunucu dosyayı okur, özetini hesaplar ve sürümünü kendisi verir; bu alanı silin`,
    en: (p) =>
      `"${p.params?.key}" must not stand beside textFile: the server reads, hashes and versions the file itself; remove it`,
  },
  'config.noticeFileDuplicate': {
    tr: (p) =>
      `her metin kimliği ve dil için tek bir textFile girdisi olmalıdır; notices[${p.params?.first}] bu metni zaten tanımlıyor: ${p.received}`,
    en: (p) =>
      `one textFile entry per notice id and locale; notices[${p.params?.first}] already defines ${p.received}`,
  },
  'config.noticePlaceholder': {
    tr: (p) =>
      `${p.params?.file} hâlâ şablonun doldurulacak yerlerini içeriyor: ${p.received}; yayına almadan önce bunları kendi bilgilerinizle değiştirin`,
    en: (p) =>
      `${p.params?.file} still holds the template's blanks: ${p.received}; replace them with your own details before going live`,
  },
});
