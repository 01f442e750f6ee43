// A realistic site config (an online bookshop), and what a capture of it names and stores, for
// tests, the server and the demo to reuse.
// The hashes are the SHA-256 of each text; site-config.test.ts checks that they still match (B8).
import { GENESIS_HASH } from './capture-record.js';
import type { UnsealedCaptureRecord } from './capture-record.js';
import type { ConsentStatus, RecipientType } from './enums.js';
import type { Movement } from './movement.js';
import { movementKey } from './movement.js';
import type { SupportedLocale } from './notice.js';
import type { ServerConfigInput } from './server-config.js';
import { currentNotice } from './site-config.js';
import type { SiteConfig } from './site-config.js';

/** The example site key; public, like every site key (it sits in the page’s script tag). */
export const EXAMPLE_SITE_KEY = 'ornek-kitabevi-demo-0001';

/** A complete, valid site config in Turkish and English: three channels, two açık rıza purposes. */
export const exampleSiteConfig: SiteConfig = {
  siteKey: EXAMPLE_SITE_KEY,
  name: 'Örnek Kitabevi',
  // The shop's own origin and the demo's (`npm start`; the demo adds its actual port's origins).
  allowedOrigins: [
    'https://www.ornekkitabevi.com.tr',
    'http://localhost:8787',
    'http://127.0.0.1:8787',
  ],
  brand: { iysCode: 100000, brandCode: 100000 },
  channels: [{ type: 'MESAJ' }, { type: 'ARAMA' }, { type: 'EPOSTA' }],
  recipientTypes: ['BIREYSEL'],
  purposes: [
    {
      id: 'kitap-onerileri',
      kind: 'processing',
      category: 'pazarlama-analizi',
      noticeId: 'riza-pazarlama-analizi',
      label: {
        tr: 'Alışveriş geçmişimin bana özel öneriler için analiz edilmesine açık rıza veriyorum.',
        en: 'I consent to the analysis of my purchase history for personalised recommendations.',
      },
    },
    {
      id: 'yurt-disi-eposta-hizmeti',
      kind: 'transfer',
      category: 'yurt-disi-eposta-hizmet-saglayicisi',
      noticeId: 'riza-yurt-disi-aktarim',
      label: {
        tr: 'E-posta adresimin yurt dışındaki e-posta hizmet sağlayıcısına aktarılmasına açık rıza veriyorum.',
        en: 'I consent to the transfer of my e-mail address to an e-mail service provider abroad.',
      },
    },
  ],
  notices: [
    {
      id: 'kvkk-aydinlatma',
      version: 1,
      locale: 'tr',
      kind: 'aydinlatma',
      title: 'Kişisel Verilerin Korunması Aydınlatma Metni',
      text: 'Örnek Kitabevi A.Ş. ("Şirket") olarak, 6698 sayılı Kişisel Verilerin Korunması Kanunu ("KVKK") uyarınca veri sorumlusu sıfatıyla sizi bilgilendiririz.\n\nİşlenen veriler: ad soyad, cep telefonu numarası, e-posta adresi, onay kayıtlarınız, IP adresiniz ve tarayıcı bilginiz.\n\nAmaçlar ve hukuki sebepler: üyelik işlemlerinizin yürütülmesi (KVKK m. 5/2-c, sözleşmenin kurulması ve ifası); ticari elektronik ileti onaylarınızın İleti Yönetim Sistemi\'ne (İYS) kaydedilmesi ve ispatı (KVKK m. 5/2-ç, hukuki yükümlülük; 6563 sayılı Kanun). Açık rızanıza dayanan işlemler ayrıca ve yalnızca onay vermeniz hâlinde yapılır.\n\nAktarım: verileriniz İYS\'ye (İleti Yönetim Sistemi A.Ş.) ve yetkili kamu kurumlarına aktarılabilir.\n\nHaklarınız: KVKK m. 11 kapsamındaki haklarınız için kvkk@ornekkitabevi.com.tr adresine başvurabilirsiniz.',
      sha256: '933669e35282d1d07d686430f808c241d1d26af40125044d094e4810c1a3d84f',
    },
    {
      id: 'kvkk-aydinlatma',
      version: 2,
      locale: 'tr',
      kind: 'aydinlatma',
      title: 'Kişisel Verilerin Korunması Aydınlatma Metni',
      text: 'Örnek Kitabevi A.Ş. ("Şirket") olarak, 6698 sayılı Kişisel Verilerin Korunması Kanunu ("KVKK") uyarınca veri sorumlusu sıfatıyla sizi bilgilendiririz.\n\nİşlenen veriler: ad soyad, cep telefonu numarası, e-posta adresi, onay kayıtlarınız, IP adresinizin kısaltılmış hâli ve tarayıcı bilginiz.\n\nAmaçlar ve hukuki sebepler: üyelik işlemlerinizin yürütülmesi (KVKK m. 5/2-c, sözleşmenin kurulması ve ifası); ticari elektronik ileti onaylarınızın İleti Yönetim Sistemi\'ne (İYS) kaydedilmesi ve ispatı (KVKK m. 5/2-ç, hukuki yükümlülük; 6563 sayılı Kanun). IP adresi ve tarayıcı bilgisi yalnızca onayın ispatı için tutulur ve onayın sona ermesinden itibaren 3 yıl sonra silinir. Açık rızanıza dayanan işlemler ayrıca ve yalnızca onay vermeniz hâlinde yapılır.\n\nAktarım: verileriniz İYS\'ye (İleti Yönetim Sistemi A.Ş.) ve yetkili kamu kurumlarına aktarılabilir.\n\nHaklarınız: KVKK m. 11 kapsamındaki haklarınız için kvkk@ornekkitabevi.com.tr adresine başvurabilirsiniz.',
      sha256: '7f9fe04146a875dbe5a50a8c68dfa39432a13588d49e0373c297ae6be8f932b5',
    },
    {
      id: 'kvkk-aydinlatma',
      version: 2,
      locale: 'en',
      kind: 'aydinlatma',
      title: 'Personal Data Protection Information Notice',
      text: 'As Örnek Kitabevi A.Ş. (the "Company"), data controller under the Turkish Personal Data Protection Law No. 6698 ("KVKK"), we inform you as follows.\n\nData processed: name and surname, mobile phone number, e-mail address, your consent records, a truncated form of your IP address and your browser details.\n\nPurposes and legal bases: running your membership (KVKK art. 5/2-c, entering into and performing a contract); registering your commercial-message permissions with the Message Management System (İYS) and proving them (KVKK art. 5/2-ç, legal obligation; Law No. 6563). IP address and browser details are kept only as proof and deleted 3 years after the consent ends. Processing based on explicit consent happens separately and only if you consent.\n\nTransfers: your data may be transferred to İYS (İleti Yönetim Sistemi A.Ş.) and to authorised public bodies.\n\nYour rights: for your rights under KVKK art. 11, write to kvkk@ornekkitabevi.com.tr.',
      sha256: 'fe18fd513550f902f8d98c17c9a36099d201831ea3dcbb5ca788a74a94c1e9a5',
    },
    {
      id: 'etk-onay',
      version: 1,
      locale: 'tr',
      kind: 'etk',
      title: 'Ticari Elektronik İleti Onayı',
      text: 'Örnek Kitabevi A.Ş. tarafından kampanya, indirim ve yeni çıkan kitaplar hakkında, seçtiğim kanallardan (kısa mesaj, telefon araması, e-posta) ticari elektronik ileti gönderilmesine onay veriyorum. Onayımı dilediğim zaman, ücretsiz olarak, iletilerdeki ret bağlantısıyla ya da İYS üzerinden geri alabilirim.',
      sha256: '305d10662781bc0de039459735c55e508d88655603d8acea151008d0d2539612',
    },
    {
      id: 'etk-onay',
      version: 1,
      locale: 'en',
      kind: 'etk',
      title: 'Commercial Electronic Message Permission',
      text: 'I agree to receive commercial electronic messages from Örnek Kitabevi A.Ş. about campaigns, discounts and new books through the channels I select (text message, phone call, e-mail). I can withdraw this permission at any time, free of charge, through the opt-out link in the messages or through İYS.',
      sha256: '27d34c3a052142ae4e58bfbb2c61513cfb493c5d2960d850d5bbe9ff0a620396',
    },
    {
      id: 'riza-pazarlama-analizi',
      version: 1,
      locale: 'tr',
      kind: 'acik-riza',
      title: 'Kişiye Özel Öneriler için Açık Rıza',
      text: 'Alışveriş ve gezinme geçmişimin, bana özel kitap önerileri sunulması amacıyla analiz edilmesine açık rıza veriyorum. Bu rızayı vermemem üyeliğimi etkilemez; rızamı dilediğim zaman geri alabilirim.',
      sha256: '8e33ceca805f23a3048da179abcc258758f836930647b028b79fdae55f0c35ad',
    },
    {
      id: 'riza-pazarlama-analizi',
      version: 1,
      locale: 'en',
      kind: 'acik-riza',
      title: 'Explicit Consent for Personalised Recommendations',
      text: 'I give my explicit consent to the analysis of my purchase and browsing history in order to receive personalised book recommendations. Refusing does not affect my membership; I can withdraw this consent at any time.',
      sha256: 'dcde36083458ec1fb6f8df4e66a145f4db763a20c278f018a0ae51824c5ebeb6',
    },
    {
      id: 'riza-yurt-disi-aktarim',
      version: 1,
      locale: 'tr',
      kind: 'acik-riza',
      title: 'Yurt Dışına Aktarım için Açık Rıza',
      text: "E-posta adresimin, pazarlama e-postalarının gönderimi için Amerika Birleşik Devletleri'nde sunucuları bulunan e-posta hizmet sağlayıcısına aktarılmasına açık rıza veriyorum. Rızamı dilediğim zaman geri alabilirim.",
      sha256: 'c7c21408e41261c357b1e50fe431389abf983152e61b5fd376103b2e0dbd24ea',
    },
    {
      id: 'riza-yurt-disi-aktarim',
      version: 1,
      locale: 'en',
      kind: 'acik-riza',
      title: 'Explicit Consent for Transfer Abroad',
      text: 'I give my explicit consent to the transfer of my e-mail address to an e-mail service provider with servers in the United States, for sending marketing e-mails. I can withdraw this consent at any time.',
      sha256: '056829826cf945ca3f801add6fe8685fd7c4f51722ecbc07da7e28d08f3b618e',
    },
  ],
  aydinlatmaNoticeId: 'kvkk-aydinlatma',
  etkNoticeId: 'etk-onay',
  locales: ['tr', 'en'],
  ipPolicy: 'truncated',
  retention: { yearsAfterEnd: 3 },
  phones: { mesaj: 'mobile', foreign: 'refuse' },
  confirmationEvent: true,
  verification: { channels: {}, holdHours: 72, codeMinutes: 3, maxSends: 3, messages: {} },
};

