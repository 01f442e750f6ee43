// Every visible string the widget itself writes. The consent and notice texts never live here:
// they come from the server's site config (docs/architecture.md#capture).

/** The names of the widget's own strings. */
export type TranslationKey =
  | 'unavailable'
  | 'etkHint'
  | 'MESAJ'
  | 'ARAMA'
  | 'EPOSTA'
  | 'purposesLegend'
  | 'personLegend'
  | 'fullName'
  | 'phone'
  | 'email'
  | 'needName'
  | 'phoneHintMobileTr'
  | 'phoneHintMobile'
  | 'phoneHintTr'
  | 'needPhone'
  | 'needMobile'
  | 'needTurkishPhone'
  | 'needEmail';

/** One language's table: every key, no blanks (translation.test.ts checks both tables). */
export type Translation = Record<TranslationKey, string>;

/** The languages the widget speaks, as the server's `SupportedLocale`. */
export type WidgetLocale = 'tr' | 'en';
