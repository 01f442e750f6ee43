import { z } from 'zod';
import { Notice, NoticeFile, Slug } from './notice.js';
import { defineProblemMessages, excerpt, problemsFromZod } from './problem.js';
import type { Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';
import { SiteConfigShape } from './site-config-shape.js';
import { validateSiteConfig } from './site-config.js';
import type { SiteConfig } from './site-config.js';

/** A secret named by the environment variable that holds it; secrets never sit in the file. */
export const EnvRef = z
  .strictObject({
    env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
      error: 'an environment variable name in upper case, e.g. IYS_PASSWORD',
    }),
  })
  .meta({ description: 'Read from this environment variable when the server starts.' });
export type EnvRef = z.infer<typeof EnvRef>;

const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 digest as 64 lower-case hex characters' });

/** An admin bearer token, stored as the SHA-256 of the token (never the token itself). */
export const AdminToken = z.strictObject({
  label: z.string().trim().min(1).max(100).meta({ description: 'Who holds it, e.g. "hukuk".' }),
  sha256: Sha256Hex.meta({
    description: 'SHA-256 (hex) of the token; `izinli token` makes a token and prints this entry.',
  }),
});
export type AdminToken = z.infer<typeof AdminToken>;

/** Events the server emits to site owners' webhooks (issue 6; `capture.confirmation_due` is A15). */
export const WebhookEventType = z.enum([
  'capture.recorded',
  'consent.delivered',
  'consent.rejected',
  'consent.changed',
  'consent.deadline_at_risk',
  'capture.confirmation_due',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** A site owner's endpoint that receives Standard Webhooks signed with `secret`. */
export const WebhookTarget = z.strictObject({
  id: Slug,
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
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
  iysCode: z.int().positive({ error: 'a positive whole İYS code' }),
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

const tenantFields = {
  id: Slug,
  name: z.string().trim().min(1).max(200),
  adminTokens: z.array(AdminToken).default([]),
  webhooks: z.array(WebhookTarget).default([]),
};

/** One customer of the server: its sites, admin tokens and webhook targets. */
export const TenantConfigShape = z.strictObject({
  ...tenantFields,
  sites: z.array(SiteConfigShape),
});

/** The structure of the server's config file; `validateServerConfig` adds the cross checks. */
export const ServerConfigShape = z.strictObject({
  $schema: z.string().optional(),
  tenants: z.array(TenantConfigShape).min(1, { error: 'at least one tenant with one site' }),
  iysAccounts: z.array(IysAccountConfig).default([]),
});

// Sites are validated one by one with validateSiteConfig, for its COMPLIANCE-aware problems.
const ServerConfigOuter = ServerConfigShape.extend({
  tenants: z
    .array(z.strictObject({ ...tenantFields, sites: z.array(z.unknown()) }))
    .min(1, { error: 'at least one tenant with one site' }),
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
  return {
    ...z.toJSONSchema(ServerConfigFileShape, { io: 'input', target: 'draft-2020-12' }),
    title: 'izinli server config',
    description:
      'Tenants with their sites (origins, İYS brand, channels, purposes, versioned notices), admin tokens and webhooks; İYS credentials by environment reference.',
  };
}

function duplicate(path: Problem['path'], what: string, value: string): Problem {
  return {
    code: 'config.notUnique',
    path,
    expected: `a unique ${what}`,
    received: excerpt(value),
    params: { what },
  };
}

/**
 * Validates the server's config: its structure, every site with `validateSiteConfig` (paths
 * prefixed), and the cross checks — site keys, tenant ids and token hashes unique, and an İYS
 * account for every brand's iysCode. Every problem is returned, not just the first.
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
      problems.push(duplicate(['tenants', t, 'id'], 'tenant id', tenant.id));
    tenantIds.add(tenant.id);
    tenant.adminTokens.forEach((token, k) => {
      if (tokenHashes.has(token.sha256)) {
        problems.push(
          duplicate(['tenants', t, 'adminTokens', k, 'sha256'], 'admin token', token.sha256),
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
        problems.push(duplicate(['tenants', t, 'sites', s, 'siteKey'], 'site key', site.siteKey));
      }
      siteKeys.add(site.siteKey);
      if (!accounts.has(site.brand.iysCode)) {
        problems.push({
          code: 'config.iysAccountMissing',
          path: ['tenants', t, 'sites', s, 'brand', 'iysCode'],
          expected: `an entry in iysAccounts for iysCode ${site.brand.iysCode}`,
          received: excerpt(outer.data.iysAccounts.map((a) => a.iysCode)),
          params: { iysCode: site.brand.iysCode },
        });
      }
      sites.push(site);
    });
    return { ...tenant, sites };
  });
  return problems.length > 0 ? err(problems) : ok({ ...outer.data, tenants });
}

defineProblemMessages({
  'config.notUnique': {
    tr: (p) => `her ${p.params?.what} bir kez kullanılmalıdır; tekrar eden: ${p.received}`,
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
