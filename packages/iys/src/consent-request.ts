import {
  IYS_LIMITS,
  IysIndividualConsentRequest,
  IysTraderConsentRequest,
  err,
  formatIysDate,
  ok,
  problemsFromZod,
  type IysConsentRequest,
  type Problem,
  type Result,
} from '@izinli/core';
import { firstIndexes, localProblem } from './local-rejection.js';

type WithDateInput<T> = T extends { consentDate: string }
  ? Omit<T, 'consentDate'> & { consentDate: string | Date }
  : T extends { consentDate?: string }
    ? Omit<T, 'consentDate'> & { consentDate?: string | Date }
    : never;

/**
 * A consent to send: İYS's request body, except that `consentDate` may also be a `Date` (formatted
 * to İYS's Turkey-time form here, A9) and optional fields may be `undefined`.
 */
export type IysConsentInput = WithDateInput<IysConsentRequest>;

// The fields İYS accepts, in its documented order; anything else is never sent (İYS: H118).
const FIELDS = [
  'recipient',
  'type',
  'source',
  'status',
  'consentDate',
  'recipientType',
  'retailerCode',
  'retailerAccess',
] as const;

/**
 * Builds the exact body İYS gets for one consent: known fields only, optional ones left out when
 * empty (İYS fails on `""` and `null`), the date in İYS format, then checked against core's schema.
 */
export function consentRequestBody(
  input: IysConsentInput,
  path: (string | number)[] = [],
): Result<IysConsentRequest, Problem[]> {
  const source = input as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = source[field];
    if (value === undefined || value === null || value === '') continue;
    // An empty retailer list means "no retailer access": omit it rather than trip H163.
    if (Array.isArray(value) && value.length === 0) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) {
        return err([
          localProblem(
            'iys.consentDateInvalid',
            [...path, field],
            { en: 'a valid Date', tr: 'geçerli bir Date' },
            'Invalid Date',
          ),
        ]);
      }
      body[field] = formatIysDate(value);
    } else {
      body[field] = value;
    }
  }
  // Check against the branch recipientType selects: the union's own error would only say
  // "matches neither", where the branch names each bad field.
  const schema =
    body.recipientType === 'TACIR' ? IysTraderConsentRequest : IysIndividualConsentRequest;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return err(
      problemsFromZod(parsed.error, body).map((p) => ({ ...p, path: [...path, ...p.path] })),
    );
  }
  return ok(parsed.data);
}

/** The key İYS allows once per batch (H194): recipientType, type and the normalised recipient. */
export function consentKey(consent: IysConsentRequest): string {
  // İYS stores e-mail addresses lower-cased, so two spellings are one key.
  const recipient = consent.type === 'EPOSTA' ? consent.recipient.toLowerCase() : consent.recipient;
  return `${consent.recipientType ?? 'BIREYSEL'}|${consent.type}|${recipient}`;
}

/**
 * Builds a batch body: 1–1000 consents, each valid, each key at most once. Every problem is
 * reported at once, with the item's index first in its path, as İYS reports `index`.
 */
export function batchRequestBody(
  inputs: readonly IysConsentInput[],
): Result<IysConsentRequest[], Problem[]> {
  const max = IYS_LIMITS.batchSize;
  if (inputs.length === 0) {
    const expected = { en: 'between 1 and 1000 consents', tr: '1 ile 1000 arasında izin' };
    return err([localProblem('iys.batchEmpty', [], expected, inputs)]);
  }
  if (inputs.length > max) {
    return err([
      localProblem(
        'iys.batchTooLarge',
        [],
        { en: `at most ${max} consents`, tr: `en çok ${max} izin` },
        `${inputs.length} items`,
        { max, size: inputs.length },
      ),
    ]);
  }
  const problems: Problem[] = [];
  const bodies: IysConsentRequest[] = [];
  const earlier = firstIndexes();
  inputs.forEach((input, index) => {
    const body = consentRequestBody(input, [index]);
    if (!body.ok) {
      problems.push(...body.error);
      return;
    }
    bodies.push(body.value);
    const first = earlier(consentKey(body.value), index);
    if (first !== undefined) {
      problems.push(
        localProblem(
          'iys.duplicateKey',
          [index],
          {
            en: 'each (recipientType, type, recipient) once per batch',
            tr: 'her (recipientType, type, recipient) üçlüsü bir listede bir kez',
          },
          `${body.value.type} for the recipient at index ${first}`,
          { firstIndex: first },
        ),
      );
    }
  });
  return problems.length > 0 ? err(problems) : ok(bodies);
}
