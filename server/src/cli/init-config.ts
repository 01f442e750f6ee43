// The config `izinli init` writes: one tenant with one site, its notices named by file (hashed
// and versioned by izinli), its İYS account's secrets named by environment variable.
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfigInput } from '@izinli/core';
import { CONFIG_SCHEMA_FILE } from '../config/config-schema-file.js';
import { NOTICE_TEMPLATES, TEMPLATE_PURPOSE } from './init-templates.js';

/** What the config is made from, each value checked. */
export interface Settings {
  siteKey: string;
  origins: string[];
  iysCode: number;
  brandCode: number;
  /** Absent: read from IYS_USERNAME. */
  iysUsername?: string;
  iysPasswordEnv: string;
  publicUrl: string;
}

/**
 * The `$schema` of a new config, relative to it: the schema of the @izinli/server installed in the
 * project when there is one (it follows upgrades), else the one of the package running init.
 */
export function schemaReference(dir: string): string {
  const installed = join(dir, 'node_modules', '@izinli', 'server', CONFIG_SCHEMA_FILE);
  const file = existsSync(installed)
    ? installed
    : fileURLToPath(new URL(`../../${CONFIG_SCHEMA_FILE}`, import.meta.url));
  const path = relative(dir, file).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The config for `settings`, its admin token given by hash. */
export function configOf(settings: Settings, dir: string, tokenSha256: string): ServerConfigInput {
  const host = new URL(settings.origins[0]!).host;
  // A slug of the first origin's host, e.g. www-ornek-com-tr (the tenant id is never shown).
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64);
  const tenantId = slug.replace(/^-+|-+$/g, '') || 'site';
  return {
    $schema: schemaReference(dir),
    tenants: [
      {
        id: tenantId,
        name: host,
        adminTokens: [{ label: 'yonetici', sha256: tokenSha256 }],
        webhooks: [],
        sites: [
          {
            siteKey: settings.siteKey,
            name: host,
            allowedOrigins: settings.origins,
            brand: { iysCode: settings.iysCode, brandCode: settings.brandCode },
            channels: [{ type: 'MESAJ' }, { type: 'ARAMA' }, { type: 'EPOSTA' }],
            recipientTypes: ['BIREYSEL'],
            purposes: [TEMPLATE_PURPOSE],
            // The config file's form: each text in its file, hashed and versioned by izinli.
            notices: NOTICE_TEMPLATES.map(({ id, kind, title, file }) => ({
              id,
              locale: 'tr',
              kind,
              title,
              textFile: file,
            })) as unknown as ServerConfigInput['tenants'][number]['sites'][number]['notices'],
            aydinlatmaNoticeId: 'kvkk-aydinlatma',
            etkNoticeId: 'etk-onay',
            // The templates are Turkish; add English texts before offering "en" (B2).
            locales: ['tr'],
            ipPolicy: 'truncated',
            retention: { yearsAfterEnd: 3 },
          },
        ],
      },
    ],
    iysAccounts: [
      {
        iysCode: settings.iysCode,
        username: settings.iysUsername ?? { env: 'IYS_USERNAME' },
        password: { env: settings.iysPasswordEnv },
      },
    ],
  };
}
