import {
  IYS_LIMITS,
  IysAddConsentResponse,
  IysBatchResponse,
  IysBatchStatusResponse,
  IysBrandsResponse,
  IysChangesResponse,
  IysHistoryResponse,
  IysMultiStatusResponse,
  IysPushRegistration,
  IysStatusRequest,
  IysStatusResponse,
  err,
  iysPaths,
  ok,
  problemsFromZod,
  type IysApiVersion,
  type Result,
} from '@izinli/core';
import { authorizedSend, readAnswer, type CallContext } from './api-call.js';
import { iysErrorFromAnswer } from './classify-response.js';
import { accountCalls } from './iys-client-reconciliation.js';
import { batchRequestBody, consentRequestBody, type IysConsentInput } from './consent-request.js';
import type { IysClient, IysClientOptions } from './iys-client-api.js';
import type { IysError } from './iys-error.js';
import { rejectedLocally } from './local-rejection.js';
import {
  connectionProblems,
  limitProblems,
  offsetProblems,
  pickConnection,
  recipientListProblems,
} from './query-checks.js';
import { IYS_SLIDING_SECOND, createTokenBucket } from './rate-limiter.js';
import { createTokenManager } from './token-manager.js';
import { createMemoryTokenStore } from './token-store.js';
import { createTransport, type TransportRequest } from './transport.js';

