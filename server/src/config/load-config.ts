// Reads and checks the server's config file: structure, COMPLIANCE rules, notice hashes (B8) and
// the environment variables it names. A server with a bad config refuses to start.
import { readFile } from 'node:fs/promises';
import {
  checkSiteConfigHashes,
  defineProblemMessages,
  err,
  excerpt,
  ok,
  validateServerConfig,
} from '@izinli/core';
import type { EnvRef, Problem, Result, ServerConfig, SiteConfig, TenantConfig } from '@izinli/core';
import { serverCalendars } from '../calendar/server-calendar.js';
import type { ServerCalendars } from '../calendar/server-calendar.js';
import { webhookSigner } from '../webhooks/webhook-request.js';
import { cleartextTargetProblem, privateTargetProblem } from '../webhooks/target-address.js';

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
  if (!validated.ok) return validated;
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

/** Reads the config file at `path` (JSON) and checks it; a syntax error is one problem too. */
export async function readServerConfig(
  path: string,
  env: Env,
): Promise<Result<LoadedConfig, Problem[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return err([
      {
        code: 'config.unreadable',
        path: [],
        expected: {
          en: `a readable JSON file at ${path} (set IZINLI_CONFIG)`,
          tr: `${path} konumunda okunabilir bir JSON dosyası (IZINLI_CONFIG ile belirtin)`,
        },
        received: (error as NodeJS.ErrnoException).code ?? String(error),
      },
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return err([
      {
        code: 'config.notJson',
        path: [],
        expected: { en: 'valid JSON', tr: 'geçerli bir JSON' },
        received: excerpt((error as Error).message, 120),
      },
    ]);
  }
  return checkServerConfig(input, env);
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
