/**
 * An account's standing with İYS (ABONELİK YÖNETİMİ): `active`; a subscription `paused`,
 * `expired` or `closed`; `no-subscription` at all; a subscription without the API package
 * (`no-api-package`); or `quota-reached`, every recipient address of the package used.
 */
export type SimAccountState =
  | 'active'
  | 'paused'
  | 'expired'
  | 'closed'
  | 'no-subscription'
  | 'no-api-package'
  | 'quota-reached';

export const ACCOUNT_STATES: readonly SimAccountState[] = [
  'active',
  'paused',
  'expired',
  'closed',
  'no-subscription',
  'no-api-package',
  'quota-reached',
];

/** The subscription the query answers with; everything has a default. */
export interface SimSubscription {
  subscriptionId: string;
  /** İYS format, Turkey time. */
  startDate: string;
  expirationDate: string;
  subscriptionPackageName: string;
  /** Recipient addresses the package allows. */
  consentLimit: number;
  /** Whether the limit may be exceeded (then H525 never comes). */
  consentLimitExceed: boolean;
}

/** The subscription of an account with nothing configured. */
export function defaultSubscription(iysCode: number): SimSubscription {
  return {
    subscriptionId: `${iysCode}01`,
    startDate: '2025-01-01 00:00:00',
    expirationDate: '2030-12-31 23:59:59',
    subscriptionPackageName: 'İleti-5 (Seviye 1)',
    consentLimit: 1_000_000,
    consentLimitExceed: false,
  };
}
