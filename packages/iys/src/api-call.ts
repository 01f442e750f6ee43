import { err, ok, problemsFromZod, type Problem, type Result } from '@izinli/core';
import { iysErrorFromAnswer, type IysAnswer } from './classify-response.js';
import { IysError, redact } from './iys-error.js';
import { initOf } from './token-manager.js';
import type { TokenManager } from './token-manager.js';
import type { Transport, TransportRequest } from './transport.js';

/** What every authorised call needs. */
export interface CallContext {
  transport: Transport;
  tokens: TokenManager;
  now: () => number;
}

/** The part of a zod schema the client uses; core's wire schemas fit. */
export interface WireSchema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: Parameters<typeof problemsFromZod>[0] };
}

/**
 * Sends a request with a bearer token. On 401 (İYS's `H351`: missing or expired token) it renews
 * the token once and sends once more; any other answer, success or not, is returned as is.
 */
export async function authorizedSend(
  ctx: CallContext,
  request: Omit<TransportRequest, 'headers'>,
): Promise<Result<IysAnswer, IysError>> {
  const token = await ctx.tokens.getAccessToken();
  if (!token.ok) return withOperation(token.error, request.operation);
  const first = await ctx.transport.send({ ...request, headers: bearer(token.value) });
  if (!first.ok || first.value.status !== 401) return first;
  const renewed = await ctx.tokens.getAccessToken({ rejected: token.value });
  if (!renewed.ok) return withOperation(renewed.error, request.operation);
  return ctx.transport.send({ ...request, headers: bearer(renewed.value) });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function withOperation(error: IysError, operation: string): Result<never, IysError> {
  // Token failures surface on the call that needed the token, named after it.
  return err(
    new IysError({
      ...initOf(error),
      ...(error.retryAt !== undefined ? { retryAt: error.retryAt } : {}),
      operation: `${operation} (token)`,
      cause: error,
    }),
  );
}

/**
 * Reads an answer: a status in `success` is parsed with `schema` (a mismatch becomes an
 * `invalid-response` error, never a crash); anything else becomes a classified `IysError`.
 */
export function readAnswer<T>(
  answer: IysAnswer,
  success: readonly number[],
  schema: WireSchema<T>,
  context: { now: number; operation: string },
): Result<T, IysError> {
  if (!success.includes(answer.status)) return err(iysErrorFromAnswer(answer, context));
  return parseBody(answer, schema, context.operation);
}

/** Parses a success body with `schema`, or reports why it does not fit. */
export function parseBody<T>(
  answer: IysAnswer,
  schema: WireSchema<T>,
  operation: string,
): Result<T, IysError> {
  if (answer.malformed) {
    return err(invalidResponse(answer.status, operation, [], 'the body is not JSON'));
  }
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return ok(parsed.data);
  return err(invalidResponse(answer.status, operation, problemsFromZod(parsed.error, answer.body)));
}

function invalidResponse(
  status: number,
  operation: string,
  problems: Problem[],
  detail?: string,
): IysError {
  return new IysError({
    kind: 'invalid-response',
    status,
    operation,
    // Answers carry recipients; keep the excerpts useful but free of addresses.
    problems: problems.map((p) => ({ ...p, received: redact(p.received) })),
    sent: true,
    ...(detail !== undefined ? { detail } : {}),
  });
}
