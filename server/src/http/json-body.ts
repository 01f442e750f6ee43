// Reading a JSON request body against a zod schema: 400 with every problem, never a 5xx.
import { excerpt, problemsFromZod } from '@izinli/core';
import type { Localized, Problem } from '@izinli/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

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
  return new ApiError(413, 'body.tooLarge', text, [
    {
      code: 'body.tooLarge',
      path: [],
      expected: { en: `at most ${limit.en}`, tr: `en çok ${limit.tr}` },
      received: 'more',
      receivedText: { en: 'a larger body', tr: 'daha büyük bir gövde' },
    },
  ]);
}

/** The body of `c` as JSON checked by `schema`; throws the API's 400 (`body.notJson`, `body.invalid`). */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  const text = await c.req.text();
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, 'body.notJson', NOT_JSON, [notJsonProblem(error, JSON_OBJECT)]);
  }
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
