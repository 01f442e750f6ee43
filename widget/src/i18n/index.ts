import { en } from './en.js';
import { tr } from './tr.js';
import type { Translation, TranslationKey, WidgetLocale } from './translation.js';

export type { Translation, TranslationKey, WidgetLocale } from './translation.js';

const tables: Record<WidgetLocale, Translation> = { tr, en };

/**
 * The string for `key` in `locale`. A missing entry (possible only if a table is edited without
 * the type checker) is reported on the console and shows the key, never a blank.
 */
export function say(locale: WidgetLocale, key: TranslationKey): string {
  const text = tables[locale]?.[key];
  if (text) return text;
  console.error(`izinli: no "${key}" translation for "${locale}"`);
  return `[${key}]`;
}

/**
 * The widget language for a BCP 47 tag (`en-GB` → `en`); anything but English is Turkish, the
 * default. Lower-cases ASCII only: a tag never holds `İ`, and the Turkish rules must not apply.
 */
export function localeOf(tag: string | null | undefined): WidgetLocale {
  return /^en(?:-|$)/i.test(tag?.trim() ?? '') ? 'en' : 'tr';
}