/** Creates a client of one İYS account; nothing is sent until the first call. */
export function createIysClient(options: IysClientOptions): IysClient {
  const iysCode = positiveInteger('iysCode', options.iysCode);
  const now = options.now ?? Date.now;
  const transport = createTransport({
    baseUrl: options.baseUrl,
    // Looked up per call, so a test or polyfill that replaces the global later is honoured.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    rateLimiter:
      options.rateLimiter ??
      createTokenBucket({
        ratePerSecond: IYS_LIMITS.requestsPerSecond,
        window: IYS_SLIDING_SECOND,
        now,
      }),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  });
  const tokens = createTokenManager({
    transport,
    username: options.username,
    password: options.password,
    store: options.tokenStore ?? createMemoryTokenStore(),
    now,
  });
  const ctx: CallContext = { transport, tokens, now };
  const send = (request: Omit<TransportRequest, 'headers'>) => authorizedSend(ctx, request);
  const at = (operation: string) => ({ now: now(), operation });

  async function addOne(
    operation: string,
    brandCode: number,
    consent: IysConsentInput,
    version: IysApiVersion,
  ) {
    const path = iysPaths.addConsent(iysCode, positiveInteger('brandCode', brandCode), version);
    const body = consentRequestBody(consent);
    if (!body.ok) return err(rejectedLocally(operation, body.error));
    const answer = await send({ method: 'POST', path, body: body.value, operation });
    if (!answer.ok) return answer;
    return readAnswer(answer.value, [200], IysAddConsentResponse, at(operation));
  }

  /** Validates a status/history query, sending only the three fields İYS accepts. */
  function statusQuery(
    operation: string,
    query: IysStatusRequest,
  ): Result<IysStatusRequest, IysError> {
    const picked = {
      recipient: query.recipient,
      recipientType: query.recipientType,
      type: query.type,
    };
    const parsed = IysStatusRequest.safeParse(picked);
    if (parsed.success) return ok(parsed.data);
    return err(rejectedLocally(operation, problemsFromZod(parsed.error, picked)));
  }

  return {
    ...accountCalls(ctx, iysCode, (brandCode) =>
      // The reconciliation paths hang off the brand like the consent ones.
      iysPaths.brands(iysCode).concat(`/${positiveInteger('brandCode', brandCode)}`),
    ),
    addConsent: (brandCode, consent) => addOne('addConsent', brandCode, consent, 'v2'),
    addConsentV1: (brandCode, consent) => addOne('addConsentV1', brandCode, consent, 'v1'),

    async addConsents(brandCode, consents, { version = 'v2' } = {}) {
      const operation = 'addConsents';
      const path = iysPaths.addBatch(iysCode, positiveInteger('brandCode', brandCode), version);
      const body = batchRequestBody(consents);
      if (!body.ok) return err(rejectedLocally(operation, body.error));
      const answer = await send({ method: 'POST', path, body: body.value, operation });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200, 202], IysBatchResponse, at(operation));
    },

    async getBatchStatus(brandCode, requestId, { version = 'v2' } = {}) {
      const operation = 'getBatchStatus';
      if (requestId === '') throw new RangeError('requestId must not be empty');
      const path = iysPaths.batchStatus(
        iysCode,
        positiveInteger('brandCode', brandCode),
        requestId,
        version,
      );
      const answer = await send({ method: 'GET', path, operation });
      if (!answer.ok) return answer;
      const { status, body } = answer.value;
      // "Not done yet" comes as an empty array (or, defensively, no body at all).
      if ((status === 200 || status === 204) && !answer.value.malformed && body === undefined)
        return ok(null);
      const items = readAnswer(answer.value, [200], IysBatchStatusResponse, at(operation));
      if (!items.ok) return items;
      return ok(items.value.length === 0 ? null : items.value);
    },

    async getConsentStatus(brandCode, query) {
      const operation = 'getConsentStatus';
      const path = iysPaths.status(iysCode, positiveInteger('brandCode', brandCode));
      const body = statusQuery(operation, query);
      if (!body.ok) return body;
      const answer = await send({ method: 'POST', path, body: body.value, operation });
      if (!answer.ok) return answer;
      const { status } = answer.value;
      // İYS leaves not-found undocumented: any 404, a 204 or an empty 200 means "no record".
      if (
        status === 404 ||
        status === 204 ||
        (status === 200 && isEmpty(answer.value.body) && !answer.value.malformed)
      ) {
        return ok(null);
      }
      return readAnswer(answer.value, [200], IysStatusResponse, at(operation));
    },

    async getConsentStatuses(brandCode, recipientType, type, recipients) {
      const operation = 'getConsentStatuses';
      const path = iysPaths.multiStatus(
        iysCode,
        positiveInteger('brandCode', brandCode),
        recipientType,
        type,
      );
      const problems = recipientListProblems(recipients);
      if (problems.length > 0) return err(rejectedLocally(operation, problems));
      const answer = await send({
        method: 'POST',
        path,
        body: { recipients: [...recipients] },
        operation,
      });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysMultiStatusResponse, at(operation));
    },

    async getHistory(brandCode, query, page = {}) {
      const operation = 'getHistory';
      const path = iysPaths.history(iysCode, positiveInteger('brandCode', brandCode));
      const body = statusQuery(operation, query);
      if (!body.ok) return body;
      const problems = [
        ...limitProblems(page.limit, IYS_LIMITS.historyPageSize),
        ...offsetProblems(page.offset),
      ];
      if (problems.length > 0) return err(rejectedLocally(operation, problems));
      const answer = await send({
        method: 'POST',
        path,
        query: { limit: page.limit, offset: page.offset },
        body: body.value,
        operation,
      });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysHistoryResponse, at(operation));
    },

    async pullChanges(brandCode, { source, after, limit }) {
      const operation = 'pullChanges';
      const path = iysPaths.changes(iysCode, positiveInteger('brandCode', brandCode));
      const problems = limitProblems(limit, IYS_LIMITS.pullLimit);
      if (problems.length > 0) return err(rejectedLocally(operation, problems));
      const query = { source, after: after === '' ? undefined : after, limit };
      const answer = await send({ method: 'GET', path, query, operation });
      if (!answer.ok) return answer;
      // 204: nothing new since the cursor, which stays where it was.
      if (answer.value.status === 204) return ok({ after, list: [] });
      const page = readAnswer(answer.value, [200], IysChangesResponse, at(operation));
      if (!page.ok) return page;
      return ok({ after: page.value.after, list: page.value.list });
    },

    async listBrands() {
      const operation = 'listBrands';
      const answer = await send({ method: 'GET', path: iysPaths.brands(iysCode), operation });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysBrandsResponse, at(operation));
    },

    async registerPush(brandCode, connections) {
      const operation = 'registerPush';
      const path = iysPaths.pushRegistration(iysCode, positiveInteger('brandCode', brandCode));
      const picked = connections.map(pickConnection);
      const problems = picked.flatMap((c, i) => connectionProblems(c, [i]));
      if (picked.length === 0) problems.push(...connectionProblems(undefined, []));
      if (problems.length > 0) return err(rejectedLocally(operation, problems));
      const answer = await send({ method: 'POST', path, body: { connection: picked }, operation });
      if (!answer.ok) return answer;
      return messageAnswer(answer.value, at(operation));
    },

    async listPushRegistrations(brandCode) {
      const operation = 'listPushRegistrations';
      const path = iysPaths.pushRegistration(iysCode, positiveInteger('brandCode', brandCode));
      const answer = await send({ method: 'GET', path, operation });
      if (!answer.ok) return answer;
      return readAnswer(answer.value, [200], IysPushRegistration.array(), at(operation));
    },

    async unregisterPush(brandCode, connection) {
      const operation = 'unregisterPush';
      const path = iysPaths.pushUnregistration(iysCode, positiveInteger('brandCode', brandCode));
      const picked = pickConnection(connection);
      const problems = connectionProblems(picked, []);
      if (problems.length > 0) return err(rejectedLocally(operation, problems));
      const answer = await send({ method: 'POST', path, body: picked, operation });
      if (!answer.ok) return answer;
      return messageAnswer(answer.value, at(operation));
    },
  };
}

/** İYS numbers are positive integers in paths (else H190/H191): a wrong one is a bug, so throw. */
function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

const isEmpty = (body: unknown) =>
  body === undefined ||
  (typeof body === 'object' && body !== null && Object.keys(body).length === 0);

function messageAnswer(
  answer: Parameters<typeof iysErrorFromAnswer>[0],
  context: { now: number; operation: string },
): Result<{ message?: string }, IysError> {
  if (answer.status !== 200) return err(iysErrorFromAnswer(answer, context));
  const body = answer.body as { message?: unknown } | undefined;
  return ok(typeof body?.message === 'string' ? { message: body.message } : {});
}
