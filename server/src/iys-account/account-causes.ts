// What an operator must do about each account-level İYS failure, in Turkish and English: shown in
// the console's banner, carried by the `iys.account_paused` webhook, logged at the pause.
import type { Localized } from '@izinli/core';

const RESUMES = {
  en: 'Deliveries resume by themselves once İYS answers normally again; nothing is lost meanwhile.',
  tr: 'İYS yeniden olağan yanıt verdiğinde gönderim kendiliğinden sürer; bu arada hiçbir şey kaybolmaz.',
};

const CAUSES: Record<string, Localized> = {
  H520: {
    en: 'The İYS subscription is paused or has expired: renew it on the İYS portal (Abonelik).',
    tr: 'İYS aboneliği askıda ya da süresi dolmuş: İYS portalından (Abonelik) yenileyin.',
  },
  H521: {
    en: 'The İYS subscription is closed: reopen it on the İYS portal, or ask İYS support.',
    tr: 'İYS aboneliği kapalı: İYS portalından yeniden açın ya da İYS destek ile görüşün.',
  },
  H524: {
    en: 'This İYS account has no subscription: subscribe on the İYS portal.',
    tr: 'Bu İYS hesabının aboneliği yok: İYS portalından abone olun.',
  },
  H437: {
    en: 'This İYS account has no subscription: subscribe on the İYS portal.',
    tr: 'Bu İYS hesabının aboneliği yok: İYS portalından abone olun.',
  },
  H586: {
    en: 'The İYS subscription has no API package: add the API (entegrasyon) package on the İYS portal.',
    tr: 'İYS aboneliğinde API paketi yok: İYS portalından API (entegrasyon) paketini ekleyin.',
  },
  H525: {
    en: 'The İYS package’s consent quota is used up: move to a larger package on the İYS portal.',
    tr: 'İYS paketinin izin kotası doldu: İYS portalından daha büyük bir pakete geçin.',
  },
  H084: {
    en: 'İYS capped this account’s token requests for an hour (H084): deliveries resume after it.',
    tr: 'İYS bu hesabın belirteç isteklerini bir saatliğine durdurdu (H084): ardından gönderim sürer.',
  },
  'token-locked': {
    en: 'İYS capped this account’s token requests for an hour (H084): deliveries resume after it.',
    tr: 'İYS bu hesabın belirteç isteklerini bir saatliğine durdurdu (H084): ardından gönderim sürer.',
  },
  auth: {
    en: 'İYS refused the account’s username or password: fix iysAccounts in the config and reload (SIGHUP).',
    tr: 'İYS hesabın kullanıcı adını ya da parolasını reddetti: yapılandırmadaki iysAccounts’u düzeltip yeniden yükleyin (SIGHUP).',
  },
  gateway: {
    en: 'A gateway in front of İYS refused this server (not JSON): check that this server’s IP address is on the İYS account’s IP list (whitelist).',
    tr: 'İYS’nin önündeki ağ geçidi bu sunucuyu reddetti (JSON değil): bu sunucunun IP adresinin İYS hesabının IP listesinde (beyaz liste) olduğunu denetleyin.',
  },
};

const WRONG_BRAND: Localized = {
  en: 'İYS says the config’s iysCode or brandCode is not this account’s (H353): fix the sites’ brand and iysAccounts in the config and reload (SIGHUP).',
  tr: 'İYS, yapılandırmadaki iysCode ya da brandCode değerinin bu hesabın olmadığını söylüyor (H353): sitelerin brand ve iysAccounts alanlarını düzeltip yeniden yükleyin (SIGHUP).',
};

/** Codes that mean İYS refused the credentials: OAuth's and İYS's own. */
const CREDENTIAL_CODES = new Set([
  'invalid_grant',
  'invalid_request',
  'invalid_client',
  'H251',
  'H351',
]);

const FALLBACK: Localized = {
  en: 'İYS refused every request of this account: see the code and message, and the İYS portal.',
  tr: 'İYS bu hesabın tüm isteklerini reddetti: koda ve iletiye, ve İYS portalına bakın.',
};

/** What to do about a pause with this cause code, then that deliveries resume by themselves. */
export function whatToDo(code: string): Localized {
  const cause =
    CAUSES[code] ??
    (code === 'H353' ? WRONG_BRAND : CREDENTIAL_CODES.has(code) ? CAUSES.auth! : FALLBACK);
  return { en: `${cause.en} ${RESUMES.en}`, tr: `${cause.tr} ${RESUMES.tr}` };
}
