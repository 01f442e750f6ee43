// The console's languages and the shape of a table: every key of the Turkish table.
import type { tr } from './tr.js';

export type AdminKey = keyof typeof tr;
export type AdminTranslation = Record<AdminKey, string>;
export type AdminLocale = 'tr' | 'en';
