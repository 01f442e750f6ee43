// Checks the server's config: structure, compliance rules, notice hashes (B8), the environment
// variables it names, and what verification needs of the server (SMTP, the SMS webhook). A server with a bad config refuses to start (config-file.ts reads the file).
import {
  Notice,
  checkNoticeHash,
  checkSiteConfigHashes,
  defineProblemMessages,
  err,
  ok,
  validateServerConfig,
} from '@izinli/core';
import type { EnvRef, Problem, Result, ServerConfig, SiteConfig, TenantConfig } from '@izinli/core';
import { serverCalendars } from '../calendar/server-calendar.js';
import type { ServerCalendars } from '../calendar/server-calendar.js';
import { isJsonObject as isObject } from './json-file.js';
import { webhookSigner } from './webhook-secret.js';
import { verificationServerProblems } from './verification-rules.js';
import { cleartextTargetProblem, privateTargetProblem } from './webhook-target-rules.js';

/** An İYS account with its credentials read from the environment. */
export interface IysCredentials {
  iysCode: number;
  username: string;
  password: string;
  /** What İYS's push must present (Basic auth); absent when push is not configured. */
  push?: { username: string; password: string };
}

/** A checked config with the lookups the server needs on every request. */
export interface LoadedConfig {
  config: ServerConfig;
  /** Site and owning tenant by site key. */
  sites: ReadonlyMap<string, { site: SiteConfig; tenant: TenantConfig }>;
  /** Tenant by the SHA-256 (hex) of one of its admin tokens. */
  tenantsByTokenHash: ReadonlyMap<string, TenantConfig>;
  iysAccounts: ReadonlyMap<number, IysCredentials>;
  /** Webhook secrets by `${tenantId}/${webhookId}`. */
  webhookSecrets: ReadonlyMap<string, string>;
  /** The business-day calendars with `calendar.extraHolidays`: ours for deadlines, İYS's for H467. */
  calendars: ServerCalendars;
}

type Env = Record<string, string | undefined>;

function resolve(
  ref: EnvRef | string,
  path: Problem['path'],
  env: Env,
  problems: Problem[],
): string {
  if (typeof ref === 'string') return ref;
  const value = env[ref.env];
  if (value === undefined || value === '') {
    problems.push({
      code: 'config.envMissing',
      path,
      expected: {
        en: `the environment variable ${ref.env} to be set`,
        tr: `tanımlı bir ${ref.env} ortam değişkeni`,
      },
      received: 'undefined (missing)',
      params: { name: ref.env },
    });
    return '';
  }
  return value;
}

/** Checks a parsed config (any JSON value) and resolves what it needs from `env`. */
export async function checkServerConfig(
  input: unknown,
  env: Env,
): Promise<Result<LoadedConfig, Problem[]>> {
  const validated = validateServerConfig(input);
  if (!validated.ok) return err([...validated.error, ...(await unsoundConfigProblems(input, env))]);
  const config = validated.value;
  const problems: Problem[] = [];
  const sites = new Map<string, { site: SiteConfig; tenant: TenantConfig }>();
  const tenantsByTokenHash = new Map<string, TenantConfig>();
  const webhookSecrets = new Map<string, string>();
  for (const [t, tenant] of config.tenants.entries()) {
    for (const [s, site] of tenant.sites.entries()) {
      for (const p of await checkSiteConfigHashes(site)) {
        problems.push({ ...p, path: ['tenants', t, 'sites', s, ...p.path] });
      }
      problems.push(...verificationServerProblems(site, tenant, env, ['tenants', t, 'sites', s]));
      sites.set(site.siteKey, { site, tenant });
    }
    for (const token of tenant.adminTokens) tenantsByTokenHash.set(token.sha256, tenant);
    tenant.webhooks.forEach((hook, w) => {
      // The opt-in a private target needs also allows plain http, so one problem says it all.
      const target =
        privateTargetProblem(hook, ['tenants', t, 'webhooks', w]) ??
        cleartextTargetProblem(hook, ['tenants', t, 'webhooks', w]);
      if (target) problems.push(target);
      const secret = resolve(hook.secret, ['tenants', t, 'webhooks', w, 'secret'], env, problems);
      if (secret !== '' && !webhookSigner(secret)) {
        problems.push({
          code: 'config.webhookSecretInvalid',
          path: ['tenants', t, 'webhooks', w, 'secret'],
          expected: {
            en: 'a Standard Webhooks secret: whsec_ followed by base64',
            tr: 'bir Standard Webhooks anahtarı: whsec_ ve ardından base64',
          },
          // Never the secret itself.
          received: `the value of ${hook.secret.env}, which is not base64`,
          params: { name: hook.secret.env },
        });
      }
      webhookSecrets.set(`${tenant.id}/${hook.id}`, secret);
    });
  }
  const iysAccounts = new Map<number, IysCredentials>();
  config.iysAccounts.forEach((account, a) => {
    iysAccounts.set(account.iysCode, {
      iysCode: account.iysCode,
      username: resolve(account.username, ['iysAccounts', a, 'username'], env, problems),
      password: resolve(account.password, ['iysAccounts', a, 'password'], env, problems),
      ...(account.push
        ? {
            push: {
              username: resolve(
                account.push.username,
                ['iysAccounts', a, 'push', 'username'],
                env,
                problems,
              ),
              password: resolve(
                account.push.password,
                ['iysAccounts', a, 'push', 'password'],
                env,
                problems,
              ),
            },
          }
        : {}),
    });
  });
  if (problems.length > 0) return err(problems);
  const calendars = serverCalendars(config.calendar.extraHolidays);
  return ok({ config, sites, tenantsByTokenHash, iysAccounts, webhookSecrets, calendars });
}

