import type { z } from 'zod';
import { authoringJsonSchema } from './config-json-schema.js';
import { checkNoticeHash } from './notice.js';
import type { Notice, SupportedLocale } from './notice.js';
import {
  customIssue,
  defineProblemMessages,
  excerpt,
  problemsFromZod,
  valueAt,
} from './problem.js';
import type { Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';
import { siteConfigMessages } from './site-config-messages.js';
import { CATEGORY_EXPECTED, Purpose } from './site-config-purpose.js';
import { siteConfigRuleProblems } from './site-config-rules.js';
import { SiteConfigShape } from './site-config-shape.js';

defineProblemMessages(siteConfigMessages);

/**
 * One site's configuration, checked in full: structure, unknown keys refused, and the compliance
 * rules a config can break (A5, B2–B6, B9) as `config.*` problems naming the rule in `params.rule`.
 * Prefer `validateSiteConfig`, which returns the same problems with better excerpts.
 */
export const SiteConfig = SiteConfigShape.superRefine((config, ctx) => {
  for (const problem of siteConfigRuleProblems(config)) {
    ctx.addIssue(
      customIssue({
        ...problem,
        // `received` rides along so validateSiteConfig can report defaults the input never held.
        params: { ...problem.params, received: problem.received },
      }),
    );
  }
});
/** A valid site config, defaults applied. */
export type SiteConfig = z.infer<typeof SiteConfig>;
/** A site config as an author writes it: fields with defaults may be omitted. */
export type SiteConfigInput = z.input<typeof SiteConfig>;

/** The JSON Schema (draft 2020-12) of a site config as authors write it, for editor completion. */
export function siteConfigJsonSchema(): Record<string, unknown> {
  return authoringJsonSchema(
    SiteConfigShape,
    'izinli site config',
    'One site: origins, İYS brand, channels, açık rıza purposes and versioned notices. Checked against rules A5, B2–B6 and B9 of docs/compliance.md when loaded.',
  );
}

// Mistakes that zod sees as plain type or key errors but that are really B4 (bundled purposes).
function asBundledPurpose(problem: Problem, input: unknown): Problem[] {
  const [top, index, field] = problem.path;
  if (top !== 'purposes' || typeof index !== 'number') return [problem];
  const value = valueAt(input, problem.path);
  const listedCategory = field === 'category' && Array.isArray(value);
  const pluralKey =
    problem.code === 'schema.unrecognized_keys' &&
    problem.path.length === 2 &&
    value !== null &&
    typeof value === 'object' &&
    'categories' in value;
  if (!listedCategory && !pluralKey) return [problem];
  const path = listedCategory ? problem.path : [top, index, 'categories'];
  const bundled: Problem = {
    code: 'config.bundledPurpose',
    path,
    expected: {
      en: `${CATEGORY_EXPECTED.en}; give each purpose its own entry`,
      tr: `${CATEGORY_EXPECTED.tr}; her amaç için ayrı bir kayıt yazın`,
    },
    received: excerpt(valueAt(input, path), 60),
    params: { rule: 'B4' },
  };
  // Other unknown keys beside `categories` still deserve their own problem.
  const known = new Set<string>([...Object.keys(Purpose.shape), 'categories']);
  const others = pluralKey && Object.keys(value).some((key) => !known.has(key));
  return others ? [bundled, problem] : [bundled];
}

// problemsFromZod copies a custom issue's params whole; keep only the facts a message needs.
function tidy(problem: Problem): Problem {
  if (!problem.params) return problem;
  const { params: all, ...rest } = problem;
  const { code: _code, received, ...params } = all;
  return {
    ...rest,
    ...(typeof received === 'string' ? { received } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}

/**
 * Validates a site config as loaded from a file or the admin API: every structural problem, and
 * every compliance problem (pre-ticked or required boxes, bundled purposes, the notice used as a
 * consent text, the aydınlatma notice missing for a locale, consent asked despite another legal
 * basis, dangling references, duplicates). Cross-field rules run once the structure is sound.
 * Notice hashes are checked by `checkSiteConfigHashes`, or both at once by `loadSiteConfig`.
 */
export function validateSiteConfig(input: unknown): Result<SiteConfig, Problem[]> {
  const parsed = SiteConfig.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(
    problemsFromZod(parsed.error, input)
      .flatMap((p) => asBundledPurpose(p, input))
      .map(tidy),
  );
}

/** B8: a problem for every notice whose `sha256` is not the hash of its text. */
export async function checkSiteConfigHashes(
  config: Pick<SiteConfig, 'notices'>,
): Promise<Problem[]> {
  const results = await Promise.all(
    config.notices.map((notice, i) => checkNoticeHash(notice, ['notices', i])),
  );
  return results.flatMap((r) => (r.ok ? [] : [r.error]));
}

/** Validates a site config and its notice hashes: what a server runs before it serves a site. */
export async function loadSiteConfig(input: unknown): Promise<Result<SiteConfig, Problem[]>> {
  const validated = validateSiteConfig(input);
  if (!validated.ok) return validated;
  const hashProblems = await checkSiteConfigHashes(validated.value);
  return hashProblems.length > 0 ? err(hashProblems) : validated;
}

/** The version of a notice in force for a language: the highest version of that (id, locale). */
export function currentNotice(
  config: Pick<SiteConfig, 'notices'>,
  id: string,
  locale: SupportedLocale,
): Notice | undefined {
  let best: Notice | undefined;
  for (const notice of config.notices) {
    if (notice.id === id && notice.locale === locale && (!best || notice.version > best.version)) {
      best = notice;
    }
  }
  return best;
}

/** One exact notice version, as a capture names it; undefined when the config never had it. */
export function findNotice(
  config: Pick<SiteConfig, 'notices'>,
  id: string,
  locale: SupportedLocale,
  version: number,
): Notice | undefined {
  return config.notices.find((n) => n.id === id && n.locale === locale && n.version === version);
}
