import type { ZodError } from 'zod';
import { zodExpectedTr } from './zod-issue-tr.js';

/** The languages izinli speaks: Turkish first, English second. */
export type Locale = 'tr' | 'en';

/** One human text in each language izinli speaks; a message is always chosen from one of these. */
export interface Localized {
  tr: string;
  en: string;
}

/**
 * A problem with some input, as data: a stable code, where it is, what was expected and an excerpt
 * of what was received. Messages are chosen last, per locale, by `problemMessage`.
 */
export interface Problem {
  /** Stable machine-readable code, e.g. `phone.invalid`, `config.preTicked`, `schema.invalid_type`. */
  code: string;
  /** Path into the input, e.g. `['purposes', 2, 'defaultChecked']`; empty for the input itself. */
  path: (string | number)[];
  /**
   * What was expected, short, in both languages: `{ en: 'a JSON object', tr: 'bir JSON nesnesi' }`.
   * The API's and the CLI's `expected` field is the English text whatever the client's language,
   * so programs can match on it; people read the localized `message`.
   */
  expected: Localized;
  /** A short excerpt of what was received (see `excerpt`), or the English of `receivedText`. */
  received: string;
  /**
   * When what came is described rather than quoted (no header at all, a body too large), the
   * description in both languages; messages use it in place of `received`.
   */
  receivedText?: Localized;
  /** Extra, code-specific facts (names, limits) that messages may use. */
  params?: Record<string, string | number>;
}

/** A problem as one language tells it: what a message template is given. */
export interface ProblemText {
  code: string;
  path: (string | number)[];
  /** `Problem.expected` in the template's language. */
  expected: string;
  /** The excerpt, or `Problem.receivedText` in the template's language. */
  received: string;
  params?: Record<string, string | number>;
}

type Template = (p: ProblemText) => string;
/** Per-code sentences; codes without an entry get the generic expected/received sentence. */
export const problemMessages: Record<string, { tr: Template; en: Template }> = {};

/** Registers the sentences for some problem codes (each module registers its own). */
export function defineProblemMessages(
  entries: Record<string, { tr: Template; en: Template }>,
): void {
  Object.assign(problemMessages, entries);
}

/** `received` and `receivedText` for a problem whose input is described, not quoted. */
export function described(text: Localized): Pick<Problem, 'received' | 'receivedText'> {
  return { received: text.en, receivedText: text };
}

// What `excerpt` says of a missing value; Turkish messages say it in Turkish.
const MISSING = 'undefined (missing)';
const MISSING_TR = 'hiçbir şey (alan eksik)';

/** Formats a path as `purposes[2].defaultChecked`; the empty path is `(input)` (`(girdi)` in tr). */
export function formatPath(path: readonly (string | number)[], locale: Locale = 'en'): string {
  if (path.length === 0) return locale === 'tr' ? '(girdi)' : '(input)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** A short, printable excerpt of any input value (JSON, cut to `max` characters). */
export function excerpt(value: unknown, max = 40): string {
  let text: string;
  if (value === undefined) text = MISSING;
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

/** The problem as `locale` tells it: its expected text and what came, in that language. */
export function problemText(problem: Problem, locale: Locale): ProblemText {
  const received =
    problem.receivedText?.[locale] ??
    (locale === 'tr' && problem.received === MISSING ? MISSING_TR : problem.received);
  return {
    code: problem.code,
    path: problem.path,
    expected: problem.expected[locale],
    received,
    ...(problem.params ? { params: problem.params } : {}),
  };
}

/** The human sentence for a problem in the given locale, always naming the path. */
export function problemMessage(problem: Problem, locale: Locale = 'tr'): string {
  const entry = problemMessages[problem.code];
  const where = formatPath(problem.path, locale);
  const text = problemText(problem, locale);
  if (entry) return `${where}: ${entry[locale](text)}`;
  return locale === 'tr'
    ? `${where}: beklenen ${text.expected}; gelen ${text.received}`
    : `${where}: expected ${text.expected}; received ${text.received}`;
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

// The Turkish of each English text a schema gives zod (see `expecting`).
const turkishOf = new Map<string, string>();
// Where a custom issue carries its Turkish text among its params (see `customIssue`).
const EXPECTED_TR = 'expectedTr';

/**
 * A schema's own zod message in both languages: zod keeps the English one (it becomes the
 * problem's `expected.en`) and `problemsFromZod` finds the Turkish by it. For texts fixed when the
 * schema is built; a text made per parse goes through `customIssue`.
 */
export function expecting(text: Localized): string {
  const known = turkishOf.get(text.en);
  if (known !== undefined && known !== text.tr) {
    throw new Error(`Two Turkish texts for "${text.en}": "${known}" and "${text.tr}"`);
  }
  turkishOf.set(text.en, text.tr);
  return text.en;
}

/**
 * A custom zod issue (for `ctx.addIssue`) that `problemsFromZod` turns back into a problem with
 * this code, both expected texts and these params.
 */
export function customIssue(problem: {
  code?: string;
  expected: Localized;
  path?: Problem['path'];
  params?: Problem['params'];
}) {
  return {
    code: 'custom' as const,
    message: problem.expected.en,
    ...(problem.path?.length ? { path: problem.path } : {}),
    params: {
      ...problem.params,
      ...(problem.code ? { code: problem.code } : {}),
      [EXPECTED_TR]: problem.expected.tr,
    },
  };
}

/**
 * Turns a zod error into problems. The English `expected` is zod's message (the schema's own
 * text, or zod's default); the Turkish is the schema's own Turkish (`expecting`, `customIssue`),
 * else zod's issue said in Turkish.
 */
export function problemsFromZod(error: ZodError, input: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(input, path);
    const params = issue.code === 'custom' ? issue.params : undefined;
    const { [EXPECTED_TR]: tr, ...custom } = (params ?? {}) as Record<string, string | number>;
    const code = typeof custom.code === 'string' ? custom.code : `schema.${issue.code}`;
    return {
      code,
      path,
      expected: {
        en: issue.message,
        tr: typeof tr === 'string' ? tr : (turkishOf.get(issue.message) ?? zodExpectedTr(issue)),
      },
      received: excerpt(value),
      ...(params ? { params: custom } : {}),
    };
  });
}

/**
 * A zod failure as one problem of `code`: at its first issue (below `path`), with what that issue
 * expected and received; `expected` and the input itself when zod names no issue.
 */
export function firstZodProblem(
  error: ZodError,
  input: unknown,
  problem: { code: string; path: Problem['path']; expected: Localized },
): Problem {
  const [first] = problemsFromZod(error, input);
  return {
    code: problem.code,
    path: [...problem.path, ...(first?.path ?? [])],
    expected: first?.expected ?? problem.expected,
    received: first?.received ?? excerpt(input),
  };
}
