// The JSON Schema that editors read to complete a config file (`"$schema"` in the file).
import { z } from 'zod';

/** The JSON Schema (draft 2020-12) of what an author may write for `shape`, titled and described. */
export function authoringJsonSchema(
  shape: z.ZodType,
  title: string,
  description: string,
): Record<string, unknown> {
  return {
    ...z.toJSONSchema(shape, { io: 'input', target: 'draft-2020-12' }),
    title,
    description,
  };
}
