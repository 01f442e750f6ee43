// The import file (docs/sources.md#import): CSV in UTF-8 (a byte-order mark is dropped), `;` or
// `,` between fields (whichever the header line uses), a header naming the columns below in any
// order. Each row becomes the body the admin API takes, with the file's own extras: a row key
// (its idempotency), scan and recording files by path beside the CSV.
import { parse } from 'csv-parse/sync';
import type { Localized } from '@izinli/core';

/** Every column an import file may have; `row_key` and `consent_date` are required. */
export const IMPORT_COLUMNS = [
  'row_key',
  'site_key',
  'source',
  'consent_date',
  'full_name',
  'phone',
  'email',
  'recipient_type',
  'locale',
  'MESAJ',
  'ARAMA',
  'EPOSTA',
  'granted_purposes',
  'refused_purposes',
  'form_id',
  'scan_files',
  'call_id',
  'agent_id',
  'recording_ref',
  'recording_file',
  'message_id',
  'reply_text',
  'reply_sha256',
  'reference',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const REQUIRED: readonly ImportColumn[] = ['row_key', 'consent_date'];

/** One data row: its line in the file and its non-empty cells by column. */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export type ImportFile = { ok: true; rows: ImportRow[] } | { ok: false; error: Localized };

/** Parses the file's text; a header problem is an error for the whole file. */
export function parseImportCsv(text: string): ImportFile {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(body, {
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const reason = (error as Error).message;
    return {
      ok: false,
      error: { en: `not readable as CSV: ${reason}`, tr: `CSV olarak okunamıyor: ${reason}` },
    };
  }
  const [names, ...data] = records;
  if (!names) {
    return {
      ok: false,
      error: {
        en: 'the file is empty: expected a header line',
        tr: 'dosya boş: başlık satırı yok',
      },
    };
  }
  const known = new Set<string>(IMPORT_COLUMNS);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: {
        en: `unknown column(s) ${unknown.join(', ')}: expected some of ${IMPORT_COLUMNS.join(', ')}`,
        tr: `bilinmeyen sütun(lar) ${unknown.join(', ')}: beklenen sütunlar ${IMPORT_COLUMNS.join(', ')}`,
      },
    };
  }
  const missing = REQUIRED.filter((r) => !names.includes(r));
  if (missing.length > 0) {
    const list = missing.join(', ');
    return {
      ok: false,
      error: { en: `missing column(s) ${list}`, tr: `eksik sütun(lar) ${list}` },
    };
  }
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) {
    const list = twice.join(', ');
    return {
      ok: false,
      error: { en: `column(s) named twice: ${list}`, tr: `iki kez adı geçen sütun(lar): ${list}` },
    };
  }
  const rows = data.map((values, i) => {
    const cells: ImportRow['cells'] = {};
    names.forEach((name, c) => {
      const value = values[c];
      if (value !== undefined && value !== '') cells[name as ImportColumn] = value;
    });
    // Line numbers as an editor shows them: the header is line 1 (rows spanning lines aside).
    return { line: i + 2, cells };
  });
  return { ok: true, rows };
}
