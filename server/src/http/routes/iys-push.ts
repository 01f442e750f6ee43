// İYS push (docs/architecture.md#sync): İYS POSTs `{ list: [...] }` of citizens' `IYS_*` movements with
// Basic auth to `POST /v1/iys/push/{iysCode}`; they update the mirror and write `consent.changed`
// events like pulled ones. Answered at once: İYS gives an endpoint 5 s.
import { createHash, timingSafeEqual } from 'node:crypto';
import { IysPushBody, described } from '@izinli/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { IysCredentials } from '../../config/load-config.js';
import {
  configuredBrands,
  consentChangedEvents,
  iysChangeRecords,
  mirrorEntriesOf,
  sitesOfBrand,
} from '../../sync/iys-change-entry.js';
import { ApiError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { MirrorStore } from '../../store/ports/mirror-store.js';
import type { ReconciliationStore } from '../../store/ports/reconciliation-store.js';
import { readJsonBody } from '../json-body.js';
import { limitBody } from '../body-limit.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `header` is Basic auth with the push credentials; both parts compared in constant time. */
export function pushAuthorized(header: string | undefined, push: IysCredentials['push']): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const [user, pass] = colon < 0 ? ['', ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  // Always compare, so a missing account or header takes as long as a wrong password.
  const expected = push ?? { username: '\u0000', password: '\u0000' };
  const userOk = timingSafeEqual(digest(user), digest(expected.username));
  const passOk = timingSafeEqual(digest(pass), digest(expected.password));
  return push !== undefined && colon >= 0 && userOk && passOk;
}

function unauthorized(): ApiError {
  return new ApiError(
    401,
    'push.unauthorized',
    {
      en: 'İYS push credentials are required.',
      tr: 'İYS bildirim (push) kimlik bilgileri gereklidir.',
    },
    [
      {
        code: 'push.unauthorized',
        path: [],
        expected: {
          en: 'Authorization: Basic with the push credentials configured for this iysCode',
          tr: 'Authorization: Basic ile bu iysCode için tanımlı bildirim kimlik bilgileri',
        },
        ...described({
          en: 'missing or other credentials',
          tr: 'eksik ya da başka kimlik bilgileri',
        }),
      },
    ],
    { 'WWW-Authenticate': 'Basic realm="izinli-iys-push"' },
  );
}

/** The push routes, mounted at `/v1/iys/push`. */
export function iysPushRoutes(deps: DepsWith<MirrorStore & ReconciliationStore>) {
  const now = deps.now ?? (() => new Date());
  const brands = configuredBrands(deps.config);
  const authorize = (c: Context) => {
    const iysCode = Number(c.req.param('iysCode'));
    const account = Number.isInteger(iysCode) ? deps.config.iysAccounts.get(iysCode) : undefined;
    if (!pushAuthorized(c.req.header('authorization'), account?.push)) throw unauthorized();
    return iysCode;
  };
  return new Hono().post(
    '/:iysCode',
    limitBody(1024 * 1024, { en: '1 MiB', tr: '1 MiB' }),
    async (c) => {
      const iysCode = authorize(c);
      const body = await readJsonBody(c, IysPushBody);
      const totals = { received: body.list.length, applied: 0, changed: 0, stale: 0, ignored: 0 };
      // Movements of brands we do not serve (İYS's registration test movement among them) are
      // acknowledged and ignored, so İYS does not retry them forever.
      for (const brand of brands.filter((b) => b.iysCode === iysCode)) {
        const mine = body.list.filter(
          (m) => m.iysCode === iysCode && m.brandCode === brand.brandCode,
        );
        if (mine.length === 0) continue;
        // Kept by transactionId for the day's reconciliation (docs/iys.md#reconciliation-mutabakat).
        await deps.store.recordIysChanges(iysChangeRecords(brand, mine, 'push', now()));
        const { entries, invalid } = mirrorEntriesOf(brand, mine, now());
        totals.ignored += invalid;
        const result = await deps.store.applyIysChanges({
          ...brand,
          entries,
          events: consentChangedEvents(sitesOfBrand(deps.config, brand), now),
        });
        totals.applied += result.applied;
        totals.changed += result.changed;
        totals.stale += result.stale;
      }
      const served = body.list.filter((m) =>
        brands.some(
          (b) => b.iysCode === iysCode && m.iysCode === iysCode && m.brandCode === b.brandCode,
        ),
      ).length;
      totals.ignored += totals.received - served;
      return c.json(totals);
    },
  );
}
