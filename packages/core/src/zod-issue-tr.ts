// What a zod issue expected, said in Turkish as the noun phrase a problem's `expected` is
// ("bir metin", "en çok 40 karakterlik bir metin"). zod's own `z.locales.tr()` writes whole
// sentences that keep zod's English type names ("Geçersiz değer: beklenen string, alınan number"),
// which would not read as one language inside izinli's "beklenen …; gelen …".
import type { core } from 'zod';

const TYPES: Record<string, string> = {
  string: 'bir metin',
  number: 'bir sayı',
  int: 'bir tam sayı',
  bigint: 'bir tam sayı',
  boolean: 'true ya da false',
  object: 'bir JSON nesnesi',
  record: 'bir JSON nesnesi',
  array: 'bir dizi',
  tuple: 'bir dizi',
  set: 'bir küme',
  map: 'bir eşleme',
  date: 'bir tarih',
  null: 'null',
  undefined: 'hiçbir değer (bu alan gönderilmemeli)',
  void: 'hiçbir değer (bu alan gönderilmemeli)',
  never: 'hiçbir değer (bu alan gönderilmemeli)',
  nonoptional: 'bir değer (bu alan zorunlu)',
  nan: 'NaN',
  file: 'bir dosya',
  function: 'bir fonksiyon',
  symbol: 'bir sembol',
};

const FORMATS: Record<string, string> = {
  email: 'bir e-posta adresi',
  url: 'bir URL',
  uuid: 'bir UUID',
  guid: 'bir GUID',
  datetime: 'ISO 8601 biçiminde bir tarih ve saat',
  date: 'ISO 8601 biçiminde bir tarih (YYYY-AA-GG)',
  time: 'ISO 8601 biçiminde bir saat',
  duration: 'ISO 8601 biçiminde bir süre',
  ipv4: 'bir IPv4 adresi',
  ipv6: 'bir IPv6 adresi',
  cidrv4: 'bir IPv4 aralığı',
  cidrv6: 'bir IPv6 aralığı',
  base64: 'base64 ile kodlanmış bir metin',
  base64url: 'base64url ile kodlanmış bir metin',
  json_string: 'JSON içeren bir metin',
  e164: 'E.164 biçiminde bir telefon numarası',
  jwt: 'bir JWT',
  lowercase: 'küçük harflerden oluşan bir metin',
  uppercase: 'büyük harflerden oluşan bir metin',
  emoji: 'bir emoji',
};

const quote = (value: unknown): string =>
  typeof value === 'bigint' ? `${value}` : (JSON.stringify(value) ?? String(value));

// "5 sayısından büyük": the ablative suffix after a numeral depends on how it is read aloud, so
// the number is named through "sayısı", whose suffixes never change.
const greaterThan = (n: number | bigint) =>
  Number(n) === 0 ? 'sıfırdan büyük' : `${n} sayısından büyük`;
const lessThan = (n: number | bigint) =>
  Number(n) === 0 ? 'sıfırdan küçük' : `${n} sayısından küçük`;

function sized(
  origin: string,
  bound: number | bigint,
  side: 'min' | 'max',
  inclusive: boolean,
  exact: boolean,
): string {
  const limit = exact ? `tam ${bound}` : side === 'min' ? `en az ${bound}` : `en çok ${bound}`;
  switch (origin) {
    case 'string':
      if (side === 'min' && Number(bound) === 1 && !exact) return 'boş olmayan bir metin';
      return `${limit} karakterlik bir metin`;
    case 'array':
    case 'set':
      if (side === 'min' && Number(bound) === 1 && !exact) return 'en az bir öğe içeren bir liste';
      return `${limit} öğeli bir liste`;
    case 'file':
      return `${limit} baytlık bir dosya`;
    case 'date':
      return `${new Date(Number(bound)).toISOString()} ${side === 'min' ? 'ya da sonrası' : 'ya da öncesi'} bir tarih`;
    default:
      if (exact) return `${bound} olan bir sayı`;
      if (inclusive) return `${limit} olan bir sayı`;
      return `${side === 'min' ? greaterThan(bound) : lessThan(bound)} bir sayı`;
  }
}

/** What a finished zod issue expected, in Turkish (see the file's comment). */
export function zodExpectedTr(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPES[issue.expected] ?? `${issue.expected} türünde bir değer`;
    case 'too_small':
      return sized(issue.origin, issue.minimum, 'min', issue.inclusive ?? true, !!issue.exact);
    case 'too_big':
      return sized(issue.origin, issue.maximum, 'max', issue.inclusive ?? true, !!issue.exact);
    case 'invalid_format': {
      const format = issue as core.$ZodStringFormatIssues;
      switch (format.format) {
        case 'regex':
          return `${format.pattern} desenine uyan bir metin`;
        case 'starts_with':
          return `${quote(format.prefix)} ile başlayan bir metin`;
        case 'ends_with':
          return `${quote(format.suffix)} ile biten bir metin`;
        case 'includes':
          return `${quote(format.includes)} içeren bir metin`;
        default:
          return FORMATS[format.format] ?? `${format.format} biçiminde bir metin`;
      }
    }
    case 'not_multiple_of':
      return `${issue.divisor} sayısının katı olan bir sayı`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map(quote).join(', ');
      return issue.keys.length === 1
        ? `yalnızca tanımlı alanlar; şu alan tanınmıyor: ${keys}`
        : `yalnızca tanımlı alanlar; şu alanlar tanınmıyor: ${keys}`;
    }
    case 'invalid_union':
      return 'seçeneklerden birine uyan bir değer';
    case 'invalid_key':
      return 'geçerli anahtarlar';
    case 'invalid_element':
      return 'geçerli öğeler';
    case 'invalid_value':
      return issue.values.length === 1
        ? quote(issue.values[0])
        : `şunlardan biri: ${issue.values.map(quote).join(', ')}`;
    default:
      return 'geçerli bir değer';
  }
}
