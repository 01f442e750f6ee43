import { formatIysDate, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import type { ResolvedAccount } from './options.js';
import type { SimAccountState } from './subscription.js';
import type { SimState } from './state.js';

/**
 * The current state of every account, settable at run time through `/__sim/accounts`; `reset()`
 * puts back what the options said.
 */
export class AccountStates {
  readonly #states = new Map<number, SimAccountState>();

  constructor(private readonly accounts: readonly ResolvedAccount[]) {
    this.reset();
  }

  get(iysCode: number): SimAccountState {
    return this.#states.get(iysCode) ?? 'active';
  }

  set(iysCode: number, state: SimAccountState): void {
    this.#states.set(iysCode, state);
  }

  reset(): void {
    this.#states.clear();
    for (const a of this.accounts) this.#states.set(a.iysCode, a.state);
  }
}

/**
 * The refusal every İYS call but the subscription query gets in a state other than `active`
 * (`quota-reached` refuses only new addresses, at the add); null when the call may go on.
 */
export function accountRefusal(
  state: SimAccountState,
  iysCode: number,
  subscriptionQuery: boolean,
): IysErrorEntry | null {
  switch (state) {
    case 'closed':
      // "api kullanılamamaktadır": unlike PAUSED/EXPIRED, no carve-out for the query.
      return iysError('H521');
    case 'paused':
    case 'expired':
      return subscriptionQuery
        ? null
        : iysError('H520', {
            message: `Abonelik durumu ${state.toUpperCase()} iken sadece HS abonelik sorgulama servisine istek atılabilir.`,
          });
    case 'no-subscription':
      // The query itself answers 404 H437, as its own example shows.
      if (subscriptionQuery) return null;
      return iysError('H524', { message: `${iysCode} için ait abonelik kaydı bulunamadı` });
    case 'no-api-package':
      return iysError('H586');
    default:
      return null;
  }
}

/** Distinct recipient addresses an iysCode has consents for (the package's `usedConsentLimit`). */
export function usedAddresses(state: SimState, iysCode: number): number {
  const seen = new Set<string>();
  for (const record of state.consents.values()) {
    if (record.iysCode === iysCode) seen.add(record.recipient);
  }
  return seen.size;
}

/**
 * H525 for a consent to a new address when the package is full: the state says so, or the
 * addresses used reach `consentLimit` and the package may not exceed it. Updates of an address
 * already held never count against the limit.
 */
export function quotaRefusal(
  state: SimState,
  account: ResolvedAccount,
  accountState: SimAccountState,
  consent: { iysCode: number; recipient: string },
): IysErrorEntry | null {
  const { consentLimit, consentLimitExceed } = account.subscription;
  // Cheap guard first (addresses never outnumber records), so a roomy package costs nothing.
  const full =
    accountState === 'quota-reached' ||
    (!consentLimitExceed &&
      state.consents.size >= consentLimit &&
      usedAddresses(state, account.iysCode) >= consentLimit);
  if (!full) return null;
  const isNew = ![...state.consents.values()].some(
    (r) => r.iysCode === consent.iysCode && r.recipient === consent.recipient,
  );
  return isNew ? iysError('H525') : null;
}

/** The subscription query's answer for an account (HS subscription, no ViA). */
export function subscriptionAnswer(
  simState: SimState,
  account: ResolvedAccount,
  accountState: SimAccountState,
  nowMs: number,
) {
  const s = account.subscription;
  const used = usedAddresses(simState, account.iysCode);
  const status =
    accountState === 'paused' || accountState === 'expired' || accountState === 'closed'
      ? accountState.toUpperCase()
      : 'ACTIVE';
  return {
    subscriptionId: s.subscriptionId,
    startDate: s.startDate,
    expirationDate:
      accountState === 'expired' ? formatIysDate(new Date(nowMs - 86_400_000)) : s.expirationDate,
    subscriptionPackageName: s.subscriptionPackageName,
    status,
    consentLimit: s.consentLimit,
    consentLimitExceed: s.consentLimitExceed,
    usedConsentLimit: accountState === 'quota-reached' ? Math.max(used, s.consentLimit) : used,
  };
}
