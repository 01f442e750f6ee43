// say(locale, key, values): the console's strings, Turkish first, English second.
import { en } from './en.js';
import { tr } from './tr.js';
import type { AdminKey, AdminLocale, AdminTranslation } from './translation.js';

export type { AdminKey, AdminLocale, AdminTranslation } from './translation.js';

const tables: Record<AdminLocale, AdminTranslation> = { tr, en };

/** The string for `key` in `locale`, `{name}` replaced by `values[name]`. */
export function say(
  locale: AdminLocale,
  key: AdminKey,
  values: Record<string, string | number> = {},
): string {
  const text = tables[locale][key] ?? `[${key}]`;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The console language for a BCP 47 tag: English for `en…`, Turkish otherwise. */
export function localeOf(tag: string | null | undefined): AdminLocale {
  return /^en(?:-|$)/i.test(tag?.trim() ?? '') ? 'en' : 'tr';
}

/** True when `key` names a string of the tables (for keys built from API values). */
export function isKey(key: string): key is AdminKey {
  return key in tr;
}
