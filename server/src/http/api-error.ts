// The one JSON error shape (docs/architecture.md#contracts): { error: { code, message, issues? } }.
// `message` and each issue's `message` are in the client's language, one language each; the
// machine fields (`code`, `path`, `expected`, `received`) are the same whatever the language.
import { formatPath, problemMessage } from '@izinli/core';
import type { Locale, Localized, Problem } from '@izinli/core';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One problem as the API reports it: where, what was expected, what came, in words. */
export interface ApiIssue {
  path: string;
  code: string;
  /** What was expected, in English in every language: stable for programs to match on. */
  expected: string;
  /** An excerpt of what was received (or its English description). */
  received: string;
  /** The sentence for people, in the client's language. */
  message: string;
}

export interface ApiErrorBody {
  /** `requestId`: the answer's `X-Request-Id`, to quote when asking the site's operator. */
  error: {
    code: string;
    message: string;
    issues?: ApiIssue[];
    /** `verification.codeWrong`: the codes that may still be tried before it locks. */
    attemptsLeft?: number;
    requestId?: string;
  };
}

/**
 * An HTTP failure with the API's JSON body; thrown by handlers, rendered by `onError`. Its
 * message comes in both languages so that no English-only (or Turkish-only) answer can be made.
 */
export class ApiError extends HTTPException {
  readonly problems: readonly Problem[];

  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Localized,
    /** The problems; or one problem without a code, which then carries the error's own code. */
    problems: readonly Problem[] | Omit<Problem, 'code'> = [],
    readonly headers: Record<string, string> = {},
    /** Machine fields of the error beside its code (e.g. `attemptsLeft`), the same in every language. */
    readonly fields: { attemptsLeft?: number } = {},
  ) {
    // HTTPException's own message (logs, stack traces) is the English one.
    super(status, { message: text.en });
    this.problems = isProblemList(problems) ? problems : [{ code, ...problems }];
  }
}

function isProblemList(p: readonly Problem[] | Omit<Problem, 'code'>): p is readonly Problem[] {
  return Array.isArray(p);
}

/** What a domain module returns when it refuses: the status, code, message and problems to answer. */
export interface Refusal {
  status: ContentfulStatusCode;
  code: string;
  message: Localized;
  problems?: readonly Problem[];
}

/** The ApiError that answers a domain module's refusal. */
export function refusalError({ status, code, message, problems }: Refusal): ApiError {
  return new ApiError(status, code, message, problems);
}

const LOCALES: readonly Locale[] = ['tr', 'en'];

// RFC 4647 basic filtering over Hono's q-sorted Accept-Language list: `en-GB` is `en`, a `*` is
// any language, so Turkish; the first acceptable range wins, and nothing acceptable is Turkish.
function matchLocale(ranges: { type: string; q: number }[]): Locale {
  for (const { type, q } of ranges) {
    if (q <= 0) continue;
    const range = type.toLowerCase();
    if (range === '*') return 'tr';
    const found = LOCALES.find((l) => range === l || range.startsWith(`${l}-`));
    if (found) return found;
  }
  return 'tr';
}

/**
 * The client's language for messages, from `Accept-Language` with its q-values: English when the
 * client prefers English to Turkish (`de-DE,en;q=0.8,tr;q=0.5` is English), else Turkish.
 */
export function requestLocale(c: Context): Locale {
  return accepts(c, {
    header: 'Accept-Language',
    supports: [...LOCALES],
    default: 'tr',
    match: matchLocale,
  }) as Locale;
}

/** Renders problems as API issues in the client's language. */
export function toIssues(problems: readonly Problem[], locale: Locale): ApiIssue[] {
  return problems.map((p) => ({
    path: formatPath(p.path),
    code: p.code,
    expected: p.expected.en,
    received: p.received,
    message: problemMessage(p, locale),
  }));
}

/** The JSON response for an `ApiError`. */
export function apiErrorResponse(c: Context, error: ApiError): Response {
  const locale = requestLocale(c);
  const requestId = c.get('requestId') as string | undefined;
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.text[locale],
      ...(error.problems.length > 0 ? { issues: toIssues(error.problems, locale) } : {}),
      ...error.fields,
      ...(requestId === undefined ? {} : { requestId }),
    },
  };
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(body, error.status);
}
