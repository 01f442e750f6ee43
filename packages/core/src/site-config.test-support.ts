/* eslint-disable @typescript-eslint/no-explicit-any -- the tests build deliberately invalid configs by hand. */
// The site config tests' way to build a config, read its problems and check their messages.
import { expect } from 'vitest';
import { formatPath, problemMessage } from './problem.js';
import type { Problem } from './problem.js';
import { exampleSiteConfig } from './site-config.fixture.js';
import { validateSiteConfig } from './site-config.js';

/** A deep copy of the example config, changed by `edit` (inputs are untyped on purpose). */
export function configWith(edit: (config: Record<string, any>) => void): unknown {
  const copy = structuredClone(exampleSiteConfig) as Record<string, any>;
  edit(copy);
  return copy;
}

/** The problems of a config that must not validate. */
export function problemsOf(input: unknown): Problem[] {
  const result = validateSiteConfig(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.error;
}

/** The single problem with this code; fails if there is none or several. */
export function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, JSON.stringify(problems, null, 1)).toHaveLength(1);
  return found[0]!;
}

/** Every message, in both languages, names the path and quotes what was received. */
export function expectReadable(problem: Problem): void {
  for (const locale of ['tr', 'en'] as const) {
    const message = problemMessage(problem, locale);
    expect(message.startsWith(`${formatPath(problem.path, locale)}: `)).toBe(true);
    if (problem.received !== 'undefined (missing)') expect(message).toContain(problem.received);
  }
  expect(problemMessage(problem, 'tr')).not.toBe(problemMessage(problem, 'en'));
}

/** The single problem with this code of the example config changed by `edit`. */
export function problemAt(code: string, edit: (config: Record<string, any>) => void): Problem {
  return only(problemsOf(configWith(edit)), code);
}
