import type { IysErrorEntry } from '@izinli/core';

/**
 * Codes İYS's document shows only in the response examples of the subscription and
 * reconciliation (MUTABAKAT) operations, absent from its HATA KODLARI table and so from core's
 * `IYS_ERRORS`: their status and sentence as those examples give them.
 */
export const DOCUMENT_EXAMPLE_CODES = {
  /** Subscription query of an iysCode with no subscription (404; the example names the number). */
  H437: {
    status: 404,
    message: (iysCode: number) => `IYS numarası:${iysCode} ile abonelik bulunamadı.`,
  },
  /** A reportDate that is not `YYYY-MM-DD`. */
  H501: { status: 422, message: 'Tarih formatı yyyy-aa-gg şeklinde olmalıdır.' },
  /** A reportDate more than 7 days back. */
  H502: { status: 422, message: 'reportDate alanı en fazla 7 gün önce olabilir.' },
  /** An agreement body whose agreementStatus is not `true`; the sentence starts with the value sent. */
  H512: {
    status: 422,
    message: (value: string) => `${value} kabul edilemedi. İzin verilen değerler: true`,
  },
} as const;

/** One error entry of a document-only code, keys in İYS's order (code, location, value, message). */
export function documentError(
  code: 'H501' | 'H502',
  location: string,
  value: string,
): IysErrorEntry {
  return { code, location: [location], value, message: DOCUMENT_EXAMPLE_CODES[code].message };
}
