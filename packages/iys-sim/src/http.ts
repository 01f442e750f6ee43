import { IYS_ERRORS, isIysErrorCode } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimEnv } from './context.js';

/** Answers with İYS's error body; the status is the first error's documented one unless given. */
export function iysErrors(
  c: Context<SimEnv>,
  errors: IysErrorEntry[],
  status?: ContentfulStatusCode,
): Response {
  const first = errors[0]?.code ?? 'H015';
  const documented = isIysErrorCode(first) ? IYS_ERRORS[first].status : 500;
  return c.json({ errors }, status ?? (documented as ContentfulStatusCode));
}

/** A parsed JSON body, or the fact that it was not JSON (İYS: 400 H014). */
export type JsonBody = { ok: true; value: unknown } | { ok: false };

/** Reads the body as JSON whatever the content type says, as İYS does. */
export async function readJson(c: Context<SimEnv>): Promise<JsonBody> {
  const text = await c.req.text();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The raw body text, kept for v2's "byte-identical replay" rule. */
export async function readText(c: Context<SimEnv>): Promise<string> {
  return c.req.text();
}

/** The fields `keys` of `from` in that order (İYS's key order), leaving out the absent ones. */
export function inKeyOrder<T extends object>(
  from: T,
  keys: readonly (keyof T & string)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
