// Reading a JSON request body against a zod schema: 415 for another media type, 400 with every
// problem, never a 5xx.
import { excerpt, problemsFromZod } from '@izinli/core';
import type { Localized, Problem } from '@izinli/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';
import { refuseUnstorableText } from './request-text.js';

/** What every JSON body must be. */
export const JSON_OBJECT: Localized = { en: 'a JSON object', tr: 'bir JSON nesnesi' };

/** The message of a body that is not JSON. */
export const NOT_JSON: Localized = {
  en: 'The body is not valid JSON.',
  tr: 'Gövde geçerli bir JSON değil.',
};

/**
 * The problem of a body `JSON.parse` refused. `received` is the parser's diagnosis, which is
 * English; Turkish messages say the same from what the diagnosis names (position, token, end).
 */
export function notJsonProblem(error: unknown, expected: Localized): Problem {
  const diagnosis = (error as Error).message;
  const received = excerpt(diagnosis, 100);
  const position = /at position (\d+)/.exec(diagnosis)?.[1];
  const token = /^Unexpected token '(.+?)'/.exec(diagnosis)?.[1];
  const tr =
    position !== undefined
      ? `${Number(position) + 1}. karakterde bozulan bir JSON metni`
      : token !== undefined
        ? `beklenmeyen bir '${token}' karakteriyle bozulan bir JSON metni`
        : /end of JSON input/.test(diagnosis)
          ? 'boş ya da yarıda biten bir JSON metni'
          : 'JSON olarak okunamayan bir metin';
  return { code: 'body.notJson', path: [], expected, received, receivedText: { en: received, tr } };
}

/** The 413 of a body past `limit` (for bodyLimit's onError), e.g. `{ en: '1 MiB', tr: '1 MiB' }`. */
export function bodyTooLarge(limit: Localized): ApiError {
  const text = {
    en: `The body is larger than ${limit.en}.`,
    tr: `Gövde izin verilen boyutu aşıyor (en çok ${limit.tr}).`,
  };
  return new ApiError(413, 'body.tooLarge', text, {
    path: [],
    expected: { en: `at most ${limit.en}`, tr: `en çok ${limit.tr}` },
    received: 'more',
    receivedText: { en: 'a larger body', tr: 'daha büyük bir gövde' },
  });
}

/** The media type of a request, lower case, without parameters ('' when none). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Refuses with 415 unless the request's media type is one of `accepted` (`+json` types count as
 * `application/json`); returns the type.
 */
export function requireMediaType(c: Context, accepted: readonly string[]): string {
  const type = mediaType(c);
  const json = /^application\/[a-z0-9.+-]*\+json$/.test(type) ? 'application/json' : type;
  if (accepted.includes(json)) return json;
  const list = accepted.join(' or ');
  const listTr = accepted.join(' ya da ');
  throw new ApiError(
    415,
    'body.unsupportedType',
    {
      en: `This route does not take a body of this type: send Content-Type ${list}.`,
      tr: `Bu yol bu türde bir gövde almıyor: Content-Type ${listTr} gönderin.`,
    },
    {
      path: [],
      expected: { en: `Content-Type: ${list}`, tr: `Content-Type: ${listTr}` },
      received: excerpt(type || 'no Content-Type', 80),
      ...(type ? {} : { receivedText: { en: 'no Content-Type', tr: 'Content-Type yok' } }),
    },
  );
}

const MAY_HOLD_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;

/**
 * Parses a request body as JSON and refuses text no store can hold in it (`body.invalidText`);
 * `expected` says what the route takes, for the 400 when the text is not JSON.
 */
export function parseJsonBody(text: string, expected: Localized): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, 'body.notJson', NOT_JSON, [notJsonProblem(error, expected)]);
  }
  // In JSON text a NUL or a lone surrogate can only be a \u escape (raw control characters do not
  // parse, and bytes that are not UTF-8 decode to U+FFFD): only a body with such an escape is walked.
  if (MAY_HOLD_UNSTORABLE.test(text)) refuseUnstorableText(value);
  return value;
}

/**
 * The body of `c` as JSON checked by `schema`; throws the API's 415 (`body.unsupportedType`) or
 * 400 (`body.notJson`, `body.invalidText`, `body.invalid`).
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  requireMediaType(c, ['application/json']);
  const input = parseJsonBody(await c.req.text(), JSON_OBJECT);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError(
      400,
      'body.invalid',
      {
        en: 'The body does not have the expected shape.',
        tr: 'Gövde beklenen yapıda değil.',
      },
      problemsFromZod(parsed.error, input),
    );
  }
  return parsed.data;
}
