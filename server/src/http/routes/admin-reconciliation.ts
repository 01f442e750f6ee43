// İYS reconciliation for the admin API (docs/iys.md#reconciliation-mutabakat): per brand of the
// tenant's sites, each day's state (agreed, mismatch, missed, empty) with its differences, the
// last subscription check of each İYS account, and the day's kept CSV and .tsr as downloads.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { addCivilDays, excerpt, formatCivilDate, turkeyDayOf } from '@izinli/core';
import type { TenantConfig } from '@izinli/core';
import { iysDayRecordId } from '../../reconciliation/chain-iys-day.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type {
  ReconciliationDay,
  ReconciliationStore,
} from '../../store/ports/reconciliation-store.js';
import { ApiError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { ReconciliationOverview } from '../admin-api-types.js';
import type { AdminEnv } from './admin-auth.js';
import { badQuery } from './bad-query.js';

/** Days listed when `from` is not given. */
const DEFAULT_DAYS = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const A_DAY = {
  en: 'a day as YYYY-MM-DD, e.g. 2026-11-01',
  tr: 'YYYY-AA-GG biçiminde bir gün, ör. 2026-11-01',
};

/** The tenant's brands, each with the site keys that use it, in config order. */
function brandsOf(tenant: TenantConfig) {
  const brands = new Map<string, { iysCode: number; brandCode: number; siteKeys: string[] }>();
  for (const site of tenant.sites) {
    const { iysCode, brandCode } = site.brand;
    const entry = brands.get(`${iysCode}:${brandCode}`) ?? { iysCode, brandCode, siteKeys: [] };
    entry.siteKeys.push(site.siteKey);
    brands.set(`${iysCode}:${brandCode}`, entry);
  }
  return [...brands.values()];
}

function dayQuery(c: Context, name: 'from' | 'to'): string | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  if (!DAY.test(value)) throw badQuery(name, A_DAY, value);
  return value;
}

/** The 404 of a day, brand or file this tenant has no kept file for. */
function noFile(c: Context, what: 'file' | 'timestamp'): ApiError {
  const where = `${c.req.param('iysCode')}/${c.req.param('brandCode')}/${c.req.param('date')}`;
  const text = {
    en: `This tenant has no kept ${what === 'file' ? 'daily file' : 'time stamp'} for this brand and day.`,
    tr: `Bu kiracının bu marka ve gün için saklanan bir ${what === 'file' ? 'günlük dosyası' : 'zaman damgası'} yok.`,
  };
  return new ApiError(404, 'reconciliation.unknown', text, {
    path: ['date'],
    expected: {
      en: 'a brand of this tenant and a day it reconciled (agreed or mismatched) with İYS',
      tr: 'bu kiracının bir markası ve İYS ile mutabakatı yapılmış (uyuşan ya da uyuşmayan) bir gün',
    },
    received: excerpt(where, 60),
  });
}

/** Mounted at /v1/admin/reconciliation, behind the admin auth. */
export function adminReconciliationRoutes(
  deps: Pick<DepsWith<ReconciliationStore & CaptureStore>, 'store' | 'now'>,
) {
  const now = deps.now ?? (() => new Date());

  /** Where the chains of `siteKeys` hold an agreed day's `iys-day` record. */
  async function chainedIn(siteKeys: readonly string[], day: ReconciliationDay) {
    if (day.state !== 'agreed') return [];
    const found = [];
    for (const siteKey of siteKeys) {
      const record = await deps.store.getCapture(iysDayRecordId(siteKey, day));
      if (record) found.push({ siteKey, seq: record.seq, recordHash: record.recordHash });
    }
    return found;
  }

  /** A kept file of a day of one of the tenant's brands. */
  async function keptFile(c: Context<AdminEnv>, what: 'file' | 'timestamp') {
    const iysCode = Number(c.req.param('iysCode'));
    const brandCode = Number(c.req.param('brandCode'));
    const date = c.req.param('date') ?? '';
    const mine = brandsOf(c.get('tenant')).some(
      (b) => b.iysCode === iysCode && b.brandCode === brandCode,
    );
    if (!mine || !DAY.test(date)) throw noFile(c, what);
    const [day] = await deps.store.reconciliationDays({
      brands: [{ iysCode, brandCode }],
      from: date,
      to: date,
    });
    const sha256 = what === 'file' ? day?.fileSha256 : day?.timestampSha256;
    const file = sha256 === undefined ? undefined : await deps.store.reconciliationFile(sha256);
    if (!file) throw noFile(c, what);
    const name = `iys-${iysCode}-${brandCode}-${date}.${what === 'file' ? 'csv' : 'tsr'}`;
    return new Response(Buffer.from(file.content), {
      headers: {
        'Content-Type': file.mediaType,
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
        // The SHA-256 it is kept under: a download can be checked against the list.
        'X-Content-SHA256': file.sha256,
      },
    });
  }

  return new Hono<AdminEnv>()
    .get('/', async (c) => {
      const tenant = c.get('tenant');
      const to = dayQuery(c, 'to');
      const from =
        dayQuery(c, 'from') ?? formatCivilDate(addCivilDays(turkeyDayOf(now()), -DEFAULT_DAYS));
      const brands = brandsOf(tenant);
      const days = await deps.store.reconciliationDays({
        brands,
        from,
        ...(to === undefined ? {} : { to }),
      });
      const accounts = [...new Set(brands.map((b) => b.iysCode))];
      const subscriptions = await deps.store.subscriptionChecks(accounts);
      const body: ReconciliationOverview = {
        from,
        ...(to === undefined ? {} : { to }),
        brands: await Promise.all(
          brands.map(async (brand) => ({
            ...brand,
            days: await Promise.all(
              days
                .filter((d) => d.iysCode === brand.iysCode && d.brandCode === brand.brandCode)
                .map(async ({ iysCode: _i, brandCode: _b, ...day }) => {
                  const chained = await chainedIn(brand.siteKeys, { ...brand, ...day });
                  return chained.length > 0 ? { ...day, chained } : day;
                }),
            ),
          })),
        ),
        subscriptions,
      };
      return c.json(body);
    })
    .get('/:iysCode/:brandCode/:date/file', (c) => keptFile(c, 'file'))
    .get('/:iysCode/:brandCode/:date/timestamp', (c) => keptFile(c, 'timestamp'));
}
