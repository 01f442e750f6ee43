// The boundary every request's text crosses (issue 18): a body the route does not take is a 415,
// a body that is not JSON a 400, and text no store or canonicaliser can hold — a NUL (PostgreSQL
// refuses it in text) or a lone UTF-16 surrogate (RFC 8785 refuses it, and a browser's
// JSON.stringify emits one for a cut emoji) — a 400 naming where it is, before anything downstream
// sees it. Deep in the group commit such text used to fail a whole batch of innocent captures.
import { excerpt } from '@izinli/core';
import type { Problem } from '@izinli/core';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

/** The media type of a request, lower case, without parameters ('' when none). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Refuses with 415 unless the request's media type is one of `accepted` (JSON and `+json` types match `application/json`). */
export function requireMediaType(c: Context, accepted: readonly string[], hint: string): string {
  const type = mediaType(c);
  const json = /^application\/[a-z0-9.+-]*\+json$/.test(type) ? 'application/json' : type;
  if (accepted.includes(json)) return json;
  throw new ApiError(415, 'body.unsupportedType', `${hint} (Content-Type: ${accepted[0]}).`, [
    {
      code: 'body.unsupportedType',
      path: [],
      expected: `Content-Type: ${accepted.join(' or ')}`,
      received: excerpt(type || 'no Content-Type', 80),
    },
  ]);
}

// With the u flag a well-formed pair is one code point, so only a lone surrogate is a `Cs`.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or undefined when it can. */
function textFault(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text))
    return 'a lone UTF-16 surrogate (a broken character such as \\ud800)';
  return undefined;
}

const received = (text: string, fault: string) =>
  `${excerpt(text.replace(/\p{Cs}/gu, '\ufffd').replaceAll('\u0000', '\\u0000'), 60)}: ${fault}`;

/**
 * The first string (value or key) in a parsed JSON value that holds a NUL or a lone surrogate, as
 * a problem with its path. Iterative, so a body nested past the stack cannot throw here.
 */
export function findUnstorableText(value: unknown): Problem | undefined {
  // Each entry links to its parent: a path is built only for a fault, so a body nested thousands
  // deep costs linear time, not a path copy per level.
  interface Node {
    value: unknown;
    key?: string | number;
    parent?: Node;
  }
  const pathOf = (node: Node) => {
    const path: (string | number)[] = [];
    for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const next = node.value;
    if (typeof next === 'string') {
      const fault = textFault(next);
      if (fault) return unstorable(pathOf(node), received(next, fault));
    } else if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i -= 1) {
        stack.push({ value: next[i], key: i, parent: node });
      }
    } else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        const fault = textFault(key);
        if (fault) return unstorable(pathOf(node), `the key ${received(key, fault)}`);
        stack.push({ value: inner, key, parent: node });
      }
    }
  }
  return undefined;
}

function unstorable(path: (string | number)[], receivedText: string): Problem {
  return {
    code: 'text.unstorable',
    path,
    expected: 'text without NUL characters or lone UTF-16 surrogates (well-formed Unicode)',
    received: receivedText,
  };
}

/** Throws the API's 400 `body.invalidText` when a parsed body holds text that cannot be stored. */
export function refuseUnstorableText(value: unknown): void {
  const problem = findUnstorableText(value);
  if (problem) {
    throw new ApiError(400, 'body.invalidText', 'The body holds text that cannot be stored.', [
      problem,
    ]);
  }
}

/**
 * Parses a request body as JSON and refuses unstorable text in it; `expected` says what the route
 * takes, for the 400 when the text is not JSON.
 */
export function parseJsonBody(text: string, expected: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, 'body.notJson', 'The body is not valid JSON.', [
      {
        code: 'body.notJson',
        path: [],
        expected,
        received: excerpt((error as Error).message, 100),
      },
    ]);
  }
  refuseUnstorableText(value);
  return value;
}

/**
 * Middleware: a NUL in the decoded path or in a query value is refused with 400 before any route
 * reads it (PostgreSQL answers "invalid byte sequence" to a NUL in a text parameter).
 */
export function refuseUnstorableUrl(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    const problems: Problem[] = [];
    const pathFault = textFault(path);
    if (pathFault) problems.push(unstorable(['(path)'], received(path, pathFault)));
    if (c.req.url.includes('?')) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        const fault = textFault(name);
        if (fault) problems.push(unstorable(['(query)'], `the name ${received(name, fault)}`));
        for (const value of values) {
          const valueFault = textFault(value);
          if (valueFault) problems.push(unstorable([name], received(value, valueFault)));
        }
      }
    }
    if (problems.length > 0) {
      throw new ApiError(
        400,
        'request.invalidText',
        'The URL holds text that cannot be used.',
        problems,
      );
    }
    await next();
  };
}
