/**
 * İYS's documented limits and durations (live environment, OpenAPI 3.2.0: GİRİŞ, KİMLİK
 * DOĞRULAMA, İZİN YÖNETİMİ). The simulator defaults to them; the client paces itself by them.
 */
export const IYS_LIMITS = {
  /** Requests per second per IP on every endpoint (429 H124). */
  requestsPerSecond: 10,
  /** Token requests per hour per IP (429 H084); asking again inside the hour restarts it. */
  tokensPerHour: 100,
  /** Single status queries per hour per IP (429 H086). */
  statusPerHour: 1000,
  /** History queries per hour per IP (429 H089). */
  historyPerHour: 100,
  /** Items in one batch add (422 H091). */
  batchSize: 1000,
  /** Recipients in one multi-status query. */
  multiStatusSize: 1000,
  /** Largest and default `limit` of the changes (pull) query (422 H507). */
  pullLimit: 1000,
  /** Largest and default `limit` of the history query (422 H186). */
  historyPageSize: 100,
  /** The access token lives 2 hours. */
  accessTokenSeconds: 7200,
  /** The refresh token lives 4 hours. */
  refreshTokenSeconds: 14400,
  /** Poll a batch no sooner than this after submitting it. */
  batchFirstPollSeconds: 300,
  /** A batch's requestId can be queried for this many days. */
  batchRetentionDays: 60,
  /** Pull leaves out the most recent hour. */
  pullLagSeconds: 3600,
  /** Pull covers the last 7 calendar days. */
  pullWindowDays: 7,
  /** A push endpoint must answer within 5 s. */
  pushTimeoutMs: 5000,
  /** Push connections per brand and type. */
  pushConnectionsPerType: 2,
  /** The 24-hour success-ratio rule: at least this many requests … */
  healthMinRequests: 20_000,
  /** … and less than this share successful (400/401/403/404/422 count as failures) → warning. */
  healthMinSuccessRatio: 0.7,
  /** Phone recipients are at most 15 characters (H160). */
  phoneMaxLength: 15,
  /** E-mail recipients are 6–265 characters (H120). */
  emailMinLength: 6,
  emailMaxLength: 265,
} as const;

/** The consentDate HS_2015 requires (H155). */
export const IYS_HS_2015_CONSENT_DATE = '2015-05-01 00:00:00';
