import type { ZodError } from 'zod';

/** The languages izinli speaks: Turkish first, English second. */
export type Locale = 'tr' | 'en';

/**
 * A problem with some input, as data: a stable code, where it is, what was expected and an excerpt
 * of what was received. Messages are chosen last, per locale, by `problemMessage`.
 */
export interface Problem {
  /** Stable machine-readable code, e.g. `phone.invalid`, `config.preTicked`, `schema.invalid_type`. */
  code: string;
  /** Path into the input, e.g. `['purposes', 2, 'defaultChecked']`; empty for the input itself. */
  path: (string | number)[];
  /** What was expected, in English, short: `a phone number in E.164 form (+905321234567)`. */
  expected: string;
  /** A short excerpt of what was received (see `excerpt`). */
  received: string;
  /** Extra, code-specific facts (names, limits) that messages may use. */
  params?: Record<string, string | number>;
}

type Template = (p: Problem) => string;
/** Per-code sentences; codes without an entry get the generic expected/received sentence. */
export const problemMessages: Record<string, { tr: Template; en: Template }> = {};

/** Registers the sentences for some problem codes (each module registers its own). */
export function defineProblemMessages(
  entries: Record<string, { tr: Template; en: Template }>,
): void {
  Object.assign(problemMessages, entries);
}

/** Formats a path as `purposes[2].defaultChecked`; the empty path is `(input)`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(input)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** A short, printable excerpt of any input value (JSON, cut to `max` characters). */
export function excerpt(value: unknown, max = 40): string {
  let text: string;
  if (value === undefined) text = 'undefined (missing)';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Too deep to serialise (a hostile body nested past the stack): String() would recurse
      // into an array, or throw on an object whose own `toString` is not a function.
      text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The human sentence for a problem in the given locale, always naming the path. */
export function problemMessage(problem: Problem, locale: Locale = 'tr'): string {
  const entry = problemMessages[problem.code];
  const where = formatPath(problem.path);
  if (entry) return `${where}: ${entry[locale](problem)}`;
  return locale === 'tr'
    ? `${where}: beklenen ${problem.expected}; gelen ${problem.received}`
    : `${where}: expected ${problem.expected}; received ${problem.received}`;
}

/** The value at `path` inside `input`, or undefined where the path leaves the input. */
export function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[key]
        : undefined;
  }
  return value;
}

/** Turns a zod error into problems, keeping zod's own wording as the `expected` text. */
export function problemsFromZod(error: ZodError, input: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(input, path);
    const custom =
      issue.code === 'custom' ? (issue.params as Problem['params'] & { code?: string }) : undefined;
    return {
      code: custom?.code ?? `schema.${issue.code}`,
      path,
      expected: issue.message,
      received: excerpt(value),
      ...(custom ? { params: custom } : {}),
    };
  });
}
