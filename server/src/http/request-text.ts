// The boundary every request's text crosses: a body the route does not take is a 415,
// a body that is not JSON a 400, and text no store or canonicaliser can hold — a NUL (PostgreSQL
// refuses it in text) or a lone UTF-16 surrogate (RFC 8785 refuses it, and a browser's
// JSON.stringify emits one for a cut emoji) — a 400 naming where it is, before anything downstream
// sees it. Found only deep in the group commit, such text would fail a whole batch of innocent
// captures.
import { excerpt } from '@izinli/core';
import type { Localized, Problem } from '@izinli/core';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

// With the u flag a well-formed pair is one code point, so only a lone surrogate is a `Cs`.
const LONE_SURROGATE = /\p{Cs}/u;

const NUL: Localized = { en: 'a NUL character (\\u0000)', tr: 'bir NUL karakteri (\\u0000)' };
const SURROGATE: Localized = {
  en: 'a lone UTF-16 surrogate (a broken character such as \\ud800)',
  tr: 'tek başına kalmış bir UTF-16 vekil karakteri (\\ud800 gibi bozuk bir karakter)',
};

/** Why a string cannot be stored, or undefined when it can. */
function textFault(text: string): Localized | undefined {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(text)) return SURROGATE;
  return undefined;
}

/** What came, as the client sent it (broken characters shown), and what is wrong with it. */
interface Received {
  text: string;
  fault: Localized;
  /** Whether the text is a key (a JSON key, a query parameter's name) rather than a value. */
  name?: boolean;
}
const received = (text: string, fault: Localized, name = false): Received => ({
  // JSON.stringify (in excerpt) writes a NUL or a lone surrogate as a \u escape: the excerpt is
  // well-formed whatever came.
  text: excerpt(text, 60),
  fault,
  name,
});

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
        if (fault) return unstorable(pathOf(node), received(key, fault, true));
        stack.push({ value: inner, key, parent: node });
      }
    }
  }
  return undefined;
}

function unstorable(path: (string | number)[], came: Received): Problem {
  const en = `${came.name ? 'the key ' : ''}${came.text}: ${came.fault.en}`;
  const tr = `${came.name ? 'anahtar olarak ' : ''}${came.text}: ${came.fault.tr}`;
  return {
    code: 'text.unstorable',
    path,
    expected: {
      en: 'text without NUL characters or lone UTF-16 surrogates (well-formed Unicode)',
      tr: 'NUL karakteri ya da tek başına kalmış UTF-16 vekil karakteri içermeyen metin (geçerli Unicode)',
    },
    received: en,
    receivedText: { en, tr },
  };
}

/** Throws the API's 400 `body.invalidText` when a parsed body holds text that cannot be stored. */
export function refuseUnstorableText(value: unknown): void {
  const problem = findUnstorableText(value);
  if (problem) {
    throw new ApiError(
      400,
      'body.invalidText',
      {
        en: 'The body holds text that cannot be stored.',
        tr: 'Gövdede saklanamayacak bir metin var.',
      },
      [problem],
    );
  }
}

/**
 * Middleware: a NUL in the decoded path or in a query value is refused with 400 before any route
 * reads it (PostgreSQL answers "invalid byte sequence" to a NUL in a text parameter).
 */
export function refuseUnstorableUrl(): MiddlewareHandler {
  return async (c, next) => {
    // A NUL reaches a decoded URL only as %00 (Node refuses a raw one, and bytes that are not
    // UTF-8 stay encoded, so no lone surrogate either): most requests are passed at this test.
    if (!/%00/.test(c.req.url)) {
      await next();
      return;
    }
    const path = c.req.path;
    const problems: Problem[] = [];
    const pathFault = textFault(path);
    if (pathFault) problems.push(unstorable(['(path)'], received(path, pathFault)));
    if (c.req.url.includes('?')) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        const fault = textFault(name);
        if (fault) problems.push(unstorable(['(query)'], received(name, fault, true)));
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
        {
          en: 'The URL holds text that cannot be used.',
          tr: 'Adreste kullanılamayacak bir metin var.',
        },
        problems,
      );
    }
    await next();
  };
}
