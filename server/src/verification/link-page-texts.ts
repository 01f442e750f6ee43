// Every string of the confirmation link's pages, Turkish first, English second (one typed table).
import type { Locale } from '@izinli/core';
import { PAGE_LOCALE_TEXTS } from '../withdrawal/withdrawal-texts.js';
import type { PageLocaleTexts } from '../withdrawal/withdrawal-texts.js';

/** What a link page says: asking, done, done before, too late, or not a link we made. */
export type LinkPageState = 'ask' | 'confirmed' | 'already' | 'expired' | 'unknown';

export interface LinkPageTexts extends PageLocaleTexts {
  askTitle: string;
  askHeading(brand: string): string;
  askIntro: string;
  notYou: string;
  channels: string;
  address: string;
  button: string;
  confirmedTitle: string;
  confirmedIntro(brand: string): string;
  withdraw: string;
  alreadyTitle: string;
  alreadyIntro: string;
  expiredTitle: string;
  expiredIntro: string;
  unknownTitle: string;
  unknownIntro: string;
}

const tr: LinkPageTexts = {
  ...PAGE_LOCALE_TEXTS.tr,
  askTitle: 'İletişim izninizi onaylayın',
  askHeading: (brand) => `${brand} iletişim izninizi onaylamanızı istiyor`,
  askIntro:
    'Bu adrese ticari elektronik ileti gönderilmesine siz izin verdiyseniz, onaylamak için düğmeye basın.',
  notYou:
    'İzni siz vermediyseniz bu sayfayı kapatın: hiçbir şey onaylanmaz, size ileti gönderilmez.',
  channels: 'Onaylanacak kanallar',
  address: 'Adres',
  button: 'Onayla',
  confirmedTitle: 'İzniniz onaylandı',
  confirmedIntro: (brand) =>
    `Teşekkürler. ${brand}, bu kanallar için verdiğiniz izni İleti Yönetim Sistemi’ne (İYS) bildirecek.`,
  withdraw:
    'İzninizi her zaman, ücretsiz olarak geri alabilirsiniz: size gelen iletilerdeki bağlantıdan ya da İYS’nin vatandaş sayfasından (https://vatandas.iys.org.tr).',
  alreadyTitle: 'Bu izin zaten onaylanmış',
  alreadyIntro: 'Bu bağlantıyla daha önce onay verildi; yapmanız gereken bir şey yok.',
  expiredTitle: 'Bağlantının süresi dolmuş',
  expiredIntro:
    'Bu bağlantının geçerlilik süresi dolmuş: izin onaylanmadı ve İYS’ye bildirilmedi. Dilerseniz formu yeniden doldurabilirsiniz.',
  unknownTitle: 'Bağlantı geçersiz',
  unknownIntro:
    'Bağlantı bozulmuş ya da değiştirilmiş; hiçbir şey onaylanmadı. İletideki bağlantıyı eksiksiz açtığınızdan emin olun.',
};

const en: LinkPageTexts = {
  ...PAGE_LOCALE_TEXTS.en,
  askTitle: 'Confirm your permission',
  askHeading: (brand) => `${brand} asks you to confirm your permission`,
  askIntro:
    'If you agreed to receive commercial electronic messages at this address, press the button to confirm.',
  notYou:
    'If it was not you, close this page: nothing is confirmed and no messages are sent to you.',
  channels: 'Channels to confirm',
  address: 'Address',
  button: 'Confirm',
  confirmedTitle: 'Your permission is confirmed',
  confirmedIntro: (brand) =>
    `Thank you. ${brand} will register your permission for these channels with the Message Management System (İYS).`,
  withdraw:
    'You can always withdraw it, free of charge: through the link in the messages you receive, or on İYS’s citizen site (https://vatandas.iys.org.tr).',
  alreadyTitle: 'Already confirmed',
  alreadyIntro: 'This link was used to confirm before; there is nothing more to do.',
  expiredTitle: 'Link expired',
  expiredIntro:
    'This link has expired: the permission was not confirmed and nothing was sent to İYS. You may fill in the form again.',
  unknownTitle: 'Link not valid',
  unknownIntro:
    'The link is damaged or was altered; nothing was confirmed. Make sure you opened the whole link from the message.',
};

/** The texts of one locale. */
export const LINK_PAGE_TEXTS: Record<Locale, LinkPageTexts> = { tr, en };
