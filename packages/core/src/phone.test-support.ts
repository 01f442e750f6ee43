// Numbers both normalisers read the same way: the full one (phone.ts, libphonenumber) and the
// widget's lite one (phone-lite.ts). Each test adds the shapes only its normaliser reads.

/** The Turkish mobile number every shape below stands for. */
export const MOBILE = '+905321234567';

/** Ways people type MOBILE: spaces, brackets, dashes, dots, with or without 0, 90, +90, 0090. */
export const MOBILE_SHAPES = [
  '0532 123 45 67',
  '05321234567',
  '5321234567',
  '+90 (532) 123-4567',
  '905321234567',
  '+90 532 123 45 67',
  '0090 532 123 4567',
  '(0532) 123 45 67',
  '0532.123.45.67',
  '0532-123-45-67',
  '0532\u00a0123\u00a045\u00a067',
  '+90 (0532) 123 45 67',
];

/** Turkish landline and service numbers, and their E.164 form. */
export const TURKISH_LANDLINES: [string, string][] = [
  ['0212 123 45 67', '+902121234567'],
  ['(0312) 456 78 90', '+903124567890'],
  ['0850 123 45 67', '+908501234567'],
];

/** Foreign numbers in international form, and their E.164 form. */
export const FOREIGN_NUMBERS: [string, string][] = [
  ['+44 20 7946 0958', '+442079460958'],
  ['0044 20 7946 0958', '+442079460958'],
  ['+1 (202) 555-0123', '+12025550123'],
  ['+49 30 901820', '+4930901820'],
];
