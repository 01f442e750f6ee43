// Admin bearer tokens: one tenant per token, stored as SHA-256 and compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { described } from '@izinli/core';
import type { TenantConfig } from '@izinli/core';
import type { MiddlewareHandler } from 'hono';
import type { LoadedConfig } from '../../config/load-config.js';
import { ApiError } from '../api-error.js';
import { requestHeader } from '../request-header.js';

/** What the admin routes know about the caller. */
export type AdminEnv = {
  Variables: {
    tenant: TenantConfig;
    /** The label of the token used: who acted, e.g. on a consent recorded by hand (A19). */
    tokenLabel: string;
  };
};

// The configured hashes as bytes, decoded once per token map rather than on every request.
const decoded = new WeakMap<LoadedConfig['tenantsByTokenHash'], [Buffer, TenantConfig][]>();
function knownHashes(config: LoadedConfig): [Buffer, TenantConfig][] {
  let known = decoded.get(config.tenantsByTokenHash);
  if (!known) {
    known = [...config.tenantsByTokenHash].map(([hex, tenant]) => [
      Buffer.from(hex, 'hex'),
      tenant,
    ]);
    decoded.set(config.tenantsByTokenHash, known);
  }
  return known;
}

/** Finds the tenant whose token hashes to `hash`, looking at every token whatever matches. */
function tenantFor(
  config: LoadedConfig,
  token: string,
): { tenant: TenantConfig; label: string } | undefined {
  const hash = createHash('sha256').update(token).digest();
  let found: TenantConfig | undefined;
  for (const [known, tenant] of knownHashes(config)) {
    if (timingSafeEqual(hash, known)) found = tenant;
  }
  if (!found) return undefined;
  const hex = hash.toString('hex');
  const label = found.adminTokens.find((t) => t.sha256 === hex)?.label ?? found.id;
  return { tenant: found, label };
}

/** Requires `Authorization: Bearer <token>` of a configured tenant. */
export function adminAuth(config: LoadedConfig): MiddlewareHandler<AdminEnv> {
  return async function adminAuth(c, next) {
    const header = requestHeader(c, 'authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match ? tenantFor(config, match[1]!) : undefined;
    if (!found) {
      throw new ApiError(
        401,
        'admin.unauthorized',
        {
          en: 'An admin bearer token is required.',
          tr: 'Bir yönetici belirteci (Bearer) gereklidir.',
        },
        [
          {
            code: 'admin.unauthorized',
            path: [],
            expected: {
              en: 'Authorization: Bearer <a tenant’s admin token>',
              tr: 'Authorization: Bearer <bir kiracının yönetici belirteci>',
            },
            ...described(
              match
                ? { en: 'an unknown token', tr: 'tanınmayan bir belirteç' }
                : header
                  ? { en: 'another scheme', tr: 'başka bir kimlik doğrulama şeması' }
                  : { en: 'no Authorization header', tr: 'Authorization başlığı yok' },
            ),
          },
        ],
        { 'WWW-Authenticate': 'Bearer realm="izinli-admin"' },
      );
    }
    c.set('tenant', found.tenant);
    c.set('tokenLabel', found.label);
    await next();
  };
}
