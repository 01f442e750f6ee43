// The capture record tests' way to read the problems of a record that must not parse.
import { expect } from 'vitest';
import { CaptureRecord } from './capture-record.js';
import type { Problem } from './problem.js';
import { problemsFromZod } from './problem.js';

/** The problems of a record that must not parse as a CaptureRecord. */
export function problemsOf(input: unknown): Problem[] {
  const result = CaptureRecord.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : problemsFromZod(result.error, input);
}
