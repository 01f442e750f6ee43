// Import files for tests and the bench: n rows of a day's call centre export and wet-signature
// forms, in Turkish, with a planted share of rows İYS or izinli would refuse, each for a reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { jpegScan } from '../evidence/evidence-files.test-support.js';
import { IMPORT_COLUMNS } from './import-csv.js';
import type { ImportColumn } from './import-csv.js';

/** The columns the fixture leaves out: defaulted ones and evidence it never plants. */
const LEFT_OUT =
  'recipient_type locale refused_purposes form_id recording_file message_id reply_text reply_sha256';
/** Every other import column, in the import's own order. */
const HEADER = IMPORT_COLUMNS.filter((column) => !LEFT_OUT.split(' ').includes(column));
type Cells = Partial<Record<ImportColumn, string>>;

/** The kinds of bad row planted, each with the problem code the dry run must name. */
export const PLANTED = [
  ['bad phone', 'phone.invalid'],
  ['channel without address', 'record.addressMissing'],
  ['past İYS’s window', 'consent.date'],
  ['first record RET', 'import.firstRet'],
  ['HS_2015 off its date', 'consent.date'],
  ['row key twice', 'import.duplicate'],
  ['same consent twice', 'import.duplicate'],
] as const;
export type Planted = (typeof PLANTED)[number];

export interface ImportFixture {
  path: string;
  rows: number;
  /** Line → the planted kind. */
  bad: Map<number, Planted>;
}

function goodRow(i: number): Cells {
  const paper = i % 10 === 0;
  const time = [8 + (i % 10), i % 60, (i * 7) % 60].map((v) => String(v).padStart(2, '0'));
  return {
    row_key: `R-${i}`,
    site_key: EXAMPLE_SITE_KEY,
    source: paper ? 'HS_ISLAK_IMZA' : 'HS_CAGRI_MERKEZI',
    consent_date: `2026-11-25 ${time.join(':')}`,
    full_name: i % 2 ? 'Şükrü Çağlar Öztürk' : 'İpek Gülşen Ağaoğlu',
    phone: `0532 ${1_000_000 + i}`,
    ...(i % 3 === 0 ? { email: `musteri${i}@ornek.com.tr`, EPOSTA: 'ONAY' } : {}),
    MESAJ: 'ONAY',
    ...(i % 4 === 0 ? { ARAMA: 'ONAY' } : {}),
    ...(i % 5 === 0 ? { granted_purposes: 'kitap-onerileri' } : {}),
    ...(paper
      ? { scan_files: `taramalar/form-${i % 20}.jpg` }
      : { call_id: `CM-${i}`, agent_id: `ajan-${i % 12}`, recording_ref: `pbx://2026-11-25/${i}` }),
  };
}

function plant(kind: Planted, row: Cells, previous: Cells, i: number): Cells {
  switch (kind[0]) {
    case 'bad phone':
      return { ...row, phone: '0532 12' };
    case 'channel without address':
      return { ...row, email: '', EPOSTA: 'ONAY' };
    case 'past İYS’s window':
      return { ...row, consent_date: '2026-11-18 10:00:00' };
    case 'first record RET':
      return { ...row, MESAJ: 'RET', ARAMA: '', EPOSTA: '' };
    case 'HS_2015 off its date':
      return {
        ...row,
        source: 'HS_2015',
        scan_files: '',
        call_id: '',
        agent_id: '',
        recording_ref: '',
        reference: 'beyan-2015',
      };
    case 'row key twice':
      return { ...row, row_key: previous.row_key! };
    case 'same consent twice':
      return { ...previous, row_key: `R-${i}` };
  }
}

/**
 * Writes `import.csv` and the scans it names in `dir`: `rows` rows, every `badEvery`-th a
 * planted bad one (the kinds in turn); `;` between fields unless `delimiter` says otherwise.
 */
export function writeImportFixture(
  dir: string,
  rows: number,
  options: { badEvery?: number; delimiter?: string } = {},
): ImportFixture {
  const badEvery = options.badEvery ?? 33;
  const d = options.delimiter ?? ';';
  const bad = new Map<number, Planted>();
  const lines: string[] = [HEADER.join(d)];
  let previous = goodRow(0);
  for (let i = 1; i <= rows; i++) {
    let row = goodRow(i);
    if (i % badEvery === 0) {
      const kind = PLANTED[bad.size % PLANTED.length]!;
      bad.set(i + 1, kind);
      row = plant(kind, row, previous, i);
    } else previous = row;
    lines.push(HEADER.map((h) => row[h] ?? '').join(d));
  }
  mkdirSync(join(dir, 'taramalar'), { recursive: true });
  for (let k = 0; k < 20; k++) {
    writeFileSync(join(dir, 'taramalar', `form-${k}.jpg`), jpegScan(`form-${k}`));
  }
  const path = join(dir, 'import.csv');
  writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
  return { path, rows, bad };
}
