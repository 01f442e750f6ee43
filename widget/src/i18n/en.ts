import type { Translation } from './translation.js';

/** English. */
export const en: Translation = {
  unavailable: 'The consent options could not be loaded; you can still send the form.',
  etkHint: 'Choose the channels you want messages on; none is fine.',
  MESAJ: 'Text message (SMS)',
  ARAMA: 'Phone call',
  EPOSTA: 'E-mail',
  purposesLegend: 'Explicit consent (optional)',
  personLegend: 'Your contact details',
  fullName: 'Your name and surname',
  phone: 'Your mobile phone',
  email: 'Your e-mail address',
  phoneHintMobileTr: 'A mobile number in Türkiye, e.g. 0532 123 45 67',
  phoneHintMobile: 'A mobile phone number',
  phoneHintTr: 'A phone number in Türkiye (+90)',
  needName: 'Enter your name and surname to give a message permission.',
  needPhone: 'Enter a valid phone number, e.g. 0532 123 45 67, to allow texts and calls.',
  needMobile: 'Text messages can only be allowed for a mobile number, e.g. 0532 123 45 67.',
  needTurkishPhone: 'This form accepts only Turkish phone numbers (+90).',
  needEmail:
    'Enter a valid e-mail address, e.g. name.surname@example.com (no Turkish letters), to allow e-mails.',
};
