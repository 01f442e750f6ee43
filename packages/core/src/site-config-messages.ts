import type { Localized, ProblemText } from './problem.js';

type Template = (p: ProblemText) => string;

const rule = (p: ProblemText): string => (p.params?.rule ? ` (${p.params.rule})` : '');
const param = (p: ProblemText, name: string): string => String(p.params?.[name] ?? '');

/** What a reference to a notice must name. */
export const DEFINED_NOTICE: Localized = {
  en: 'the id of a notice defined in `notices`',
  tr: '`notices` içinde tanımlı bir metnin kimliği',
};

/** What a notice named by a role or a purpose must have: a version in every offered locale. */
export const everyLocale = (id: string): Localized => ({
  en: `a version of "${id}" in every offered locale`,
  tr: `sunulan her dilde "${id}" metninin bir sürümü`,
});

/** Turkish and English sentences for the site-config problem codes; each says expected and received. */
export const siteConfigMessages: Record<string, { tr: Template; en: Template }> = {
  'config.preTicked': {
    tr: (p) =>
      `onay kutuları işaretsiz başlamalıdır${rule(p)}; beklenen false ya da hiç yazılmaması, gelen ${p.received}`,
    en: (p) =>
      `consent boxes must start unticked${rule(p)}; expected false or omitted, received ${p.received}`,
  },
  'config.requiredConsent': {
    tr: (p) =>
      `rıza hiçbir zaman zorunlu tutulamaz; form her kutu boşken de gönderilebilmelidir${rule(p)}; beklenen false ya da hiç yazılmaması, gelen ${p.received}`,
    en: (p) =>
      `consent is never a condition; the form must submit with every box unticked${rule(p)}; expected false or omitted, received ${p.received}`,
  },
  'config.bundledPurpose': {
    tr: (p) =>
      `her amaç için ayrı bir seçenek gerekir, toplu rıza geçersizdir${rule(p)}; beklenen tek bir amaç (ör. pazarlama-analizi), gelen ${p.received}`,
    en: (p) =>
      `each purpose needs its own choice; blanket consent is invalid${rule(p)}; expected exactly one purpose (e.g. pazarlama-analizi), received ${p.received}`,
  },
  'config.categoryFormat': {
    tr: (p) =>
      `amaç küçük harf, rakam ve tire içeren tek bir tanımlayıcı olmalıdır (ör. pazarlama-analizi); gelen ${p.received}`,
    en: (p) =>
      `the category must be one identifier of lower-case letters, digits and hyphens (e.g. pazarlama-analizi); received ${p.received}`,
  },
  'config.sharedConsentText': {
    tr: (p) =>
      `her amacın kendi açık rıza metni olmalıdır${rule(p)}; ${p.received} metni başka bir seçenekle paylaşılıyor`,
    en: (p) =>
      `each purpose needs its own explicit-consent text${rule(p)}; the text ${p.received} is shared with another choice`,
  },
  'config.noticeAsConsent': {
    tr: (p) =>
      `aydınlatma metni bir rıza metni olarak kullanılamaz; "okudum ve onaylıyorum" tek kutusu yasaktır${rule(p)}; beklenen ayrı bir rıza metni, gelen ${p.received}`,
    en: (p) =>
      `the information notice cannot serve as a consent text; one "I read and consent" box is forbidden${rule(p)}; expected a separate consent text, received ${p.received}`,
  },
  'config.aydinlatmaMissing': {
    tr: (p) =>
      `aydınlatma metni her durumda gösterilmelidir${rule(p)}; "${param(p, 'id')}" metninin ${p.received} dilinde sürümü yok: ekleyin ya da bu dili locales listesinden çıkarın`,
    en: (p) =>
      `the information notice must be shown in every case${rule(p)}; "${param(p, 'id')}" has no ${p.received} version: add one or remove this locale from locales`,
  },
  'config.otherLegalBasis': {
    tr: (p) =>
      `başka bir hukuki sebebe dayanan işleme için açık rıza istenmez${rule(p)}; gelen ${p.received} (${param(p, 'basis')})`,
    en: (p) =>
      `do not ask consent for processing with another legal basis${rule(p)}; received ${p.received} (${param(p, 'basis')})`,
  },
  'config.unknownNotice': {
    tr: (p) =>
      `notices içinde tanımlı bir metin kimliği bekleniyordu; gelen ${p.received} tanımlı değil`,
    en: (p) =>
      `expected the id of a notice defined in notices; received ${p.received}, which is not defined`,
  },
  'config.noticeKind': {
    tr: (p) => `yanlış türde metin; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) => `wrong kind of notice; expected ${p.expected}, received ${p.received}`,
  },
  'config.noticeLocaleMissing': {
    tr: (p) =>
      `${p.received} metninin ${param(p, 'locale')} dilinde sürümü yok; sitenin sunduğu her dil için bir sürüm ekleyin`,
    en: (p) =>
      `notice ${p.received} has no ${param(p, 'locale')} version; add one for every locale the site offers`,
  },
  'config.labelMissing': {
    tr: (p) => `${param(p, 'locale')} dilinde bir etiket bekleniyordu; gelen ${p.received}`,
    en: (p) => `expected a label in ${param(p, 'locale')}; received ${p.received}`,
  },
  'config.etkNoticeMissing': {
    tr: () =>
      `kanal kutuları sunulduğunda ticari elektronik ileti onay metni (etkNoticeId) gereklidir; gelen: yok`,
    en: () =>
      `channels are offered, so the commercial-message consent text (etkNoticeId) is required; received nothing`,
  },
  'config.turkishFirst': {
    tr: (p) => `locales listesi "tr" ile başlamalıdır; gelen ${p.received}`,
    en: (p) => `locales must start with "tr"; received ${p.received}`,
  },
  'config.verificationChannel': {
    tr: (p) =>
      `${param(p, 'channel')} için doğrulama yöntemi var ama site bu kanalı sunmuyor; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `${param(p, 'channel')} has a verification method but the site does not offer it; expected ${p.expected}, received ${p.received}`,
  },
  'config.verificationArama': {
    tr: (p) => `ARAMA izni doğrulanamaz; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `an ARAMA permission cannot be verified; expected ${p.expected}, received ${p.received}`,
  },
  'config.verificationText': {
    tr: (p) =>
      `doğrulama metni ${param(p, 'placeholder')} içermelidir; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the verification text must hold ${param(p, 'placeholder')}; expected ${p.expected}, received ${p.received}`,
  },
  'config.duplicate': {
    tr: (p) => `bu değer zaten ${param(p, 'first')}. sırada kullanıldı; gelen ${p.received}`,
    en: (p) => `this value is already used at index ${param(p, 'first')}; received ${p.received}`,
  },
  'config.originInvalid': {
    tr: (p) =>
      `tam bir köken bekleniyordu: https://alanadi[:port], yol ve sondaki / olmadan (http yalnızca localhost için)${p.params?.suggestion ? `, ör. ${p.params.suggestion}` : ''}; gelen ${p.received}`,
    en: (p) =>
      `expected an exact origin https://host[:port] with no path or trailing slash (http only for localhost)${p.params?.suggestion ? `, e.g. ${p.params.suggestion}` : ''}; received ${p.received}`,
  },
  'config.nothingToAsk': {
    tr: (p) => `en az bir kanal ya da bir amaç sunulmalıdır; gelen ${p.received}`,
    en: (p) => `offer at least one channel or one purpose; received ${p.received}`,
  },
};
