// Validation with a zod schema as the capture and withdrawal bodies use it: every problem, with a
// custom issue's code as the problem's code and only the facts its message uses as params.
import type { z } from 'zod';
import { problemsFromZod } from './problem.js';
import type { Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/** Parses `input` with `schema`: the value, or every problem it has. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.infer<S>, Problem[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(
    problemsFromZod(parsed.error, input).map((problem) => {
      if (!problem.params) return problem;
      // The code already sits in `problem.code`; keep params to the facts messages use.
      const { code: _code, ...params } = problem.params;
      const { params: _all, ...rest } = problem;
      return Object.keys(params).length > 0 ? { ...rest, params } : rest;
    }),
  );
}
