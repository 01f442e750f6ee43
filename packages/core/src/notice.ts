import { z } from 'zod';
import { defineProblemMessages, excerpt, expecting } from './problem.js';
import type { Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';
import { sha256Hex } from './sha256.js';

/** The languages a site may show its texts in; Turkish is always one of them. */
export const SupportedLocale = z.enum(['tr', 'en']);
export type SupportedLocale = z.infer<typeof SupportedLocale>;

/** A lower-case ASCII identifier with single hyphens (`kvkk-aydinlatma`): safe in URLs, logs and keys. */
export const Slug = z
  .string()
  .min(1, {
    error: expecting({
      en: 'an identifier of at least 1 character, e.g. kvkk-aydinlatma',
      tr: 'en az 1 karakterlik bir tanımlayıcı, ör. kvkk-aydinlatma',
    }),
  })
  .max(64, {
    error: expecting({
      en: 'an identifier of at most 64 characters',
      tr: 'en çok 64 karakterlik bir tanımlayıcı',
    }),
  })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: expecting({
      en: 'lower-case ASCII letters, digits and single hyphens, e.g. kvkk-aydinlatma',
      tr: 'küçük ASCII harfler, rakamlar ve tek tireler, ör. kvkk-aydinlatma',
    }),
  });
export type Slug = z.infer<typeof Slug>;

/** A SHA-256 digest as 64 lower-case hex digits, as `sha256Hex` writes it. */
export const Sha256Digest = z.string().regex(/^[0-9a-f]{64}$/, {
  error: expecting({
    en: 'a SHA-256 digest: 64 lower-case hex digits',
    tr: 'bir SHA-256 özeti: 64 küçük harfli onaltılık rakam',
  }),
});
export type Sha256Digest = z.infer<typeof Sha256Digest>;

/**
 * What a notice is for: `aydinlatma` the KVKK information notice (B2, shown, never consented to),
 * `acik-riza` the text of one explicit-consent purpose (B4), `etk` the commercial-message (İYS)
 * consent text. The short meanings are what config editors see for `kind`.
 */
const NOTICE_KINDS = {
  aydinlatma: 'KVKK information notice',
  'acik-riza': 'one explicit-consent purpose',
  etk: 'commercial-message consent text',
} as const;
export const NoticeKind = z.enum(Object.keys(NOTICE_KINDS) as [keyof typeof NOTICE_KINDS]);
export type NoticeKind = z.infer<typeof NoticeKind>;
const NOTICE_KIND_MEANINGS = Object.entries(NOTICE_KINDS).map(
  ([kind, what]) => `${kind} = ${what}`,
);

/** A notice version number: 1, 2, … — the highest of an (id, locale) is the current one. */
const VERSION_EXPECTED = expecting({
  en: 'a whole version number ≥ 1',
  tr: '1 ya da daha büyük, tam sayı bir sürüm numarası',
});
export const NoticeVersion = z.int({ error: VERSION_EXPECTED }).min(1, { error: VERSION_EXPECTED });

/**
 * One version of one text the widget shows, in one language. `sha256` is the hash of `text`
 * exactly as stored (UTF-8, no normalisation): it is what proves which words a person saw (B8).
 * The title is display chrome and is not hashed, so put anything that matters in `text`.
 */
export const Notice = z.strictObject({
  id: Slug.meta({ description: 'Stable id shared by every version and language of this text.' }),
  version: NoticeVersion.meta({ description: 'Integer ≥ 1; the highest is current.' }),
  locale: SupportedLocale,
  kind: NoticeKind.meta({ description: `${NOTICE_KIND_MEANINGS.join(', ')}.` }),
  title: z
    .string()
    .trim()
    .min(1, { error: expecting({ en: 'a non-empty title', tr: 'boş olmayan bir başlık' }) })
    .max(200, {
      error: expecting({
        en: 'a title of at most 200 characters',
        tr: 'en çok 200 karakterlik bir başlık',
      }),
    }),
  text: z
    .string()
    .refine((t) => t.trim().length > 0, {
      error: expecting({ en: 'a non-empty notice text', tr: 'boş olmayan bir metin' }),
    })
    .refine((t) => t.length <= 200_000, {
      error: expecting({
        en: 'a notice text of at most 200,000 characters',
        tr: 'en çok 200.000 karakterlik bir metin',
      }),
    })
    .meta({ description: 'The exact text shown; its SHA-256 is `sha256`.' }),
  sha256: Sha256Digest.meta({
    description:
      'SHA-256 (64 lower-case hex digits) of the UTF-8 bytes of `text`; a `textFile` entry has it computed by the server instead.',
  }),
});
export type Notice = z.infer<typeof Notice>;

/**
 * A notice as a config file may name it: its text in a file (`textFile`, relative to the config
 * file) instead of `text`, `sha256` and `version`. The server reads the file, hashes it and
 * numbers its versions itself, keeping every text it ever had (server/README.md, "Notices in
 * files"); validation only ever sees the resulting `Notice` entries.
 */
export const NoticeFile = Notice.omit({ version: true, text: true, sha256: true })
  .extend({
    textFile: z
      .string()
      .min(1, {
        error: expecting({
          en: 'a path to the text file, relative to the config file',
          tr: 'metin dosyasının yapılandırma dosyasına göre yolu',
        }),
      })
      .meta({
        description:
          'Path of the text (UTF-8, shown as plain text), relative to the config file; a changed text becomes a new version when the server loads the config.',
      }),
  })
  .meta({ title: 'Notice in a file' });
export type NoticeFile = z.infer<typeof NoticeFile>;

/** The SHA-256 (hex) of a notice text's UTF-8 bytes: the hash stored beside it and in every record. */
export function noticeHash(text: string): Promise<string> {
  return sha256Hex(text);
}

/** Completes a notice draft with the hash of its text (for fixtures, tools and admin UIs). */
export async function withNoticeHash(draft: Omit<Notice, 'sha256'>): Promise<Notice> {
  return { ...draft, sha256: await noticeHash(draft.text) };
}

/**
 * B8: checks that a notice's `sha256` is the hash of its text, so a stored hash always names the
 * words shown. `path` locates the notice in a larger input (the problem points at its `sha256`).
 */
export async function checkNoticeHash(
  notice: Notice,
  path: (string | number)[] = [],
): Promise<Result<Notice, Problem>> {
  const actual = await noticeHash(notice.text);
  if (actual === notice.sha256) return ok(notice);
  return err({
    code: 'notice.hashMismatch',
    path: [...path, 'sha256'],
    expected: {
      en: `the SHA-256 of the notice text: ${actual}`,
      tr: `metnin SHA-256 özeti: ${actual}`,
    },
    received: excerpt(notice.sha256, 70),
    params: { rule: 'B8', id: notice.id, version: notice.version, locale: notice.locale, actual },
  });
}

defineProblemMessages({
  'notice.hashMismatch': {
    tr: (p) =>
      `"${p.params?.id}" metninin ${p.params?.version}. sürümü (${p.params?.locale}) için kayıtlı sha256 metinle uyuşmuyor (B8); beklenen ${p.params?.actual}, gelen ${p.received}. Metin değiştiyse yeni bir sürüm ekleyin.`,
    en: (p) =>
      `the stored sha256 of notice "${p.params?.id}" version ${p.params?.version} (${p.params?.locale}) does not match its text (B8); expected ${p.params?.actual}, received ${p.received}. If the text changed, add a new version.`,
  },
});
