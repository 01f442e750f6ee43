import type { z } from 'zod';
import type { NoticeKind, SupportedLocale } from './notice.js';
import type { Localized, Problem } from './problem.js';
import type { SiteConfigShape } from './site-config-shape.js';

export type Path = (string | number)[];

/** What every cross-field rule sees: the config, each notice id's kind, and a way to report. */
export interface RuleContext {
  config: z.output<typeof SiteConfigShape>;
  kindOf: ReadonlyMap<string, NoticeKind>;
  missingLocales: (id: string) => SupportedLocale[];
  report: (
    code: string,
    path: Path,
    expected: Localized,
    received: unknown,
    params?: Problem['params'],
  ) => void;
}
