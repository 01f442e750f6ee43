// How commands print problems: each with where it is, what was expected and what was received.
import { formatPath, problemMessage } from '@izinli/core';
import type { Locale, Problem } from '@izinli/core';

const LABELS = {
  tr: { expected: 'beklenen', received: 'gelen' },
  en: { expected: 'expected', received: 'received' },
} as const;

/** A problem as lines: the sentence (which names the path), then expected and received. */
export function problemLines(problem: Problem, locale: Locale): string {
  const label = LABELS[locale];
  return [
    `  - ${problemMessage(problem, locale)}`,
    `      ${label.expected}: ${problem.expected}`,
    `      ${label.received}: ${problem.received}`,
  ].join('\n');
}

/** A problem as JSON, with its sentence and printable path. */
export function problemJson(problem: Problem, locale: Locale) {
  return { ...problem, where: formatPath(problem.path), message: problemMessage(problem, locale) };
}
