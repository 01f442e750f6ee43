import {
  defineProblemMessages,
  excerpt,
  isIysErrorCode,
  iysError,
  type IysErrorCode,
  type IysErrorEntry,
  type Localized,
  type Problem,
  type ProblemText,
} from '@izinli/core';
import { IysError, redact } from './iys-error.js';

/**
 * Problem codes of requests the client refuses before sending, each paired with the İYS code İYS
 * would answer, so a caller handles a local refusal exactly like İYS's (A18: a request
 * İYS would reject is not sent, keeping the IP clear of İYS's 70 % success rule).
 */
export const LOCAL_PROBLEM_IYS_CODES = {
  'iys.batchEmpty': 'H092',
  'iys.batchTooLarge': 'H091',
  'iys.duplicateKey': 'H194',
  'iys.recipientsEmpty': 'H164',
  'iys.recipientsTooMany': 'H125',
  'iys.duplicateRecipient': 'H193',
  'iys.limitOutOfRange': 'H182',
  'iys.offsetOutOfRange': 'H183',
  'iys.consentDateInvalid': 'H157',
} as const satisfies Record<string, IysErrorCode>;

/** A problem code of a request refused locally. */
export type LocalProblemCode = keyof typeof LOCAL_PROBLEM_IYS_CODES;

const n = (p: ProblemText, key: string) => p.params?.[key] ?? '?';

defineProblemMessages({
  'iys.batchEmpty': {
    tr: () => 'toplu izin listesi boş olamaz',
    en: () => 'a batch must hold at least one consent',
  },
  'iys.batchTooLarge': {
    tr: (p) => `bir istekte en fazla ${n(p, 'max')} izin gönderilebilir; gelen ${n(p, 'size')}`,
    en: (p) => `a batch holds at most ${n(p, 'max')} consents; received ${n(p, 'size')}`,
  },
  'iys.duplicateKey': {
    tr: (p) =>
      `aynı alıcı tipi, izin tipi ve alıcı ${n(p, 'firstIndex')}. sırada zaten var; bir listede tekrarlanamaz`,
    en: (p) =>
      `the same recipientType, type and recipient is already at index ${n(p, 'firstIndex')}; a batch may hold each once`,
  },
  'iys.recipientsEmpty': {
    tr: () => 'alıcı listesi boş olamaz',
    en: () => 'the recipient list must not be empty',
  },
  'iys.recipientsTooMany': {
    tr: (p) => `bir sorguda en fazla ${n(p, 'max')} alıcı olabilir; gelen ${n(p, 'size')}`,
    en: (p) => `a query holds at most ${n(p, 'max')} recipients; received ${n(p, 'size')}`,
  },
  'iys.duplicateRecipient': {
    tr: (p) => `bu alıcı ${n(p, 'firstIndex')}. sırada zaten var; listede tekrarlanamaz`,
    en: (p) =>
      `this recipient is already at index ${n(p, 'firstIndex')}; the list may hold it once`,
  },
  'iys.limitOutOfRange': {
    tr: (p) => `limit 1 ile ${n(p, 'max')} arasında bir tam sayı olmalıdır; gelen ${p.received}`,
    en: (p) => `limit must be an integer from 1 to ${n(p, 'max')}; received ${p.received}`,
  },
  'iys.offsetOutOfRange': {
    tr: (p) => `offset sıfır ya da pozitif bir tam sayı olmalıdır; gelen ${p.received}`,
    en: (p) => `offset must be a non-negative integer; received ${p.received}`,
  },
  'iys.consentDateInvalid': {
    tr: () => 'izin tarihi geçerli bir an olmalıdır (Invalid Date verildi)',
    en: () => 'consentDate must be a valid instant (an Invalid Date was given)',
  },
});

/**
 * Remembers where each key of a list first came: `earlier(key, index)` answers that index when
 * the key came before, else undefined (and remembers `index`). The batch and the recipient list
 * refuse repeats with it (H194, H193).
 */
export function firstIndexes(): (key: string, index: number) => number | undefined {
  const first = new Map<string, number>();
  return (key, index) => {
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    return seen;
  };
}

/** Builds a problem of a locally refused request. */
export function localProblem(
  code: LocalProblemCode,
  path: (string | number)[],
  expected: Localized,
  received: unknown,
  params?: Record<string, string | number>,
): Problem {
  return { code, path, expected, received: excerpt(received), ...(params ? { params } : {}) };
}

/**
 * The error of a request refused before sending: kind `client`, status 0, `sent: false`. Problems
 * with an İYS twin also appear in `errors` as İYS would word them, with the batch `index`.
 */
export function rejectedLocally(operation: string, problems: Problem[]): IysError {
  const errors: IysErrorEntry[] = problems.flatMap((p) => {
    // Core's own problems (e.g. `iysDate.format`) name their İYS twin in `params.iysCode`.
    const twin =
      (LOCAL_PROBLEM_IYS_CODES as Record<string, IysErrorCode>)[p.code] ?? p.params?.iysCode;
    if (typeof twin !== 'string' || !isIysErrorCode(twin)) return [];
    const code = twin;
    const index = typeof p.path[0] === 'number' ? p.path[0] : undefined;
    return [iysError(code, index === undefined ? {} : { index })];
  });
  return new IysError({
    kind: 'rejected',
    status: 0,
    errors,
    problems: problems.map((p) => ({ ...p, received: redact(p.received) })),
    operation,
    sent: false,
  });
}
