// The one JSON error shape (ARCHITECTURE §Contracts): { error: { code, message, issues? } }.
import { formatPath, problemMessage } from '@izinli/core';
import type { Locale, Problem } from '@izinli/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One problem as the API reports it: where, what was expected, what came, in words. */
export interface ApiIssue {
  path: string;
  code: string;
  expected: string;
  received: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: ApiIssue[] };
}

/** An HTTP failure with the API's JSON body; thrown by handlers, rendered by `onError`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

/** The client's language for messages: Turkish unless it asks for English first. */
export function requestLocale(c: Context): Locale {
  const header = c.req.header('accept-language')?.trim().toLowerCase() ?? '';
  return header.startsWith('en') ? 'en' : 'tr';
}

/** Renders problems as API issues in the client's language. */
export function toIssues(problems: readonly Problem[], locale: Locale): ApiIssue[] {
  return problems.map((p) => ({
    path: formatPath(p.path),
    code: p.code,
    expected: p.expected,
    received: p.received,
    message: problemMessage(p, locale),
  }));
}

/** The JSON response for an `ApiError`. */
export function apiErrorResponse(c: Context, error: ApiError): Response {
  const locale = requestLocale(c);
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.problems.length > 0 ? { issues: toIssues(error.problems, locale) } : {}),
    },
  };
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(body, error.status as ContentfulStatusCode);
}
