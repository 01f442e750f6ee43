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
  needName: 'İleti izni için adınızı ve soyadınızı yazın.',
  needPhone:
    'Kısa mesaj ve arama izni için geçerli bir telefon numarası yazın, ör. 0532 123 45 67.',
  needEmail:
    'E-posta izni için geçerli bir e-posta adresi yazın, ör. ad.soyad@ornek.com.tr (Türkçe harf olmadan).',
};
