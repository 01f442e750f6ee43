// Every string of the withdrawal pages, Turkish first, English second (one typed table).
import type { Channel, Locale } from '@izinli/core';

/** Why a link page cannot offer the withdrawal. */
export type LinkRefusalKind = 'missing' | 'invalid' | 'expired' | 'site';

/**
 * What every person-facing page of the server (withdrawal and confirmation links) says the same
 * way in a locale: its language, the switch to the other one, the channels' names, the reference.
 */
export interface PageLocaleTexts {
  lang: string;
  otherLanguage: { locale: Locale; label: string };
  channel: Record<Channel, string>;
  reference: string;
}

/** The texts every person-facing page shares, by locale. */
export const PAGE_LOCALE_TEXTS: Record<Locale, PageLocaleTexts> = {
  tr: {
    lang: 'tr',
    otherLanguage: { locale: 'en', label: 'English' },
    channel: { MESAJ: 'Kısa mesaj (SMS)', ARAMA: 'Telefon araması', EPOSTA: 'E-posta' },
    reference: 'Kayıt numarası',
  },
  en: {
    lang: 'en',
    otherLanguage: { locale: 'tr', label: 'Türkçe' },
    channel: { MESAJ: 'Text messages (SMS)', ARAMA: 'Phone calls', EPOSTA: 'E-mail' },
    reference: 'Reference',
  },
};

export interface WithdrawalTexts extends PageLocaleTexts {
  confirmTitle: string;
  confirmHeading(site: string): string;
  confirmIntro: string;
  addresses: string;
  channels: string;
  button: string;
  free: string;
  doneTitle: string;
  doneIntro(site: string): string;
  doneIys: string;
  refusalTitle: Record<LinkRefusalKind, string>;
  refusalWhy: Record<LinkRefusalKind, string>;
  otherWays: string;
}

const tr: WithdrawalTexts = {
  ...PAGE_LOCALE_TEXTS.tr,
  confirmTitle: 'İzni geri al',
  confirmHeading: (site) => `${site} ticari ileti izninizi geri alın`,
  confirmIntro:
    'Aşağıdaki kanallardan ticari elektronik ileti almak istemiyorsanız düğmeye basın. İzniniz, talebiniz bize ulaştığı anda geri alınmış olur.',
  addresses: 'Adresleriniz',
  channels: 'Kanallar',
  button: 'İzni geri al',
  free: 'Geri alma ücretsizdir; başka bir bilgi istenmez.',
  doneTitle: 'İzniniz geri alındı',
  doneIntro: (site) => `${site} bu kanallardan size artık ticari elektronik ileti göndermeyecek.`,
  doneIys:
    'Ret bildiriminiz İleti Yönetim Sistemi’ne (İYS) iletilir; bu en geç 3 iş günü içinde, çoğunlukla aynı gün tamamlanır.',
  refusalTitle: {
    missing: 'Bağlantı eksik',
    invalid: 'Bağlantı geçersiz',
    expired: 'Bağlantının süresi dolmuş',
    site: 'Site bulunamadı',
  },
  refusalWhy: {
    missing: 'Bu sayfa, iletideki izin geri alma bağlantısıyla açılmalıdır.',
    invalid: 'Bağlantı bozulmuş ya da değiştirilmiş; izniniz geri alınmadı.',
    expired: 'Bu bağlantının geçerlilik süresi dolmuş; izniniz geri alınmadı.',
    site: 'Bağlantının ait olduğu site artık bu hizmette değil; izniniz geri alınmadı.',
  },
  otherWays:
    'İzninizi her zaman, ücretsiz olarak İYS’nin vatandaş sayfasından (https://vatandas.iys.org.tr) ya da size gönderilen yeni bir iletideki bağlantıdan geri alabilirsiniz.',
};

const en: WithdrawalTexts = {
  ...PAGE_LOCALE_TEXTS.en,
  confirmTitle: 'Withdraw permission',
  confirmHeading: (site) => `Withdraw your permission for ${site}’s commercial messages`,
  confirmIntro:
    'Press the button if you no longer want commercial electronic messages through the channels below. Your permission counts as withdrawn the moment we receive it.',
  addresses: 'Your addresses',
  channels: 'Channels',
  button: 'Withdraw permission',
  free: 'Withdrawing is free; nothing else is asked.',
  doneTitle: 'Your permission is withdrawn',
  doneIntro: (site) =>
    `${site} will no longer send you commercial messages through these channels.`,
  doneIys:
    'Your refusal is passed to the Message Management System (İYS) within 3 business days at most, usually the same day.',
  refusalTitle: {
    missing: 'Link incomplete',
    invalid: 'Link not valid',
    expired: 'Link expired',
    site: 'Site not found',
  },
  refusalWhy: {
    missing: 'Open this page with the withdrawal link in the message you received.',
    invalid: 'The link is damaged or was altered; your permission was not withdrawn.',
    expired: 'This link has expired; your permission was not withdrawn.',
    site: 'The site this link belongs to is no longer served here; your permission was not withdrawn.',
  },
  otherWays:
    'You can always withdraw your permission, free of charge, on İYS’s citizen site (https://vatandas.iys.org.tr) or through the link in any newer message you receive.',
};

/** The texts of one locale. */
export const WITHDRAWAL_TEXTS: Record<Locale, WithdrawalTexts> = { tr, en };
