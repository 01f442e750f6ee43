// The İYS sync state the admin console shows: per brand of the tenant's sites, the stored pull
// cursor and how old the last change it names is, and when this instance last ran the sync pass.
import { Hono } from 'hono';
import type { TenantConfig } from '@izinli/core';
import type { DepsWith } from '../app-deps.js';
import type { MirrorStore } from '../../store/ports/mirror-store.js';
import type { AccountStore } from '../../store/ports/account-store.js';
import { whatToDo } from '../../iys-account/account-causes.js';
import type { AdminEnv } from './admin-auth.js';

/** The instant an İYS pull cursor (`"<unix seconds>_<transactionId>"`) names, if it names one. */
export function cursorInstant(cursor: string): Date | undefined {
  const match = /^(\d{9,11})_/.exec(cursor);
  return match ? new Date(Number(match[1]) * 1000) : undefined;
}

/** The tenant's brands, each with the site keys that use it, in config order. */
function brandsOf(tenant: TenantConfig) {
  const brands = new Map<string, { iysCode: number; brandCode: number; siteKeys: string[] }>();
  for (const site of tenant.sites) {
    const { iysCode, brandCode } = site.brand;
    const key = `${iysCode}:${brandCode}`;
    const entry = brands.get(key) ?? { iysCode, brandCode, siteKeys: [] };
    entry.siteKeys.push(site.siteKey);
    brands.set(key, entry);
  }
  return [...brands.values()];
}

/** Mounted at /v1/admin/sync, behind the admin auth. */
export function adminSyncRoutes(
  deps: Pick<DepsWith<MirrorStore & AccountStore>, 'store' | 'now' | 'lastSync'>,
) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AdminEnv>().get('/', async (c) => {
    const at = now();
    const last = deps.lastSync?.();
    const brands = await Promise.all(
      brandsOf(c.get('tenant')).map(async (brand) => {
        const cursor = await deps.store.syncCursor(brand.iysCode, brand.brandCode);
        const cursorAt = cursor === undefined ? undefined : cursorInstant(cursor);
        const report = last?.brands.find(
          (b) => b.iysCode === brand.iysCode && b.brandCode === brand.brandCode,
        );
        return {
          ...brand,
          ...(cursor !== undefined ? { cursor } : {}),
          ...(cursorAt
            ? {
                cursorAt: cursorAt.toISOString(),
                cursorAgeSeconds: Math.max(
                  0,
                  Math.round((at.getTime() - cursorAt.getTime()) / 1000),
                ),
              }
            : {}),
          ...(report
            ? {
                lastPull: {
                  received: report.received,
                  changed: report.changed,
                  ...(report.error ? { error: report.error } : {}),
                },
              }
            : {}),
        };
      }),
    );
    const codes = new Set(brands.map((b) => b.iysCode));
    const rows = await deps.store.iysAccounts();
    const accounts = [...codes].map((iysCode) => {
      const row = rows.find((r) => r.iysCode === iysCode);
      if (!row) return { iysCode, state: 'active' as const, probes: 0 };
      const { updatedAt: _updatedAt, ...shown } = row;
      return {
        ...shown,
        ...(row.state === 'paused' && row.cause ? { whatToDo: whatToDo(row.cause.code) } : {}),
      };
    });
    return c.json({
      syncing: deps.lastSync !== undefined,
      ...(last ? { lastSyncAt: last.at } : {}),
      brands,
      accounts,
    });
  });
}
