// The words of query refusals that several routes share, in both languages.
import type { Localized } from '@izinli/core';

/** The message of a recipient query that is not a valid address. */
export const INVALID_RECIPIENT: Localized = {
  en: 'The recipient is not a valid address.',
  tr: 'Alıcı geçerli bir adres değil.',
};

/** What a `cursor` query parameter must be. */
export const NEXT_CURSOR: Localized = {
  en: 'the nextCursor of a previous page',
  tr: 'önceki bir sayfanın nextCursor değeri',
};

/** What a `limit` query parameter must be: a whole number from 1 to `max`. */
export const wholeNumber = (max: number): Localized => ({
  en: `a whole number from 1 to ${max}`,
  tr: `1 ile ${max} arasında bir tam sayı`,
});