/** A notice as a capture names it: the example site's text `id` in force in `locale`. */
export function exampleShownNotice(id: string, locale: SupportedLocale = 'tr') {
  const { version, sha256 } = exampleShownNoticeText(id, locale);
  return { id, version, sha256 };
}

/** The example site's text `id` in force in `locale`. */
function exampleShownNoticeText(id: string, locale: SupportedLocale = 'tr') {
  const notice = currentNotice(exampleSiteConfig, id, locale);
  if (!notice) throw new Error(`the example site has no notice ${id} in ${locale}`);
  return notice;
}

/** What the example site's full form shows, as a capture names it: KVKK, ETK, both açık rızas. */
export const exampleShownNotices = (locale: SupportedLocale = 'tr') =>
  ['kvkk-aydinlatma', 'etk-onay', 'riza-pazarlama-analizi', 'riza-yurt-disi-aktarim'].map((id) =>
    exampleShownNotice(id, locale),
  );

/** A notice as a stored record names it: the example site's Turkish text `id` in force. */
const recordedNotice = (id: string) => {
  const { version, locale, kind, sha256 } = exampleShownNoticeText(id);
  return { id, version, locale, kind, sha256 };
};

/** The example site's record of a first capture (MESAJ, EPOSTA and one açık rıza), not yet sealed. */
export const exampleUnsealedRecord: UnsealedCaptureRecord = {
  kind: 'capture',
  captureId: '0b6f1a7e-3c1d-4e8a-9f2b-5d6c7e8f9a0b',
  siteKey: EXAMPLE_SITE_KEY,
  seq: 1,
  receivedAt: '2025-06-01T11:30:00.123Z',
  consentDate: '2025-06-01 14:30:00',
  origin: 'https://www.ornekkitabevi.com.tr',
  ip: '203.0.113.0',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0',
  locale: 'tr',
  recipientType: 'BIREYSEL',
  source: 'HS_WEB',
  person: { fullName: 'Ayşe Yılmaz', phone: '+905321234567', email: 'ayse@ornek.com.tr' },
  channels: [
    { type: 'MESAJ', checked: true, status: 'ONAY' },
    { type: 'ARAMA', checked: false },
    { type: 'EPOSTA', checked: true, status: 'ONAY' },
  ],
  purposes: [
    {
      id: 'kitap-onerileri',
      granted: true,
      noticeId: 'riza-pazarlama-analizi',
      version: 1,
      sha256: recordedNotice('riza-pazarlama-analizi').sha256,
    },
  ],
  notices: [
    recordedNotice('kvkk-aydinlatma'),
    recordedNotice('etk-onay'),
    recordedNotice('riza-pazarlama-analizi'),
  ],
  widgetVersion: '1.0.0',
  prevHash: GENESIS_HASH,
};

