import type { ConsentStatus } from '../enums.js';
import { IYS_ERRORS, type IysErrorCode } from './error-codes.js';

/** One entry of İYS's `errors` array, as İYS sends it. Optional keys are absent, never null. */
export interface IysErrorEntry {
  code: string;
  message: string;
  /** Path to the offending field, e.g. `['consentDate']` or `['retailerAccess', 0]`. */
  location?: (string | number)[];
  /** The offending value, echoed back. */
  value?: unknown;
  /** Position of the offending item in a batch or list request. */
  index?: number;
}

/** What `iysError` may add to a code's documented message. */
export interface IysErrorExtra {
  location?: (string | number)[];
  value?: unknown;
  index?: number;
  /** For H174: İYS ends the message with the record's current status instead of `ONAY / RET`. */
  currentStatus?: ConsentStatus;
  /** A documented variant of the message (see `IYS_MESSAGE_VARIANTS`) when one endpoint words it differently. */
  message?: string;
}

/**
 * Messages İYS's response examples word differently from its table for the same code. The
 * simulator uses these where the document shows them, so a client that logs messages sees İYS's.
 */
export const IYS_MESSAGE_VARIANTS = {
  /** H353 (403): the table's "Alan" is a placeholder for the field İYS names. */
  fieldNotMatched: (field: 'iysCode' | 'brandCode' | 'retailerCode') =>
    `${field}, kullanıcı izinleriyle eşleştirilemiyor`,
  /** H464 on multi status: the sentence names the channel the path asked for. */
  recipientFormatForType: (type: 'MESAJ' | 'ARAMA' | 'EPOSTA') =>
    type === 'EPOSTA'
      ? 'İzin tipi (type) EPOSTA için, alıcı (recipient) e-posta formatında olmalıdır.'
      : `İzin tipi (type) ${type} için, alıcı (recipient) telefon formatında olmalıdır.`,
  /** H175 in a batch status answer (the single add uses the table's sentence). */
  batchFirstRet:
    'İlk izin kayıt işlemlerinde RET durum (status) bilgisi içeren izinler kaydedilmez.',
  /** H267 for an empty retailerCode (400), as the add-one example words it. */
  retailerCodeEmpty: 'retailerCode değeri boş string olmamalıdır!',
  /** H193 on multi status. */
  recipientRepeated: 'Alıcı (recipient) değeri liste içinde tekrarlanamaz.',
  /** H166 on single status: the example uses H160's sentence. */
  phoneTooLongOnStatus: 'Alıcı için telefon numaraları 15 karakterden uzun olmamalıdır.',
  /** H093 on push registration. */
  pushUsernameMissing: 'Kullanıcı adı (username) bulunamadı.',
  pushPasswordMissing: 'Şifre (password) bulunamadı.',
  /** H191 on push registration (the same code means "brandCode is not an integer" elsewhere). */
  pushTimeout: 'Bağlantı zaman aşımına uğradı.',
  /** H530 on push unregistration. */
  pushNotRemoved: 'Bağlantı kaldırılamadı.',
} as const;

const H174_TAIL = 'ONAY / RET';

/** True when `code` is one İYS documents. */
export function isIysErrorCode(code: string): code is IysErrorCode {
  return Object.hasOwn(IYS_ERRORS, code);
}

/** The HTTP status İYS answers with for `code`. */
export function iysErrorStatus(code: IysErrorCode): number {
  return IYS_ERRORS[code].status;
}

/**
 * Builds one entry of İYS's `errors` array with the exact documented message. Keys are added
 * in İYS's order and only when given, so the entry serialises like İYS's own.
 */
export function iysError(code: IysErrorCode, extra: IysErrorExtra = {}): IysErrorEntry {
  let message: string = extra.message ?? IYS_ERRORS[code].message;
  if (code === 'H174' && extra.currentStatus && message.endsWith(H174_TAIL)) {
    message = message.slice(0, -H174_TAIL.length) + extra.currentStatus;
  }
  const entry: IysErrorEntry = { code, message };
  if (extra.index !== undefined) entry.index = extra.index;
  if (extra.location !== undefined) entry.location = extra.location;
  if (extra.value !== undefined) entry.value = extra.value;
  return entry;
}