/**
 * The checks that need a sound config, run on one that is not, so that one run names every
 * problem: each `{ "env": NAME }` whose variable is missing, and each well-formed inline notice
 * whose hash does not match its text (B8).
 */
async function unsoundConfigProblems(input: unknown, env: Env): Promise<Problem[]> {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: Problem['path']) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (!isObject(value)) return;
    else if (Object.keys(value).length === 1 && typeof value.env === 'string')
      resolve({ env: value.env }, path, env, problems);
    else for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(input, []);
  const tenants = isObject(input) && Array.isArray(input.tenants) ? input.tenants : [];
  for (const [t, tenant] of tenants.entries()) {
    const sites = isObject(tenant) && Array.isArray(tenant.sites) ? tenant.sites : [];
    for (const [s, site] of sites.entries()) {
      const notices = isObject(site) && Array.isArray(site.notices) ? site.notices : [];
      for (const [i, raw] of notices.entries()) {
        const notice = Notice.safeParse(raw);
        if (!notice.success) continue;
        const hashed = await checkNoticeHash(notice.data, ['tenants', t, 'sites', s, 'notices', i]);
        if (!hashed.ok) problems.push(hashed.error);
      }
    }
  }
  return problems;
}

defineProblemMessages({
  'config.envMissing': {
    tr: (p) => `${p.params?.name} ortam değişkeni tanımlanmalıdır; gelen: tanımsız`,
    en: (p) => `the environment variable ${p.params?.name} must be set; received nothing`,
  },
  'config.webhookPrivateTarget': {
    tr: (p) =>
      `${p.params?.host} yerel ya da özel ağda bir adres; herkese açık bir adres kullanılmalı ya da bu hedefe "allowPrivateNetwork": true eklenmelidir`,
    en: (p) =>
      `${p.params?.host} is on a loopback or private network; use a public address, or add "allowPrivateNetwork": true to this target`,
  },
  'config.webhookHttpsRequired': {
    tr: (p) =>
      `https:// ile başlayan bir adres bekleniyordu (düz http:// yalnızca bu makineye — 127.0.0.0/8, ::1, localhost — ya da "allowPrivateNetwork": true olan, kendi ağınızdaki bir hedefe), olaylardaki kişisel veriler şifresiz gönderilmez; gelen ${p.params?.origin}`,
    en: (p) =>
      `expected an https:// URL (plain http:// only to this machine — 127.0.0.0/8, ::1, localhost — or to a target on your own network with "allowPrivateNetwork": true), as the events' personal data is not sent in clear text; received ${p.params?.origin}`,
  },
  'config.webhookSecretInvalid': {
    tr: (p) =>
      `${p.params?.name} bir Standard Webhooks anahtarı olmalıdır (whsec_ ve ardından base64); gelen değer base64 değil`,
    en: (p) =>
      `${p.params?.name} must hold a Standard Webhooks secret (whsec_ then base64); its value is not base64`,
  },
});
