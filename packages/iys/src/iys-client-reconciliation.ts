import { RecipientType, ok, type Result } from '@izinli/core';
import { authorizedSend, readAnswer, type CallContext } from './api-call.js';
import { iysErrorFromAnswer } from './classify-response.js';
import type { IysClient } from './iys-client-api.js';
import type { IysError } from './iys-error.js';
import {
  IysAgreement,
  IysAgreementCaptured,
  IysReconciliationSummary,
  IysSubscription,
} from './reconciliation-wire.js';

/** The subscription and reconciliation calls of `IysClient`. */
export type AccountCalls = Pick<
  IysClient,
  | 'getSubscription'
  | 'getReconciliationSummary'
  | 'getDailyMovementFile'
  | 'getAgreement'
  | 'recordAgreement'
  | 'getAgreementTimestamp'
>;

const REPORT_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Turkey calendar day as İYS's paths take it; a malformed one is a bug, so it throws. */
function reportDate(value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !REPORT_DATE.test(value) ||
    Number.isNaN(ms) ||
    !new Date(ms).toISOString().startsWith(value)
  ) {
    throw new RangeError(`reportDate must be a YYYY-MM-DD day, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Builds the subscription query and the five reconciliation (MUTABAKAT) operations. A day with
 * nothing to reconcile (İYS's 204) comes back as `null`.
 */
export function accountCalls(
  ctx: CallContext,
  iysCode: number,
  brandPath: (brandCode: number) => string,
): AccountCalls {
  const at = (operation: string) => ({ now: ctx.now(), operation });
  const send = (request: Parameters<typeof authorizedSend>[1]) => authorizedSend(ctx, request);

  /** A day's raw body (CSV, .tsr), or null on 204. */
  async function download(
    operation: string,
    path: string,
  ): Promise<Result<Uint8Array | null, IysError>> {
    const answer = await send({ method: 'GET', path, operation, read: 'bytes' });
    if (!answer.ok) return answer;
    if (answer.value.status === 204) return ok(null);
    if (answer.value.status !== 200)
      return { ok: false, error: iysErrorFromAnswer(answer.value, at(operation)) };
    return ok(answer.value.bytes ?? new Uint8Array());
  }

  return {
    async getSubscription() {
      const operation = 'getSubscription';
      const answer = await send({ method: 'GET', path: `/sps/${iysCode}/subscription`, operation });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysSubscription, at(operation));
    },

    async getReconciliationSummary(brandCode, day, recipientType) {
      const operation = 'getReconciliationSummary';
      const type = RecipientType.parse(recipientType);
      const path = `${brandPath(brandCode)}/changes/${reportDate(day)}/recipients/${type}`;
      const answer = await send({ method: 'GET', path, operation });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysReconciliationSummary, at(operation));
    },

    async getDailyMovementFile(brandCode, day) {
      const path = `${brandPath(brandCode)}/changes/${reportDate(day)}/file`;
      const file = await download('getDailyMovementFile', path);
      if (!file.ok || file.value === null) return file as Result<null, IysError>;
      return ok(new TextDecoder('utf-8').decode(file.value));
    },

    async getAgreement(brandCode, day) {
      const operation = 'getAgreement';
      const path = `${brandPath(brandCode)}/agreements/${reportDate(day)}`;
      const answer = await send({ method: 'GET', path, operation });
      if (!answer.ok) return answer;
      if (answer.value.status === 204) return ok(null);
      return readAnswer(answer.value, [200], IysAgreement, at(operation));
    },

    async recordAgreement(brandCode, day) {
      const operation = 'recordAgreement';
      const path = `${brandPath(brandCode)}/agreements/${reportDate(day)}`;
      const body = { agreementStatus: true };
      const answer = await send({ method: 'PUT', path, body, operation });
      if (!answer.ok) return answer;
      if (answer.value.status === 204) return ok(null);
      return readAnswer(answer.value, [200], IysAgreementCaptured, at(operation));
    },

    getAgreementTimestamp: (brandCode, day) =>
      download(
        'getAgreementTimestamp',
        `${brandPath(brandCode)}/agreements/${reportDate(day)}/timestamp`,
      ),
  };
}
