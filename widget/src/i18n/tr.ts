import type { Translation } from './translation.js';

/** Türkçe: the default language. */
export const tr: Translation = {
  unavailable: 'İzin seçenekleri yüklenemedi; formu yine de gönderebilirsiniz.',
  etkHint: 'İleti almak istediğiniz kanalları seçin; seçim zorunlu değildir.',
  MESAJ: 'Kısa mesaj (SMS)',
  ARAMA: 'Telefon araması',
  EPOSTA: 'E-posta',
  purposesLegend: 'Açık rıza (isteğe bağlı)',
  personLegend: 'İletişim bilgileriniz',
  fullName: 'Adınız ve soyadınız',
  phone: 'Cep telefonunuz',
  email: 'E-posta adresiniz',
  phoneHintMobileTr: 'Türkiye’deki bir cep telefonu, ör. 0532 123 45 67',
  phoneHintMobile: 'Bir cep telefonu numarası',
  phoneHintTr: 'Türkiye’deki bir telefon numarası (+90)',
  needName: 'İleti izni için adınızı ve soyadınızı yazın.',
  needPhone:
    'Kısa mesaj ve arama izni için geçerli bir telefon numarası yazın, ör. 0532 123 45 67.',
  needMobile:
    'Kısa mesaj izni yalnızca cep telefonu numarası için verilebilir, ör. 0532 123 45 67.',
  needTurkishPhone: 'Bu form yalnızca Türkiye telefon numaralarını (+90) kabul ediyor.',
  needEmail:
    'E-posta izni için geçerli bir e-posta adresi yazın, ör. ad.soyad@ornek.com.tr (Türkçe harf olmadan).',
};
