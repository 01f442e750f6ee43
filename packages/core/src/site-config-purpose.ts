import { z } from 'zod';
import { Slug } from './notice.js';
import { customIssue, expecting } from './problem.js';
import type { Localized } from './problem.js';

/** A short text per language; Turkish always, English when the site offers it. */
export const LocalizedText = z.strictObject({
  tr: z
    .string()
    .trim()
    .min(1, {
      error: expecting({ en: 'a non-empty Turkish text', tr: 'boş olmayan bir Türkçe metin' }),
    })
    .max(500),
  en: z
    .string()
    .trim()
    .min(1, {
      error: expecting({ en: 'a non-empty English text', tr: 'boş olmayan bir İngilizce metin' }),
    })
    .max(500)
    .optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The consent box settings that may only be false: each one's problem code and its expected value. */
const FALSE_ONLY = {
  defaultChecked: {
    code: 'config.preTicked',
    expected: {
      en: 'false or omitted: every consent box starts unticked',
      tr: 'false ya da hiç yazılmaması: her onay kutusu işaretsiz başlar',
    },
  },
  required: {
    code: 'config.requiredConsent',
    expected: {
      en: 'false or omitted: the form must submit with every box unticked',
      tr: 'false ya da hiç yazılmaması: form her kutu işaretsizken de gönderilebilmelidir',
    },
  },
} satisfies Record<string, { code: string; expected: Localized }>;

/**
 * A consent box setting that must never be true: `defaultChecked` (no box starts ticked, A5, B6)
 * and `required` (B5). The schema accepts a boolean so that `true` gets a rule-named problem
 * instead of a bare type error; the generated JSON Schema still tells editors the only allowed
 * value is `false`.
 */
export function mustBeFalse(setting: keyof typeof FALSE_ONLY, rule: string) {
  const { code, expected } = FALSE_ONLY[setting];
  return z
    .boolean()
    .refine((value) => !value, { error: expecting(expected), params: { code, rule } })
    .meta({ const: false, description: `${expected.en} (rule ${rule} in docs/compliance.md).` });
}

/** What a purpose category must look like (B4). */
export const CATEGORY_EXPECTED: Localized = {
  en: 'exactly one purpose (or one transfer recipient class/country) as one identifier, e.g. pazarlama-analizi',
  tr: 'tek bir tanımlayıcı olarak tek bir amaç (ya da aktarımda tek bir alıcı grubu/ülke), ör. pazarlama-analizi',
};
const CATEGORY_LISTED = expecting({
  en: `B4: ${CATEGORY_EXPECTED.en}; give each purpose its own entry instead of a list`,
  tr: `B4: ${CATEGORY_EXPECTED.tr}; liste yerine her amaç için ayrı bir kayıt yazın`,
});

// Separators and joining words that put two purposes in one box: "a,b", "a ve b", "a-and-b".
const LIST_SEPARATOR = /[,;/&+|]|\s/;
const JOINING_WORDS = new Set(['ve', 'veya', 'and', 'or']);

/** True when a category string names several purposes at once (B4), e.g. `analiz, profilleme`. */
export function isBundledCategory(category: string): boolean {
  if (LIST_SEPARATOR.test(category.trim())) return true;
  const inner = category.split('-').slice(1, -1);
  return (
    inner.some((word) => JOINING_WORDS.has(word)) || `-${inner.join('-')}-`.includes('-ya-da-')
  );
}

/**
 * One purpose as one identifier. A list, or a string joining several purposes, is refused as
 * `config.bundledPurpose` (B4) rather than as a mere format error.
 */
export const PurposeCategory = z
  .string({
    error: (issue) => (Array.isArray(issue.input) ? CATEGORY_LISTED : expecting(CATEGORY_EXPECTED)),
  })
  .superRefine((category, ctx) => {
    if (isBundledCategory(category)) {
      ctx.addIssue(
        customIssue({
          code: 'config.bundledPurpose',
          expected: CATEGORY_EXPECTED,
          params: { rule: 'B4' },
        }),
      );
    } else if (!Slug.safeParse(category).success) {
      const expected = {
        en: `${CATEGORY_EXPECTED.en} (lower-case ASCII letters, digits, hyphens)`,
        tr: `${CATEGORY_EXPECTED.tr} (küçük ASCII harfler, rakamlar, tireler)`,
      };
      ctx.addIssue(customIssue({ code: 'config.categoryFormat', expected }));
    }
  });

/** `processing`: a processing purpose needing açık rıza; `transfer`: a transfer (abroad, or to a recipient class). */
export const PurposeKind = z.enum(['processing', 'transfer']);
export type PurposeKind = z.infer<typeof PurposeKind>;

/** One açık rıza choice: one purpose, one box, one consent text (B1, B4). */
export const Purpose = z.strictObject({
  id: Slug.meta({ description: 'Key of this purpose in a capture’s `purposes` object.' }),
  kind: PurposeKind,
  category: PurposeCategory.meta({
    description:
      'Exactly one processing purpose (e.g. pazarlama-analizi) or, for a transfer, one recipient class or country (e.g. yurt-disi-bulut-abd).',
  }),
  noticeId: Slug.meta({
    description: 'Id of the acik-riza notice holding this purpose’s consent text; one per purpose.',
  }),
  label: LocalizedText.meta({ description: 'The checkbox label, per site locale.' }),
  defaultChecked: mustBeFalse('defaultChecked', 'B6').optional(),
  required: mustBeFalse('required', 'B5').optional(),
});
export type Purpose = z.infer<typeof Purpose>;