/** The example admin token of `exampleServerConfig` (tests only; a real token is random). */
export const EXAMPLE_ADMIN_TOKEN = 'izinli-ornek-admin-token-0001';

/** A server config with one tenant holding the example site, its İYS account and an admin token. */
export const exampleServerConfig: ServerConfigInput = {
  tenants: [
    {
      id: 'ornek-kitabevi',
      name: 'Örnek Kitabevi A.Ş.',
      // sha256(EXAMPLE_ADMIN_TOKEN)
      adminTokens: [
        {
          label: 'hukuk',
          sha256: '5060154bacccf3c967a74620472fcb0d8691f66e2b0824c9a7eac68902c35368',
        },
      ],
      webhooks: [],
      sites: [exampleSiteConfig],
    },
  ],
  iysAccounts: [{ iysCode: 100000, username: 'demo', password: { env: 'IYS_PASSWORD' } }],
};

/** The example brand's SMS ONAY from the site, waiting in the delivery outbox. */
export const examplePendingMovement: Movement = {
  id: 'mv-0001',
  captureId: '0b6f1a7e-3c1d-4e8a-9f2b-5d6c7e8f9a0b',
  ...exampleSiteConfig.brand,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  recipient: '+905321234567',
  status: 'ONAY',
  consentDate: '2025-06-01 14:30:00',
  source: 'HS_WEB',
  state: 'pending',
  attempts: 0,
  nextAttemptAt: '2025-06-01T11:30:00.000Z',
  deadline: '2025-06-04T11:30:00.000Z',
};

