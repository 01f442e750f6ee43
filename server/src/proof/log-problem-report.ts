// How a log problem reads outside the verifier: as JSON beside its sentence, and located by its
// line. `izinli verify log` and the admin API's log verification give them alike.
import { formatPath, problemMessage } from '@izinli/core';
import type { Locale, Problem } from '@izinli/core';

/**
 * A problem as the JSON outputs give it: the machine fields as the HTTP API has them (`expected`
 * in English whatever the language) and `message`, the sentence in the reader's language.
 */
export function problemJson(problem: Problem, message: string) {
  const { expected, receivedText: _receivedText, ...rest } = problem;
  return { ...rest, expected: expected.en, message };
}

/**
 * A log problem located by its 1-based line, e.g. `line 5, record.person.fullName: …` (`5. satır,
 * …` in Turkish).
 */
export function logProblemMessage(problem: Problem, locale: Locale): string {
  const [first, line, ...rest] = problem.path;
  if (first !== 'line' || typeof line !== 'number') return problemMessage(problem, locale);
  const label = locale === 'tr' ? `${line}. satır` : `line ${line}`;
  if (rest.length === 0) {
    const whole = `${formatPath([], locale)}: `;
    return `${label}: ${problemMessage({ ...problem, path: [] }, locale).slice(whole.length)}`;
  }
  return `${label}, ${problemMessage({ ...problem, path: rest }, locale)}`;
}
