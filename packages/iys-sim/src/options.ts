import { IYS_CALENDAR, IYS_LIMITS, createCalendar } from '@izinli/core';
import type { BusinessCalendar } from '@izinli/core';
import type { SimClockOptions } from './clock.js';
import type { FaultSettings } from './fault-settings.js';
import { defaultSubscription } from './subscription.js';
import type { SimAccountState, SimSubscription } from './subscription.js';
import type { WhitelistPolicy } from './whitelist-policy.js';

/** A brand of a simulated service provider. The master brand's code equals the iysCode. */
export interface SimBrand {
  brandCode: number;
  name: string;
  /** Retailer (bayi) codes this brand has; any other `retailerCode`/`retailerAccess` is refused (H180). */
  retailers?: number[];
}

/** An İYS API account: credentials, the service provider's iysCode and its brands. */
export interface SimAccount {
  username: string;
  password: string;
  iysCode: number;
  /** Defaults to one master brand whose code is the iysCode. */
  brands?: SimBrand[];
  /** Its standing with İYS (default `active`); `/__sim/accounts/{iysCode}` changes it at run time. */
  state?: SimAccountState;
  /** What the subscription query answers; the quota (H525) follows `consentLimit`. */
  subscription?: Partial<SimSubscription>;
}

/** An account with every default filled in. */
export type ResolvedAccount = Required<Omit<SimAccount, 'subscription'>> & {
  subscription: SimSubscription;
};

/** The demo account every simulator has unless `accounts` is given. */
export const DEMO_ACCOUNT: Readonly<Required<Omit<SimAccount, 'state' | 'subscription'>>> =
  Object.freeze({
    username: 'demo',
    password: 'demo',
    iysCode: 100000,
    brands: [
      { brandCode: 100000, name: 'İzinli Demo' },
      { brandCode: 100001, name: 'İzinli Demo Alt Marka' },
    ],
  });

/** İYS's limits the simulator enforces; defaults are İYS's live values (`IYS_LIMITS`). */
export type SimLimits = { -readonly [K in keyof typeof IYS_LIMITS]: number };

/**
 * The points İYS's document leaves open (docs/iys.md#where-the-document-is-silent), decided as
 * options. Each default is the simulator's best reading of İYS's document; the README explains
 * why.
 */
export interface SimPolicy {
  /** Whether a RET older than 3 business days is refused with H467 like an ONAY (default true). */
  h467AppliesToRet: boolean;
  /** Whether half-day eves count as business days for H467 (default true, as core's IYS_CALENDAR). */
  halfDayIsBusinessDay: boolean;
  /** Whether a consentDate equal to the stored one counts as older (H178) (default true). */
  equalConsentDateIsOlder: boolean;
  /**
   * Whether ONAY over a current ONAY is accepted as a renewal (default true: İYS's 1.1.0 release
   * note says so) instead of H174. RET over RET is always H174.
   */
  onayRenewal: boolean;
  /** The e-mail pattern İYS's H120 enforces (after ASCII, space and length checks). */
  emailPattern: RegExp;
  /** Status of a token request with wrong credentials: 400 (the document's example) or 401. */
  badCredentialsStatus: 400 | 401;
  /** Code for a batch over the size limit: H091 (the endpoint's example) or H125. */
  batchTooLargeCode: 'H091' | 'H125';
  /** Whether push endpoints may be plain http (İYS requires https: H531). Default: loopback only. */
  pushAllowHttp: boolean | 'loopback';
  /**
   * Whether registration first sends the test movement without credentials and refuses (H530)
   * an endpoint that does not answer 401 (İYS: an endpoint must check Basic auth). Default true.
   */
  pushRequireBasicAuth: boolean;
}

/** Options of `createIysSim`; everything has a default. */
export interface IysSimOptions {
  accounts?: SimAccount[];
  clock?: SimClockOptions;
  limits?: Partial<SimLimits>;
  policy?: Partial<SimPolicy>;
  /** İYS's allowed-IP policy (default: every IP allowed, the 70 % rule reported only). */
  whitelist?: Partial<WhitelistPolicy>;
  /** Faults active from the start (see `/__sim/faults`). */
  faults?: Partial<FaultSettings>;
  /** Random source in [0, 1) for faults and ids; inject a seeded one for deterministic runs. */
  random?: () => number;
  /** The `fetch` used for push delivery and push registration checks. */
  fetch?: typeof fetch;
  /** Waits `ms` real milliseconds (fault latency); inject in tests. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Client IP for requests that come without a socket (in-process `fetch`/`app.request`). The
   * `x-sim-client-ip` header overrides it per request; over HTTP the socket's address always wins.
   */
  clientIp?: string;
}

/** The default e-mail pattern (docs/iys.md#recipients): ASCII local part with `.`, `_`, `-`, `+`; dotted domain; 2+ letter TLD. */
export const DEFAULT_EMAIL_PATTERN =
  /^[A-Za-z0-9._+-]+@(?=[A-Za-z0-9.-]{2,}\.[A-Za-z]{2,}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** The defaults of every policy option. */
export const DEFAULT_POLICY: Readonly<SimPolicy> = Object.freeze({
  h467AppliesToRet: true,
  halfDayIsBusinessDay: IYS_CALENDAR.halfDayIsBusinessDay,
  equalConsentDateIsOlder: true,
  onayRenewal: true,
  emailPattern: DEFAULT_EMAIL_PATTERN,
  badCredentialsStatus: 400,
  batchTooLargeCode: 'H091',
  pushAllowHttp: 'loopback',
  pushRequireBasicAuth: true,
});

/** Options with every default filled in. */
export interface ResolvedOptions {
  accounts: ResolvedAccount[];
  limits: SimLimits;
  policy: SimPolicy;
  calendar: BusinessCalendar;
  random: () => number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  clientIp: string;
}

/** Fills in defaults and checks the accounts (a bad account is a programming error: it throws). */
export function resolveOptions(options: IysSimOptions): ResolvedOptions {
  const accounts = (options.accounts ?? [DEMO_ACCOUNT]).map((a: SimAccount): ResolvedAccount => ({
    ...a,
    brands: a.brands?.length ? a.brands : [{ brandCode: a.iysCode, name: `Marka ${a.iysCode}` }],
    state: a.state ?? 'active',
    subscription: { ...defaultSubscription(a.iysCode), ...a.subscription },
  }));
  const usernames = new Set<string>();
  for (const account of accounts) {
    if (!Number.isSafeInteger(account.iysCode) || account.iysCode <= 0) {
      throw new RangeError(`Account ${account.username}: iysCode must be a positive integer`);
    }
    if (usernames.has(account.username)) {
      throw new RangeError(`Account ${account.username} is listed twice`);
    }
    usernames.add(account.username);
  }
  const policy: SimPolicy = { ...DEFAULT_POLICY, ...options.policy };
  return {
    accounts,
    limits: { ...IYS_LIMITS, ...options.limits },
    policy,
    calendar: createCalendar({
      name: 'iys-sim',
      saturdayIsBusinessDay: false,
      halfDayIsBusinessDay: policy.halfDayIsBusinessDay,
    }),
    random: options.random ?? Math.random,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    clientIp: options.clientIp ?? '127.0.0.1',
  };
}
