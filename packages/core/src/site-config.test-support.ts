/* eslint-disable @typescript-eslint/no-explicit-any -- the tests build deliberately invalid configs by hand. */
// The site config tests' way to build a config and read its problems.
import { expect } from 'vitest';
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
