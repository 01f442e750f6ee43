// Reading a JSON request body against a zod schema: 415 for another media type, 400 with every
// problem, never a 5xx.
import { problemsFromZod } from '@izinli/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';
import { parseJsonBody, requireMediaType } from './request-text.js';

/**
 * The body of `c` as JSON checked by `schema`; throws the API's 415 (`body.unsupportedType`) or
 * 400 (`body.notJson`, `body.invalidText`, `body.invalid`).
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  requireMediaType(c, ['application/json'], 'Send the body as JSON');
  const input = parseJsonBody(await c.req.text(), 'a JSON object');
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError(
      400,
      'body.invalid',
      'The body does not have the expected shape.',
      problemsFromZod(parsed.error, input),
    );
  }
  return parsed.data;
}
