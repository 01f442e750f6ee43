// Long because: the server config's schema beside its cross-checks (tenants, sites, accounts).
import { z } from 'zod';
import { authoringJsonSchema } from './config-json-schema.js';
import { parseCivilDate } from './iys-date.js';
import { Notice, NoticeFile, Slug } from './notice.js';
import { defineProblemMessages, excerpt, expecting, problemsFromZod } from './problem.js';
import type { Localized, Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';
import { IYS_CODE_EXPECTED, SiteConfigShape } from './site-config-shape.js';
import { validateSiteConfig } from './site-config.js';
import type { SiteConfig } from './site-config.js';

/** A secret named by the environment variable that holds it; secrets never sit in the file. */
export const EnvRef = z
  .strictObject({
    env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
      error: expecting({
        en: 'an environment variable name in upper case, e.g. IYS_PASSWORD',
        tr: 'büyük harfle bir ortam değişkeni adı, ör. IYS_PASSWORD',
      }),
    }),
  })
  .meta({ description: 'Read from this environment variable when the server starts.' });
export type EnvRef = z.infer<typeof EnvRef>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, {
  error: expecting({
    en: 'a SHA-256 digest as 64 lower-case hex characters',
    tr: '64 küçük harfli onaltılık karakterle bir SHA-256 özeti',
  }),
});

const ONE_TENANT = expecting({
  en: 'at least one tenant with one site',
  tr: 'en az bir sitesi olan en az bir kiracı',
});

/** An admin bearer token, stored as the SHA-256 of the token (never the token itself). */
export const AdminToken = z.strictObject({
  label: z.string().trim().min(1).max(100).meta({ description: 'Who holds it, e.g. "hukuk".' }),
  sha256: Sha256Hex.meta({
    description: 'SHA-256 (hex) of the token; `izinli token` makes a token and prints this entry.',
  }),
});
export type AdminToken = z.infer<typeof AdminToken>;

/**
 * Events the server emits to site owners' webhooks (`capture.confirmation_due` is A15; the `iys.*`
 * ones are the brand's reconciliation differences and the İYS account's subscription warnings;
 * the `verification.*` ones an SMS to send, a confirmed and an expired verification,
 * docs/verification.md).
 */
