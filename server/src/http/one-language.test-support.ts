// The check that an API message is in one language: a Turkish message holds no English
// marker word, an English one no Turkish marker word or letter. What the client sent may be in any
// language, so quoted pieces of the request are taken out of a message before it is checked.

/** Words (space-padded) and letters only an English sentence has, among izinli's messages. */
const ENGLISH_MARKERS = [
  ' the ',
  ' is ',
  ' are ',
  ' must ',
  'expected',
  'received',
  ' not ',
  ' a ',
  ' an ',
  ' of ',
  ' or ',
  ' and ',
  ' with ',
  ' no ',
  ' this ',
  ' has ',
  ' than ',
  ' only ',
  'required',
  'missing',
  ' none',
  'invalid',
  ' input',
  ' string',
  ' number',
  ' object',
];

/** Words (space-padded) and letters only a Turkish sentence has, among izinli's messages. */
const TURKISH_MARKERS = [
  'beklenen',
  'gelen',
  ' bir ',
  ' ve ',
  ' ya da ',
  ' için ',
  ' değil',
  ' yok',
  'olmalı',
  'gerekli',
  'geçerli',
  'geçersiz',
  'ş',
  'ğ',
  'ı',
];

// Turkish names English texts keep as they are: the legal term and the letters İYS refuses.
const TURKISH_TERMS = ['aydınlatma', '(ç, ğ, ı, İ, ö, ş, ü)'];

// A quoted piece of a message: "…" (JSON, maybe cut by `excerpt` with an ellipsis) or '…'.
const QUOTED = /"((?:[^"\\]|\\.)*?)(?:"|…)|'([^'\n]*)'/g;

function unescapeJson(inner: string): string {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return inner;
  }
}

/** The message without the quoted pieces of `sent` (the client's own words, any language). */
export function withoutClientText(message: string, sent: string): string {
  return message.replace(QUOTED, (whole, json: string | undefined, plain: string | undefined) => {
    const inner = json !== undefined ? unescapeJson(json) : plain!;
    return inner === '' || sent.includes(inner) ? '""' : whole;
  });
}

/** The marker words of the other language found in `message` (empty when it is one language). */
export function foreignMarkers(message: string, locale: 'tr' | 'en', sent: string): string[] {
  let text = withoutClientText(message, sent);
  if (locale === 'en') for (const term of TURKISH_TERMS) text = text.split(term).join('');
  const padded = ` ${text.toLocaleLowerCase(locale === 'tr' ? 'tr-TR' : 'en-US').replace(/[,;:.()[\]{}<>!?"]/g, ' ')} `;
  const markers = locale === 'tr' ? ENGLISH_MARKERS : TURKISH_MARKERS;
  return markers.filter((marker) => padded.includes(marker));
}
