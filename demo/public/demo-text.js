// The demo pages' own words, Turkish first. Each page's <html lang> picks the language.

/**
 * @typedef {'MESAJ' | 'ARAMA' | 'EPOSTA'} Channel
 * @typedef {'ONAY' | 'RET'} ConsentStatus
 * @typedef {'pending' | 'in-flight' | 'delivered' | 'already-current' | 'dead'} MovementState
 *   a permission's way to İYS; the receipt page adds `held` (waiting for its confirmation),
 *   `expired` (not confirmed in time) and `none`
 */

const TEXTS = {
  tr: {
    offline:
      'İnternet bağlantınız yok. İzinleriniz bu cihazda saklandı; bağlantı gelince üyeliğiniz kendiliğinden tamamlanacak.',
    resuming: 'Bağlantı geldi, üyeliğiniz tamamlanıyor…',
    willRetry: 'İzinleriniz henüz gönderilemedi; tekrar denenecek.',
    refused: 'İzinleriniz kaydedilemedi:',
    undelivered:
      'İzinleriniz uzun süre denendi ama gönderilemedi; lütfen daha sonra yeniden deneyin.',
    noId: 'Bu sayfa bir üyelik kaydına bağlı değil. Önce üye olun.',
    waiting: 'İzin kaydınız bekleniyor…',
    yes: 'Evet',
    no: 'Hayır',
    channelNames: { MESAJ: 'Kısa mesaj (SMS)', ARAMA: 'Telefon araması', EPOSTA: 'E-posta' },
    columns: {
      channel: 'Kanal',
      choice: 'Seçiminiz',
      status: 'Durum',
      source: 'Kaynak',
      consentDate: 'İzin tarihi',
      answer: 'Sonuç',
      to: 'Alıcı',
      message: 'İleti',
      time: 'Saat',
    },
    states: {
      pending: 'İYS’ye gönderilecek',
      'in-flight': 'İYS’ye gönderiliyor',
      delivered: 'İYS’ye iletildi',
      'already-current': 'İYS’de zaten kayıtlı',
      dead: 'İYS kabul etmedi',
      none: 'İYS’ye bir şey gönderilmez',
      held: 'Adres sahibinin onayı bekleniyor',
      expired: 'Zamanında onaylanmadı; İYS’ye gönderilmedi',
    },
    /** @param {string} kid */
    signatureOk: (kid) => `İmza geçerli: ${kid} anahtarıyla imzalanmış.`,
    signatureBad: 'İmza bu sunucunun anahtarlarıyla doğrulanamadı!',
    signatureUnsupported: 'Bu tarayıcı Ed25519 imzasını doğrulayamıyor; aşağıdaki komutu kullanın.',
    allowed: 'Gönderilebilir',
    notAllowed: 'Gönderilemez',
    noRecord: 'kayıt yok',
    noWebhooks: 'Henüz webhook gelmedi.',
    noIysRecords: 'İYS’de bu alıcı için kayıt yok.',
    /** @param {string} type @param {string} status */
    saved: (type, status) => `İYS’ye kaydedildi: ${type} ${status}.`,
    citizenFailed: 'İYS işlemi kabul etmedi:',
    noSms: 'Henüz SMS gelmedi.',
    noMail: 'Henüz e-posta gelmedi.',
    mailTo: 'Kime:',
    mailFrom: 'Kimden:',
  },
  en: {
    offline:
      'You are offline. Your choices are kept on this device; your sign-up completes by itself once you are back online.',
    resuming: 'Back online, completing your sign-up…',
    willRetry: 'Your choices could not be sent yet; they will be retried.',
    refused: 'Your choices could not be recorded:',
    undelivered:
      'Your choices were retried for hours but could not be sent; please try again later.',
    noId: 'This page is not tied to a sign-up. Sign up first.',
    waiting: 'Waiting for your consent record…',
    yes: 'Yes',
    no: 'No',
    channelNames: { MESAJ: 'Text message (SMS)', ARAMA: 'Phone call', EPOSTA: 'E-mail' },
    columns: {
      channel: 'Channel',
      choice: 'Your choice',
      status: 'Status',
      source: 'Source',
      consentDate: 'Consent date',
      answer: 'Answer',
      to: 'To',
      message: 'Message',
      time: 'Time',
    },
    states: {
      pending: 'to be sent to İYS',
      'in-flight': 'being sent to İYS',
      delivered: 'delivered to İYS',
      'already-current': 'already on İYS',
      dead: 'refused by İYS',
      none: 'nothing is sent to İYS',
      held: 'waiting for the address’s owner to confirm',
      expired: 'not confirmed in time; not sent to İYS',
    },
    /** @param {string} kid */
    signatureOk: (kid) => `Signature valid: signed with key ${kid}.`,
    signatureBad: 'The signature does not verify with this server’s keys!',
    signatureUnsupported: 'This browser cannot verify Ed25519 signatures; use the command below.',
    allowed: 'Allowed',
    notAllowed: 'Not allowed',
    noRecord: 'no record',
    noWebhooks: 'No webhook received yet.',
    noIysRecords: 'İYS has no record for this recipient.',
    /** @param {string} type @param {string} status */
    saved: (type, status) => `Saved on İYS: ${type} ${status}.`,
    citizenFailed: 'İYS did not accept this:',
    noSms: 'No text message yet.',
    noMail: 'No e-mail yet.',
    mailTo: 'To:',
    mailFrom: 'From:',
  },
};

/** The texts of the page's language. */
export const t = document.documentElement.lang.startsWith('en') ? TEXTS.en : TEXTS.tr;

/**
 * Shows `message` in the status element `el` (`kind`: '', 'ok' or 'bad').
 * @param {HTMLElement} el
 * @param {string} message
 * @param {'' | 'ok' | 'bad'} [kind]
 */
export function showStatus(el, message, kind = '') {
  el.textContent = message;
  el.className = `status ${kind}`.trim();
  el.hidden = message === '';
}

/**
 * GETs JSON from the demo's own backend; resolves `{ ok, status, body }`, the body as the page
 * expects it (undefined when it is not JSON).
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<{ ok: boolean, status: number, body: any }>}
 */
export async function getJson(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => undefined);
  return { ok: response.ok, status: response.status, body };
}

/**
 * Waits `ms` milliseconds.
 * @param {number} ms
 * @returns {Promise<void>}
 */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