export const WebhookEventType = z.enum([
  'capture.recorded',
  'consent.delivered',
  'consent.rejected',
  'consent.changed',
  'consent.deadline_at_risk',
  'capture.confirmation_due',
  'iys.account_paused',
  'iys.account_resumed',
  'iys.reconciliation_mismatch',
  'iys.subscription_warning',
  'verification.sms',
  'verification.confirmed',
  'verification.expired',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** A site owner's endpoint that receives Standard Webhooks signed with `secret`. */
export const WebhookTarget = z.strictObject({
  id: Slug,
  url: z.url({
    protocol: /^https?$/,
    error: expecting({ en: 'an http(s) URL', tr: 'bir http(s) URL’si' }),
  }),
  secret: EnvRef.meta({ description: 'The whsec_… signing secret, from the environment.' }),
  events: z.array(WebhookEventType).min(1).optional().meta({ description: 'Default: all.' }),
  allowPrivateNetwork: z.boolean().optional().meta({
    description:
      'Allow a target on a loopback, private or link-local address (refused by default against SSRF).',
  }),
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;

/** An İYS account's API credentials, by environment reference. */
export const IysAccountConfig = z.strictObject({
  iysCode: z.int().positive({ error: IYS_CODE_EXPECTED }),
  username: z.union([z.string().min(1), EnvRef]),
  password: EnvRef,
  push: z
    .strictObject({
      username: z.union([z.string().min(1), EnvRef]),
      password: EnvRef,
    })
    .optional()
    .meta({
      description:
        'Basic auth İYS uses when it pushes citizens’ changes to POST /v1/iys/push/{iysCode}; the same pair is given to İYS’s push registration. No push endpoint without it.',
    }),
});
export type IysAccountConfig = z.infer<typeof IysAccountConfig>;

const CIVIL_DATE_EXPECTED = expecting({
  en: 'a real calendar day as YYYY-MM-DD, e.g. 2031-03-20',
  tr: 'YYYY-AA-GG biçiminde gerçek bir takvim günü, ör. 2031-03-20',
});

/** A public holiday the built-in data (holidays-data.ts) lacks, e.g. a year past its last. */
export const ExtraHoliday = z.strictObject({
  date: z
    .string()
    .refine((text) => parseCivilDate(text) !== undefined, {
      error: CIVIL_DATE_EXPECTED,
      params: { code: 'config.holidayDate' },
    })
    .meta({ description: 'The day, Turkey time: YYYY-MM-DD.', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  kind: z.enum(['full', 'half']).default('full').meta({
    description:
      '"full": a day off; "half": off from 13:00, an arife (a business day for our own deadlines, rule C2 in docs/compliance.md). Default "full".',
  }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: 'What the day is, for logs, e.g. "Ramazan Bayramı (1. gün)".' }),
});
export type ExtraHoliday = z.infer<typeof ExtraHoliday>;

/** The business-day calendar's settings (docs/calendar.md). */
export const CalendarConfig = z
  .strictObject({
    extraHolidays: z.array(ExtraHoliday).default([]).meta({
      description:
        'Official public holidays to add to the built-in data, in any year (those past its last year included): each moves deadlines and the H467 check. Never administrative leave ("idari izin", rule C3 in docs/compliance.md).',
    }),
  })
  .meta({ description: 'The Turkish business-day calendar (docs/calendar.md).' });
export type CalendarConfig = z.infer<typeof CalendarConfig>;

/** How much evidence (scans, recordings: A19) a tenant may keep. */
export const EvidenceLimits = z
  .strictObject({
    maxFileBytes: z
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(10 * 1024 * 1024)
      .meta({ description: 'Largest evidence file, in bytes (default 10 MiB, at most 100 MiB).' }),
    maxTotalBytes: z
      .int()
      .min(1024)
      .default(1024 * 1024 * 1024)
      .meta({
        description: 'Most bytes of evidence files the tenant keeps in all (default 1 GiB).',
      }),
  })
  .meta({ description: 'Limits on the evidence files a tenant uploads (docs/sources.md).' });
export type EvidenceLimits = z.infer<typeof EvidenceLimits>;

const tenantFields = {
  id: Slug,
  name: z.string().trim().min(1).max(200),
  adminTokens: z.array(AdminToken).default([]),
  webhooks: z.array(WebhookTarget).default([]),
  evidence: EvidenceLimits.default({
    maxFileBytes: 10 * 1024 * 1024,
    maxTotalBytes: 1024 * 1024 * 1024,
  }),
};

/** One customer of the server: its sites, admin tokens and webhook targets. */
export const TenantConfigShape = z.strictObject({
  ...tenantFields,
  sites: z.array(SiteConfigShape),
});

/** The structure of the server's config file; `validateServerConfig` adds the cross checks. */
export const ServerConfigShape = z.strictObject({
  $schema: z.string().optional(),
  tenants: z.array(TenantConfigShape).min(1, { error: ONE_TENANT }),
  iysAccounts: z.array(IysAccountConfig).default([]),
  calendar: CalendarConfig.default({ extraHolidays: [] }),
});

// Sites are validated one by one with validateSiteConfig, for its compliance problems.
const ServerConfigOuter = ServerConfigShape.extend({
  tenants: z
    .array(z.strictObject({ ...tenantFields, sites: z.array(z.unknown()) }))
    .min(1, { error: ONE_TENANT }),
});

/** A validated server config. */
export type ServerConfig = Omit<z.infer<typeof ServerConfigOuter>, 'tenants'> & {
  tenants: (Omit<z.infer<typeof ServerConfigOuter>['tenants'][number], 'sites'> & {
    sites: SiteConfig[];
  })[];
};
export type TenantConfig = ServerConfig['tenants'][number];

// The file as authors write it: a notice may also name its text by file (resolved by the server
// before validation), so editors must accept both forms.
const ServerConfigFileShape = ServerConfigShape.extend({
  tenants: z
    .array(
      TenantConfigShape.extend({
        sites: z.array(
          SiteConfigShape.extend({
            notices: z
              .array(z.union([Notice, NoticeFile]))
              .min(1)
              .meta({
                description:
                  'Every version of every text inline (text, sha256, version), or one entry per text file (textFile) that the server hashes and versions; the highest version per id and locale is current.',
              }),
          }),
        ),
      }),
    )
    .min(1),
});

/** The JSON Schema of the config file, for editor completion (`"$schema"` in the file). */
export function serverConfigJsonSchema(): Record<string, unknown> {
  return authoringJsonSchema(
    ServerConfigFileShape,
    'izinli server config',
    'Tenants with their sites (origins, İYS brand, channels, purposes, versioned notices), admin tokens and webhooks; İYS credentials by environment reference; extra public holidays for the business-day calendar.',
  );
}

function duplicate(path: Problem['path'], what: Localized, value: string): Problem {
  return {
    code: 'config.notUnique',
    path,
    expected: { en: `a unique ${what.en}`, tr: `benzersiz bir ${what.tr}` },
    received: excerpt(value),
    params: { what: what.en, whatTr: what.tr },
  };
}

/**
 * Validates the server's config: its structure, every site with `validateSiteConfig` (paths
 * prefixed), and the cross checks — site keys, tenant ids, token hashes and extra holiday dates
 * unique, and an İYS account for every brand's iysCode. Every problem is returned, not just the
 * first.
 */
export function validateServerConfig(input: unknown): Result<ServerConfig, Problem[]> {
  const outer = ServerConfigOuter.safeParse(input);
  if (!outer.success) {
    const problems = problemsFromZod(outer.error, input);
    // Still check the sites of a structurally broken config, so one run shows everything.
    const tenants = (input as { tenants?: unknown })?.tenants;
    if (Array.isArray(tenants)) {
      tenants.forEach((tenant, t) => {
        const sites = (tenant as { sites?: unknown })?.sites;
        if (!Array.isArray(sites)) return;
        sites.forEach((site, s) => {
          const checked = validateSiteConfig(site);
          if (!checked.ok) {
            for (const p of checked.error)
              problems.push({ ...p, path: ['tenants', t, 'sites', s, ...p.path] });
          }
        });
      });
    }
    return err(problems);
  }
  const problems: Problem[] = [];
  const siteKeys = new Set<string>();
  const tenantIds = new Set<string>();
  const tokenHashes = new Set<string>();
  const accounts = new Set(outer.data.iysAccounts.map((a) => a.iysCode));
  const tenants = outer.data.tenants.map((tenant, t) => {
    if (tenantIds.has(tenant.id))
      problems.push(
        duplicate(['tenants', t, 'id'], { en: 'tenant id', tr: 'kiracı kimliği' }, tenant.id),
      );
    tenantIds.add(tenant.id);
    tenant.adminTokens.forEach((token, k) => {
      if (tokenHashes.has(token.sha256)) {
        problems.push(
          duplicate(
            ['tenants', t, 'adminTokens', k, 'sha256'],
            { en: 'admin token', tr: 'yönetici belirteci' },
            token.sha256,
          ),
        );
      }
      tokenHashes.add(token.sha256);
    });
    const sites: SiteConfig[] = [];
    tenant.sites.forEach((input, s) => {
      const checked = validateSiteConfig(input);
      if (!checked.ok) {
        for (const p of checked.error)
          problems.push({ ...p, path: ['tenants', t, 'sites', s, ...p.path] });
        return;
      }
      const site = checked.value;
      if (siteKeys.has(site.siteKey)) {
        const what = { en: 'site key', tr: 'site anahtarı' };
        problems.push(duplicate(['tenants', t, 'sites', s, 'siteKey'], what, site.siteKey));
      }
      siteKeys.add(site.siteKey);
      if (!accounts.has(site.brand.iysCode)) {
        problems.push({
          code: 'config.iysAccountMissing',
          path: ['tenants', t, 'sites', s, 'brand', 'iysCode'],
          expected: {
            en: `an entry in iysAccounts for iysCode ${site.brand.iysCode}`,
            tr: `iysAccounts altında ${site.brand.iysCode} iysCode için bir kayıt`,
          },
          received: excerpt(outer.data.iysAccounts.map((a) => a.iysCode)),
          params: { iysCode: site.brand.iysCode },
        });
      }
      sites.push(site);
    });
    return { ...tenant, sites };
  });
  const holidayDates = new Set<string>();
  outer.data.calendar.extraHolidays.forEach((holiday, h) => {
    if (holidayDates.has(holiday.date)) {
      problems.push(
        duplicate(
          ['calendar', 'extraHolidays', h, 'date'],
          { en: 'extra holiday date', tr: 'ek tatil günü tarihi' },
          holiday.date,
        ),
      );
    }
    holidayDates.add(holiday.date);
  });
  return problems.length > 0 ? err(problems) : ok({ ...outer.data, tenants });
}

defineProblemMessages({
  'config.holidayDate': {
    tr: (p) =>
      `tatil günü yyyy-aa-gg biçiminde gerçek bir gün olmalıdır (ör. 2031-03-20); gelen ${p.received}`,
    en: (p) =>
      `expected a real calendar day as YYYY-MM-DD (e.g. 2031-03-20); received ${p.received}`,
  },
  'config.notUnique': {
    tr: (p) =>
      `her ${p.params?.whatTr} yalnızca bir kez kullanılmalıdır; tekrar eden: ${p.received}`,
    en: (p) => `each ${p.params?.what} must be used once; repeated: ${p.received}`,
  },
  'config.iysAccountMissing': {
    tr: (p) =>
      `iysCode ${p.params?.iysCode} için iysAccounts altında kimlik bilgisi tanımlanmalıdır; tanımlı olanlar: ${p.received}`,
    en: (p) =>
      `iysAccounts needs credentials for iysCode ${p.params?.iysCode}; defined: ${p.received}`,
  },
});

/** A server config as an author writes it (fields with defaults may be omitted). */
export type ServerConfigInput = z.input<typeof ServerConfigShape>;
