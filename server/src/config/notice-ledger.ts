// The notice versions ledger: every text a file-named notice (`textFile`) ever had, by site, id,
// locale and version, kept beside the config file. Receipts name {id, version, sha256} and the
// evidence bundle shows the exact text, so a version, once recorded, is never changed or dropped.
// It holds only the texts the site shows to everyone: safe to commit with the config.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  NoticeVersion,
  Sha256Digest,
  defineProblemMessages,
  err,
  excerpt,
  ok,
  problemsFromZod,
} from '@izinli/core';
import type { Localized, Problem, Result } from '@izinli/core';
import { z } from 'zod';
import { writeJsonFile } from './json-file.js';

const LedgerVersion = z.strictObject({
  version: NoticeVersion,
  sha256: Sha256Digest,
  title: z.string(),
  recordedAt: z.string(),
  text: z.string(),
});
/** One recorded version of a notice text. */
export type LedgerVersion = z.infer<typeof LedgerVersion>;

const NoticeLedgerShape = z.strictObject({
  $comment: z.string().optional(),
  format: z.literal(1),
  /** siteKey → notice id → locale → versions, oldest first. */
  sites: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.array(LedgerVersion)))),
});
export type NoticeLedger = z.infer<typeof NoticeLedgerShape>;

const COMMENT =
  'Notice versions izinli recorded from the textFile notices of the config beside this file. Every text a notice ever had stays here, so receipts that name an old version still verify and the evidence shows what was read. Commit it with the config; do not edit it by hand.';

/** A ledger with nothing recorded yet. */
export const emptyLedger = (): NoticeLedger => ({ $comment: COMMENT, format: 1, sites: {} });

/** The SHA-256 (hex) of a text's UTF-8 bytes: the same digest as `noticeHash`, synchronously. */
export const textSha256 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Where the ledger of a config file lives: beside it, named after it (`izinli.config.json` →
 * `izinli.notices.json`, `prod.json` → `prod.notices.json`), so two configs in one folder keep
 * their own.
 */
export function noticeLedgerFile(configPath: string): string {
  const stem = basename(configPath)
    .replace(/\.json$/i, '')
    .replace(/\.config$/i, '');
  return join(dirname(configPath), `${stem || 'izinli'}.notices.json`);
}

/** The recorded versions of one notice, oldest first (empty when none). */
export function ledgerVersions(
  ledger: NoticeLedger,
  siteKey: string,
  id: string,
  locale: string,
): readonly LedgerVersion[] {
  return ledger.sites[siteKey]?.[id]?.[locale] ?? [];
}

/** A version to add to the ledger, and where it belongs. */
export interface LedgerAddition extends LedgerVersion {
  siteKey: string;
  id: string;
  locale: string;
}

/** The ledger with `additions` appended (the input is not changed). */
export function withVersions(
  ledger: NoticeLedger,
  additions: readonly LedgerAddition[],
): NoticeLedger {
  const next = structuredClone(ledger);
  for (const { siteKey, id, locale, version, sha256, title, recordedAt, text } of additions) {
    const ids = (next.sites[siteKey] ??= {});
    const locales = (ids[id] ??= {});
    (locales[locale] ??= []).push({ version, sha256, title, recordedAt, text });
  }
  return next;
}

function ledgerProblem(file: string, path: Problem['path'], expected: Localized, received: string) {
  return {
    code: 'config.noticeLedgerInvalid',
    path,
    expected,
    received,
    params: { file },
  } satisfies Problem;
}

/**
 * Reads the ledger at `file`; a missing file is an empty ledger. A ledger that is not valid, or
 * whose recorded text no longer hashes to its digest, is refused: it is the proof of what old
 * receipts showed, so the server never guesses around it nor writes over it.
 */
export async function readNoticeLedger(file: string): Promise<Result<NoticeLedger, Problem[]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(emptyLedger());
    return err([
      ledgerProblem(
        file,
        [],
        { en: 'a readable notice ledger', tr: 'okunabilir bir metin sürüm kaydı' },
        (error as NodeJS.ErrnoException).code ?? String(error),
      ),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return err([
      ledgerProblem(
        file,
        [],
        { en: 'valid JSON', tr: 'geçerli bir JSON' },
        excerpt((error as Error).message, 120),
      ),
    ]);
  }
  const parsed = NoticeLedgerShape.safeParse(value);
  if (!parsed.success) {
    return err(
      // zod's issues in both languages, under the ledger's own code.
      problemsFromZod(parsed.error, value).map((problem) =>
        ledgerProblem(file, problem.path, problem.expected, problem.received),
      ),
    );
  }
  const problems: Problem[] = [];
  for (const [siteKey, ids] of Object.entries(parsed.data.sites)) {
    for (const [id, locales] of Object.entries(ids)) {
      for (const [locale, versions] of Object.entries(locales)) {
        versions.forEach((v, i) => {
          const at = ['sites', siteKey, id, locale, i];
          if (v.version !== i + 1) {
            problems.push(
              ledgerProblem(
                file,
                [...at, 'version'],
                { en: `version ${i + 1}`, tr: `${i + 1}. sürüm` },
                String(v.version),
              ),
            );
          }
          if (textSha256(v.text) !== v.sha256) {
            problems.push(
              ledgerProblem(
                file,
                [...at, 'sha256'],
                {
                  en: `the SHA-256 of the recorded text, ${textSha256(v.text)} (the text was edited)`,
                  tr: `kaydedilen metnin SHA-256 özeti, ${textSha256(v.text)} (metin düzenlenmiş)`,
                },
                v.sha256,
              ),
            );
          }
        });
      }
    }
  }
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

/** Writes the ledger atomically (a reader sees the old file or the new one, never a torn one). */
export function writeNoticeLedger(file: string, ledger: NoticeLedger): Promise<void> {
  return writeJsonFile(file, { ...ledger, $comment: COMMENT });
}

defineProblemMessages({
  'config.noticeLedgerInvalid': {
    tr: (p) =>
      `${p.params?.file} dosyasındaki metin sürümleri kaydı bozuk: beklenen ${p.expected}; gelen ${p.received}. Dosyayı sürüm denetiminden (ör. git) geri yükleyin; elle düzenlemeyin`,
    en: (p) =>
      `the notice ledger ${p.params?.file} is damaged: expected ${p.expected}; received ${p.received}. Restore it from version control; do not edit it by hand`,
  },
});
