// The subscription watch (docs/iys.md#subscription-watch): once a Turkey day per İYS account,
// İYS's subscription query; an account whose subscription ends within 30 days, or is not ACTIVE,
// is warned of in the log, by an `iys.subscription_warning` event to the account's sites, and in
// the stored check the admin API and the `izinli_iys_subscription_days_left` gauge read.
import { formatCivilDate, parseIysDate, turkeyDayOf } from '@izinli/core';
import type { IysClient } from '@izinli/iys';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/load-config.js';
import type {
  ReconciliationStore,
  SubscriptionCheck,
} from '../store/ports/reconciliation-store.js';
import type { WebhookEvent } from '../store/types.js';

const DAY_MS = 86_400_000;

/** Warn when the subscription ends within this many days. */
export const SUBSCRIPTION_WARN_DAYS = 30;

/** What the watch of one account needs. */
export interface SubscriptionWatchDeps {
  config: LoadedConfig;
  store: Pick<ReconciliationStore, 'subscriptionChecks' | 'saveSubscriptionCheck'>;
  logger: Logger;
  newId: () => string;
  warnDays?: number;
}

/** The site keys of an İYS account (every site whose brand belongs to it). */
export function sitesOfAccount(config: LoadedConfig, iysCode: number): string[] {
  return [...config.sites.values()]
    .filter(({ site }) => site.brand.iysCode === iysCode)
    .map(({ site }) => site.siteKey);
}

const turkeyDay = (instant: Date) => formatCivilDate(turkeyDayOf(instant));

/** Whole days from `at` until İYS's `expirationDate` (Turkey time); undefined if unreadable. */
export function daysLeft(expirationDate: string, at: Date): number | undefined {
  const end = parseIysDate(expirationDate);
  return end.ok ? Math.floor((end.value.getTime() - at.getTime()) / DAY_MS) : undefined;
}

/**
 * Checks one account's subscription unless it was checked earlier this Turkey day; the check
 * stored, or undefined when skipped or when İYS could not answer now (network, busy: retried on
 * the next run). An account-level refusal (closed, no subscription) is stored as `unavailable`.
 */
export async function watchSubscription(
  deps: SubscriptionWatchDeps,
  iysCode: number,
  client: Pick<IysClient, 'getSubscription'>,
  at: Date,
): Promise<SubscriptionCheck | undefined> {
  const [last] = await deps.store.subscriptionChecks([iysCode]);
  if (last && turkeyDay(new Date(last.checkedAt)) === turkeyDay(at)) return undefined;
  const answer = await client.getSubscription();
  let check: SubscriptionCheck;
  if (!answer.ok) {
    const { kind, status, code } = answer.error;
    if (kind !== 'account') {
      deps.logger.warn({ iysCode, kind, status, code }, 'İYS subscription query failed; retrying');
      return undefined;
    }
    const error = { kind, status, ...(code === undefined ? {} : { code }) };
    check = { iysCode, checkedAt: at.toISOString(), warning: 'unavailable', error };
  } else {
    const sub = answer.value;
    const left = daysLeft(sub.expirationDate, at);
    const warnDays = deps.warnDays ?? SUBSCRIPTION_WARN_DAYS;
    const warning =
      sub.status !== 'ACTIVE'
        ? 'inactive'
        : left === undefined || left <= warnDays
          ? 'ending'
          : undefined;
    check = {
      iysCode,
      checkedAt: at.toISOString(),
      status: sub.status,
      expirationDate: sub.expirationDate,
      ...(left === undefined ? {} : { daysLeft: left }),
      packageName: sub.subscriptionPackageName,
      ...(warning ? { warning } : {}),
    };
  }
  const events: WebhookEvent[] = [];
  if (check.warning) {
    const { checkedAt: _checkedAt, ...payload } = check;
    for (const siteKey of sitesOfAccount(deps.config, iysCode)) {
      events.push({
        id: deps.newId(),
        siteKey,
        type: 'iys.subscription_warning',
        payload,
        createdAt: at.toISOString(),
      });
    }
    deps.logger.warn(
      { subscription: payload },
      check.warning === 'ending'
        ? `İYS subscription of ${iysCode} ends within ${deps.warnDays ?? SUBSCRIPTION_WARN_DAYS} days: renew it`
        : `İYS subscription of ${iysCode} is not active: nothing can be sent until it is`,
    );
  }
  await deps.store.saveSubscriptionCheck(check, events);
  return check;
}
