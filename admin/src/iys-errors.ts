// What the dead letters' codes mean and what fixes them, beside İYS's own Turkish message.
import type { AdminLocale } from './i18n/index.js';

const EXPLAINED: Record<string, Record<AdminLocale, string>> = {
  H467: {
    tr: 'İzin tarihi 3 iş gününden eski: İYS ya da bizim saatimiz kaymış olabilir. Saatler düzelince yeniden gönderin.',
    en: 'The consent date is more than 3 business days old: İYS’s clock or ours may be off. Send again once the clocks agree.',
  },
  H178: {
    tr: 'İYS’de bu kişi için daha yeni tarihli bir kayıt var; bizimki eski kalıyor.',
    en: 'İYS holds a newer record for this person; ours is older.',
  },
  H175: {
    tr: 'İlk kayıt RET olamaz: İYS bu kişiyi bu kanalda hiç ONAY olarak görmemiş.',
    en: 'A first record cannot be RET: İYS never had an ONAY for this person on this channel.',
  },
  H156: {
    tr: 'İzin tarihi 2015-05-01’den önce.',
    en: 'The consent date is before 2015-05-01.',
  },
  H121: {
    tr: 'Telefon numarası İYS’nin beklediği biçimde değil (E.164).',
    en: 'The phone number is not in the form İYS expects (E.164).',
  },
  'deadline-missed': {
    tr: '3 iş günlük süre geçti; İYS’ye gönderilmedi (İYS H467 ile reddederdi).',
    en: 'The 3-business-day window passed; not sent (İYS would refuse with H467).',
  },
};

/** A sentence on what `code` means and what to do, if the console knows the code. */
export function explainIysCode(code: string, locale: AdminLocale): string | undefined {
  return EXPLAINED[code]?.[locale];
}
