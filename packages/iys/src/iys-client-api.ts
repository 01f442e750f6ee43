import type {
  Channel,
  IysAddConsentResponse,
  IysApiVersion,
  IysBatchResponse,
  IysBatchStatusItem,
  IysBrand,
  IysChange,
  IysChangesSource,
  IysHistoryResponse,
  IysMultiStatusResponse,
  IysPushConnection,
  IysPushRegistration,
  IysStatusRequest,
  IysStatusResponse,
  RecipientType,
  Result,
} from '@izinli/core';
import type { IysConsentInput } from './consent-request.js';
import type { IysError } from './iys-error.js';
import type {
  IysAgreement,
  IysAgreementCaptured,
  IysReconciliationSummary,
  IysSubscription,
} from './reconciliation-wire.js';
import type { RateLimiter } from './rate-limiter.js';
import type { TokenStore } from './token-store.js';
import type { FetchLike } from './transport.js';

/** A call about one brand's Turkey day (`reportDate` `YYYY-MM-DD`); `null` when İYS has nothing. */
type DayCall<T> = (brandCode: number, reportDate: string) => Promise<Result<T | null, IysError>>;

/** Options of `createIysClient`: one client per İYS account (iysCode + credentials). */
export interface IysClientOptions {
  /** İYS's base URL (`IYS_BASE_URLS` in core) or the simulator's. */
  baseUrl: string;
  username: string;
  password: string;
  /** The service provider's İYS number. */
  iysCode: number;
  /** Injected transport; defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Clock for token lifetimes and `Retry-After` dates (epoch ms). */
  now?: () => number;
  /** Defaults to an in-memory 10 requests/s bucket; share one per account across instances. */
  rateLimiter?: RateLimiter;
  /** Defaults to memory; share one per account across instances. */
  tokenStore?: TokenStore;
  /** Per request, reading the body included (default 30 s). */
  requestTimeoutMs?: number;
}

/** The query of `pullChanges`. */
export interface PullChangesQuery {
  /** `IYS`: citizens' movements on İYS; `HS`: ours, as İYS recorded them. */
  source: IysChangesSource;
  /** The opaque cursor of the previous answer; absent for the first pull. */
  after?: string;
  /** 1–1000 (İYS's default 1000). */
  limit?: number;
}

/** One page of pulled changes; `after` is the cursor to store for the next pull. */
export interface PulledChanges {
  after: string | undefined;
  list: IysChange[];
}

/** The paging of `getHistory`. */
export interface HistoryPage {
  /** 1–100 (İYS's default 100). */
  limit?: number;
  offset?: number;
}

/** Typed calls to İYS. Every failure a caller must handle comes back as `{ ok: false, error }`. */
export interface IysClient {
  /** Adds one consent with v2, which returns the same transactionId for an identical replay. */
  addConsent(
    brandCode: number,
    consent: IysConsentInput,
  ): Promise<Result<IysAddConsentResponse, IysError>>;
  /** Adds one consent with v1 (a replay is a new movement or an error). */
  addConsentV1(
    brandCode: number,
    consent: IysConsentInput,
  ): Promise<Result<IysAddConsentResponse, IysError>>;
  /** Submits 1–1000 consents, each key once; checked before sending. Poll with `getBatchStatus`. */
  addConsents(
    brandCode: number,
    consents: readonly IysConsentInput[],
    options?: { version?: IysApiVersion },
  ): Promise<Result<IysBatchResponse, IysError>>;
  /** A batch's per-item outcome, or `null` while İYS has not processed it (an empty answer). */
  getBatchStatus(
    brandCode: number,
    requestId: string,
    options?: { version?: IysApiVersion },
  ): Promise<Result<IysBatchStatusItem[] | null, IysError>>;
  /** The current record of one key, or `null` when İYS has none. */
  getConsentStatus(
    brandCode: number,
    query: IysStatusRequest,
  ): Promise<Result<IysStatusResponse | null, IysError>>;
  /** Which of up to 1000 recipients have ONAY for one recipientType and type. */
  getConsentStatuses(
    brandCode: number,
    recipientType: RecipientType,
    type: Channel,
    recipients: readonly string[],
  ): Promise<Result<IysMultiStatusResponse, IysError>>;
  /** One key's movements, newest consentDate first. */
  getHistory(
    brandCode: number,
    query: IysStatusRequest,
    page?: HistoryPage,
  ): Promise<Result<IysHistoryResponse, IysError>>;
  /** The next page of movements after a cursor; an empty list with the same cursor when none. */
  pullChanges(brandCode: number, query: PullChangesQuery): Promise<Result<PulledChanges, IysError>>;
  /** The account's brands; the master brand's code is the iysCode. */
  listBrands(): Promise<Result<IysBrand[], IysError>>;
  /** Asks İYS to push `IYS_*` movements of a type to an https endpoint with Basic auth. */
  registerPush(
    brandCode: number,
    connections: readonly IysPushConnection[],
  ): Promise<Result<{ message?: string }, IysError>>;
  /** The push connections of a brand. */
  listPushRegistrations(brandCode: number): Promise<Result<IysPushRegistration[], IysError>>;
  /** Removes one push connection. */
  unregisterPush(
    brandCode: number,
    connection: IysPushConnection,
  ): Promise<Result<{ message?: string }, IysError>>;

  /** The account's HS subscription: status, package, address quota and how much of it is used. */
  getSubscription(): Promise<Result<IysSubscription, IysError>>;
  /**
   * A completed Turkey day's movement counts per channel and source (`reportDate` `YYYY-MM-DD`,
   * at most 7 days back).
   */
  getReconciliationSummary(
    brandCode: number,
    reportDate: string,
    recipientType: RecipientType,
  ): Promise<Result<IysReconciliationSummary, IysError>>;
  /** The day's movement file (CSV text, as İYS hashes it), or `null` when İYS has none (204). */
  getDailyMovementFile: DayCall<string>;
  /** İYS's SHA-384 of the day's file and whether the day is agreed; `null` when there is none. */
  getAgreement: DayCall<IysAgreement>;
  /** Records the day as agreed (send only once the hashes match); `null` when there is nothing to agree. */
  recordAgreement: DayCall<IysAgreementCaptured>;
  /** The RFC 3161 time-stamp response (.tsr bytes) over the day's file; `null` when there is none. */
  getAgreementTimestamp: DayCall<Uint8Array>;
}
