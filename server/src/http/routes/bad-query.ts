// The 400 of a query parameter that is not valid, alike from every admin route that reads one.
import { excerpt } from '@izinli/core';
import type { Localized } from '@izinli/core';
import { ApiError } from '../api-error.js';

/** The 400 `query.invalid` for the parameter `path`: what it must be, and an excerpt of what came. */
export function badQuery(path: string, expected: Localized, received: unknown): ApiError {
  const text = {
    en: `The query parameter ${path} is not valid.`,
    tr: `${path} sorgu parametresi geçerli değil.`,
  };
  return new ApiError(400, 'query.invalid', text, {
    path: [path],
    expected,
    received: excerpt(received),
  });
}
