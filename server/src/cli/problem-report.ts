// How commands print problems: each with where it is, what was expected and what was received.
import { formatPath, problemMessage, problemText } from '@izinli/core';
import type { Locale, Problem } from '@izinli/core';
import { problemJson as logProblemJson } from '../proof/index.js';

const LABELS = {
  tr: { expected: 'beklenen', received: 'gelen' },
  en: { expected: 'expected', received: 'received' },
} as const;

/** A problem as lines: the sentence (which names the path), then expected and received. */
export function problemLines(problem: Problem, locale: Locale): string {
  const label = LABELS[locale];
  const text = problemText(problem, locale);
  return [
    `  - ${problemMessage(problem, locale)}`,
    `      ${label.expected}: ${text.expected}`,
    `      ${label.received}: ${text.received}`,
  ].join('\n');
}

/**
 * A problem as JSON, with its sentence and printable path; `expected` is the English text, as
 * the API gives it to programs (the message is in the chosen language).
 */
export function problemJson(problem: Problem, locale: Locale) {
  const { message, ...fields } = logProblemJson(problem, problemMessage(problem, locale));
  return { ...fields, where: formatPath(problem.path), message };
}
