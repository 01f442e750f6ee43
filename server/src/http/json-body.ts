// Reading a JSON request body against a zod schema: 400 with every problem, never a 5xx.
import { excerpt, problemsFromZod } from '@izinli/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

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
    throw new ApiError(400, 'body.notJson', 'The body is not valid JSON.', [
      {
        code: 'body.notJson',
        path: [],
        expected: 'a JSON object',
        received: excerpt((error as Error).message, 100),
      },
    ]);
  }
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
