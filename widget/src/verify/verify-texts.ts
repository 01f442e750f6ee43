// The code step's own words, kept with its chunk rather than in the element's tables, so a site
// that verifies nothing does not load them. `{n}` is replaced by a number.

export type VerifyKey =
  | 'groupPhone'
  | 'groupEmail'
  | 'send'
  | 'optional'
  | 'codeLabel'
  | 'check'
  | 'resend'
  | 'sentPhone'
  | 'sentEmail'
  | 'codeShape'
  | 'wrong'
  | 'locked'
  | 'expired'
  | 'confirmed'
  | 'badAddress'
  | 'failed'
  | 'linkPhone'
  | 'linkEmail';

export const verifyTexts: Record<'tr' | 'en', Record<VerifyKey, string>> = {
  tr: {
    groupPhone: 'Telefon numaranızın doğrulanması',
    groupEmail: 'E-posta adresinizin doğrulanması',
    send: 'Kodu gönder',
    optional: 'İsteğe bağlı: formu kod girmeden de gönderebilirsiniz.',
    codeLabel: 'Doğrulama kodu (6 haneli)',
    check: 'Doğrula',
    resend: 'Yeni kod gönder',
    sentPhone: 'Kod telefonunuza gönderildi.',
    sentEmail: 'Kod e-posta adresinize gönderildi.',
    codeShape: 'Size gelen 6 haneli kodu yazın.',
    wrong: 'Kod yanlış; {n} deneme hakkınız kaldı.',
    locked: 'Çok fazla yanlış deneme; yeni bir kod isteyin.',
    expired: 'Kodun süresi doldu; yeni bir kod isteyin.',
    confirmed: '✓ Doğrulandı',
    badAddress: 'Bu adrese kod gönderilemiyor; adresi kontrol edin.',
    failed: 'Şu anda kod gönderilemiyor ya da doğrulanamıyor; biraz sonra yeniden deneyin.',
    linkPhone: 'Onay bağlantısı telefonunuza SMS ile gönderildi.',
    linkEmail: 'Onay bağlantısı e-posta adresinize gönderildi.',
  },
  en: {
    groupPhone: 'Verifying your phone number',
    groupEmail: 'Verifying your e-mail address',
    send: 'Send code',
    optional: 'Optional: you can send the form without a code.',
    codeLabel: 'Verification code (6 digits)',
    check: 'Verify',
    resend: 'Send a new code',
    sentPhone: 'The code was sent to your phone.',
    sentEmail: 'The code was sent to your e-mail address.',
    codeShape: 'Type the 6-digit code you received.',
    wrong: 'Wrong code; {n} attempts left.',
    locked: 'Too many wrong codes; ask for a new one.',
    expired: 'The code has expired; ask for a new one.',
    confirmed: '✓ Verified',
    badAddress: 'A code cannot be sent to this address; check it.',
    failed: 'The code cannot be sent or checked right now; try again in a moment.',
    linkPhone: 'A confirmation link was sent to your phone by SMS.',
    linkEmail: 'A confirmation link was sent to your e-mail address.',
  },
};