/**
 * A reconciled İYS day of the example brand (its daily file, agreement and time-stamp), before
 * it takes a place in a site's chain (captureId, siteKey, seq, receivedAt, prevHash).
 */
export const exampleIysDay = {
  kind: 'iys-day' as const,
  ...exampleSiteConfig.brand,
  reportDate: '2026-01-01',
  fileSha256: 'a'.repeat(64),
  agreementHash: 'b'.repeat(96),
  timestampSha256: 'c'.repeat(64),
  timestampGenTime: '2026-01-01T23:00:00.000Z',
};

/**
 * What İYS holds for a MESAJ recipient of the example brand, as the server's mirror keeps it: the
 * person's own ONAY on İYS's web, or their RET by SMS.
 */
export function exampleMirrorEntry(
  recipient: string,
  status: ConsentStatus,
  recipientType: RecipientType = 'BIREYSEL',
) {
  const fields = {
    ...exampleSiteConfig.brand,
    recipientType,
    type: 'MESAJ' as const,
    recipient,
  };
  return {
    key: movementKey(fields),
    ...fields,
    status,
    consentDate: '2025-10-15 10:00:00',
    source: status === 'ONAY' ? ('IYS_WEB' as const) : ('IYS_KISAMESAJ' as const),
    updatedAt: '2025-10-15T07:00:00.000Z',
  };
}
