// Long because: OPERATIONS lists every operation of the API, one entry each, in one place.
// /openapi.json, generated from the zod schemas the server validates with (never written by hand):
// each operation names its schemas; z.toJSONSchema turns them into components.
import { z } from 'zod';
import {
  Capture,
  CaptureRecord,
  ConfirmationRecord,
  IysPushBody,
  Movement,
  PublicSiteConfig,
  SupportedLocale,
  Withdrawal,
  WithdrawalLinkRequest,
} from '@izinli/core';
import {
  ApiIssue,
  CheckAnswer,
  CheckBatch,
  CheckBatchResult,
  IysPushResult,
} from './openapi-sync-schemas.js';
import {
  EvidenceVerification,
  LogVerification,
  LogVerifyJob,
  RefusedOrigins,
  SyncState,
  WidgetIntegrity,
} from './openapi-console-schemas.js';
import { DeliveryStats, MovementList, MovementRetried } from './openapi-delivery-schemas.js';
import {
  VerificationConfirmedEvent,
  VerificationExpiredEvent,
  VerificationSmsEvent,
  WebhookDeliveryList,
  WebhookDeliveryRetried,
} from './openapi-webhook-schemas.js';
import {
  ReconciliationMismatchEvent,
  ReconciliationOverview,
  SubscriptionWarningEvent,
} from './openapi-reconciliation-schemas.js';
import {
  WithdrawForm,
  WithdrawalLink,
  WithdrawalLinkView,
  WithdrawalRecorded,
} from './openapi-withdrawal-schemas.js';
import { ConsentRecorded, ConsentRequest, EvidenceFileStored } from './openapi-consent-schemas.js';
import { CaptureVerification, HeldChannel } from './openapi-held-schemas.js';
import {
  HeldChannelState,
  VerificationCodeSent,
  VerificationCodeTry,
  VerificationConfirmed,
  VerificationStart,
} from './openapi-verification-schemas.js';

const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().meta({
      description:
        'In one language: Turkish, or English when Accept-Language prefers English (q-values count).',
    }),
    issues: z.array(ApiIssue).optional(),
    attemptsLeft: z.int().min(0).optional().meta({
      description: 'verification.codeWrong: the codes that may still be tried before it locks.',
    }),
    requestId: z.string().optional().meta({
      description:
        'The answer’s X-Request-Id (the one sent, if sane, else a new one): quote it in a support request.',
    }),
  }),
});
const CaptureCreated = z.object({
  captureId: z.uuid(),
  receipt: z
    .string()
    .meta({ description: 'Compact JWS (EdDSA) over the RFC 8785 canonical record.' }),
  verification: z.array(HeldChannelState).optional().meta({
    description: 'Per channel held until its address’s owner confirms it (docs/verification.md).',
  }),
});
const WidgetView = PublicSiteConfig.extend({ locale: SupportedLocale });
const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string() })) });
const Checkpoint = z.object({
  siteKey: z.string(),
  seq: z.int(),
  hash: z.string(),
  signedAt: z.string(),
  jws: z.string(),
});
const Checkpoints = z.object({ checkpoints: z.array(Checkpoint) });
const StoredCapture = z.object({
  captureId: z.uuid(),
  siteKey: z.string(),
  seq: z.int(),
  prevHash: z.string(),
  recordHash: z.string(),
  receivedAt: z.string(),
  record: z.union([CaptureRecord, ConfirmationRecord]).optional(),
  receipt: z.string().optional(),
  purgedAt: z.string().optional(),
  movements: z.array(Movement),
  verifications: z.array(CaptureVerification).meta({
    description:
      'The verifications that release the capture’s held channels (docs/verification.md); never an address or secret.',
  }),
});
const CaptureSummary = z.looseObject({
  captureId: z.uuid(),
  siteKey: z.string(),
  seq: z.int(),
  receivedAt: z.string(),
  held: z
    .array(HeldChannel)
    .optional()
    .meta({ description: 'Each held channel’s state, when the capture holds any.' }),
  confirms: z
    .uuid()
    .optional()
    .meta({ description: 'A confirmation’s: the capture whose held channels it released.' }),
});
const CaptureList = z.object({ items: z.array(CaptureSummary), nextCursor: z.string().optional() });
const Anything = z.looseObject({});
const schemas = {
  VerificationStart,
  VerificationCodeSent,
  VerificationCodeTry,
  VerificationConfirmed,
  Capture,
  CaptureCreated,
  ApiError: ApiErrorBody,
  WidgetView,
  Jwks,
  Checkpoints,
  StoredCapture,
  CaptureList,
  MovementList,
  MovementRetried,
  DeliveryStats,
  WebhookDeliveryList,
  WebhookDeliveryRetried,
  Timeline: Anything,
  Evidence: Anything,
  EvidenceVerification,
  IysPushBody,
  IysPushResult,
  CheckAnswer,
  CheckBatch,
  CheckBatchResult,
  Withdrawal,
  WithdrawalRecorded,
  WithdrawalLinkRequest,
  WithdrawalLink,
  WithdrawalLinkView,
  WithdrawForm,
  ConsentRequest,
  ConsentRecorded,
  EvidenceFileStored,
  SyncState,
  LogVerification,
  LogVerifyJob,
  RefusedOrigins,
  WidgetIntegrity,
  ReconciliationOverview,
  ReconciliationMismatchEvent,
  SubscriptionWarningEvent,
  VerificationSmsEvent,
  VerificationConfirmedEvent,
  VerificationExpiredEvent,
};
type SchemaName = keyof typeof schemas;

interface Operation {
  method: 'get' | 'post';
  path: string;
  /** operationId: what a generated client names the call. */
  id: string;
  summary: string;
  tag: 'public' | 'admin' | 'operations';
  body?: SchemaName;
  /** A request body of raw bytes instead of JSON: its media type. */
  bytesBody?: string;
  query?: Record<string, string>;
  pathParams?: string[];
  responses: Record<
    number,
    | SchemaName
    | { description: string; text?: true; html?: true; json?: SchemaName; bytes?: string }
  >;
}

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, 'ApiError' as const])) as Record<
    number,
    SchemaName
  >;

/** A route serving the widget's script. */
const widgetScript = (
  id: string,
  path: string,
  summary: string,
  pathParams?: string[],
): Operation => ({
  method: 'get',
  path,
  id,
  summary,
  tag: 'public',
  ...(pathParams ? { pathParams } : {}),
  responses: {
    200: { description: 'JavaScript' },
    304: { description: 'Not modified' },
    ...errors(404),
  },
});

/** An answer of raw bytes (a file), or one of the errors `codes`. */
const download = (description: string, bytes: string, ...codes: number[]) => ({
  200: { description, bytes },
  ...errors(...codes),
});

/** A read of one recipient's records across the tenant's sites, by phone number or e-mail. */
const recipientRead = (
  id: string,
  path: string,
  summary: string,
  answer: SchemaName,
): Operation => ({
  method: 'get',
  path,
  id,
  summary,
  tag: 'admin',
  query: { phone: 'a phone number', email: 'an e-mail address' },
  responses: { 200: answer, ...errors(400, 401) },
});

/** What the capture list and its CSV export filter by, beside the site. */
const CAPTURE_FILTER = {
  kind: 'capture, withdrawal or confirmation',
  channel: 'MESAJ, ARAMA or EPOSTA: captures that moved this channel',
  state: 'pending, in-flight, delivered, already-current or dead: captures with such a movement',
  held: 'awaiting or expired: captures with a verification still open, or one that expired',
  from: 'ISO instant, inclusive',
  to: 'ISO instant, exclusive',
};

/** The confirmation link's page (HTML, in the person's language), asked (GET) or confirmed (POST). */
const linkPage = (
  method: Operation['method'],
  id: string,
  summary: string,
  page: string,
  ...codes: number[]
): Operation => ({
  method,
  path: '/v1/confirm/{token}',
  id,
  summary,
  tag: 'public',
  pathParams: ['token'],
  query: { lang: 'tr or en' },
  responses: {
    200: { description: page, html: true },
    404: { description: 'Not a link of this server', html: true },
    410: { description: 'Expired or no longer open', html: true },
    ...errors(...codes),
  },
});

/** Every route the server serves. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/v1/sites/{siteKey}/widget',
    id: 'getWidgetView',
    summary: 'What the widget renders for a site, in one language (ETag, If-None-Match → 304).',
    tag: 'public',
    pathParams: ['siteKey'],
    query: { locale: 'tr or en; default the site’s first language' },
    responses: {
      200: 'WidgetView',
      304: { description: 'Not modified' },
      ...errors(400, 403, 404),
    },
  },
  widgetScript(
    'getWidgetModule',
    '/izinli.js',
    'The widget as an ES module, to any origin (Access-Control-Allow-Origin: *), cached 5 minutes, ETag.',
  ),
  widgetScript(
    'getWidgetClassicScript',
    '/izinli.iife.js',
    'The widget as a classic script, for pages that cannot load modules; as /izinli.js.',
  ),
  widgetScript(
    'getWidgetVerifyStep',
    '/izinli-verify.js',
    'The code step of verified consent, which both builds import on demand from beside themselves; as /izinli.js.',
  ),
  widgetScript(
    'getWidgetFile',
    '/widget/{version}/{file}',
    'A file of the served widget version (izinli.js, izinli.iife.js, izinli-verify.js), immutable: pin it with its SRI hash.',
    ['version', 'file'],
  ),
  {
    method: 'get',
    path: '/widget/integrity.json',
    id: 'getWidgetIntegrity',
    summary: 'The served widget version, and each file’s versioned path and SRI hash (sha384).',
    tag: 'public',
    responses: { 200: 'WidgetIntegrity' },
  },
  {
    method: 'post',
    path: '/v1/captures',
    id: 'createCapture',
    summary:
      'Record a capture; 201 with the signed receipt once durably committed, 200 on an identical replay.',
    tag: 'public',
    body: 'Capture',
    responses: {
      201: 'CaptureCreated',
      200: 'CaptureCreated',
      ...errors(400, 403, 404, 409, 413, 415, 422, 429),
    },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    id: 'getJwks',
    summary: 'Public keys (current and retired) that receipts and checkpoints verify with.',
    tag: 'public',
    responses: { 200: 'Jwks' },
  },
  {
    method: 'get',
    path: '/v1/checkpoints',
    id: 'listCheckpoints',
    summary: 'Signed heads of the sites’ hash chains, newest first.',
    tag: 'public',
    query: { siteKey: 'only this site', limit: '1–1000, default 100' },
    responses: { 200: 'Checkpoints', ...errors(400) },
  },
  {
    method: 'get',
    path: '/v1/admin/captures',
    id: 'listCaptures',
    summary: 'List the tenant’s captures, newest first.',
    tag: 'admin',
    query: {
      site: 'a site key of the tenant',
      phone: 'a phone number (any common form)',
      email: 'an e-mail address',
      ...CAPTURE_FILTER,
      cursor: 'from nextCursor',
      limit: '1–500, default 50',
    },
    responses: { 200: 'CaptureList', ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/v1/admin/captures.csv',
    id: 'exportCapturesCsv',
    summary:
      'The tenant’s captures of a filter (typically a date range) as CSV, UTF-8 with a byte order mark; columns in docs/admin-console.md. No name, phone or e-mail.',
    tag: 'admin',
    query: {
      site: 'a site key of the tenant',
      ...CAPTURE_FILTER,
      delimiter: 'comma (default) or semicolon (Excel with a Turkish list separator)',
    },
    responses: download('The CSV', 'text/csv', 400, 401),
  },
  {
    method: 'get',
    path: '/v1/admin/captures/{captureId}',
    id: 'getCapture',
    summary: 'One capture with its record, receipt, İYS movements and verifications.',
    tag: 'admin',
    pathParams: ['captureId'],
    responses: { 200: 'StoredCapture', ...errors(401, 404) },
  },
  recipientRead(
    'getRecipientTimeline',
    '/v1/admin/recipients/timeline',
    'A recipient’s captures, channel states and deliveries across the tenant’s sites.',
    'Timeline',
  ),
  recipientRead(
    'getRecipientEvidence',
    '/v1/admin/recipients/evidence',
    'An evidence bundle: records, receipts, the exact notice texts shown, the public keys.',
    'Evidence',
  ),
  recipientRead(
    'verifyRecipientEvidence',
    '/v1/admin/recipients/evidence/verification',
    'The recipient’s evidence bundle checked as `izinli verify bundle` checks it, with the server’s keys: per record its receipt’s result and signing key, each notice text against its hash; each checkpoint.',
    'EvidenceVerification',
  ),
  {
    method: 'get',
    path: '/v1/admin/movements',
    id: 'listMovements',
    summary:
      'Outbox movements of this tenant’s sites, oldest first (dead letters carry İYS’s code and message).',
    tag: 'admin',
    query: {
      state: 'pending, in-flight, delivered, already-current or dead',
      atRisk: 'true: only open movements within 24 h of their deadline',
      limit: '1–1000 (default 100)',
      cursor: 'the nextCursor of the previous page',
    },
    responses: { 200: 'MovementList', ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/v1/admin/movements/stats',
    id: 'getMovementStats',
    summary:
      'Delivery counts of this tenant’s movements by state, and open ones within 24 h of their deadline.',
    tag: 'admin',
    responses: { 200: 'DeliveryStats', ...errors(401) },
  },
  {
    method: 'post',
    path: '/v1/admin/movements/{movementId}/retry',
    id: 'retryMovement',
    summary: 'Put a dead letter back in the queue after a fix (attempts from zero).',
    tag: 'admin',
    pathParams: ['movementId'],
    responses: { 200: 'MovementRetried', ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/v1/admin/sync',
    id: 'getSyncState',
    summary:
      'İYS sync state per brand of this tenant: the stored pull cursor and its age, the last sync pass.',
    tag: 'admin',
    responses: { 200: 'SyncState', ...errors(401) },
  },
  {
    method: 'get',
    path: '/v1/admin/origins/refused',
    id: 'listRefusedOrigins',
    summary:
      'Pages refused for their origin in the last 24 hours (not in the site’s allowedOrigins), by site and origin; this instance since it started.',
    tag: 'admin',
    responses: { 200: 'RefusedOrigins', ...errors(401) },
  },
  {
    method: 'post',
    path: '/v1/admin/log/verify',
    id: 'verifyLog',
    summary:
      'Start verifying this tenant’s chains with the server’s keys, as `izinli verify log` does (A13), in the background; answers the job (Location: its URL), or the one already running. Jobs live in this server process.',
    tag: 'admin',
    responses: { 202: 'LogVerifyJob', ...errors(401) },
  },
  {
    method: 'get',
    path: '/v1/admin/log/verify',
    id: 'getLatestLogVerification',
    summary:
      'The newest log verification of this tenant in this server process: its progress and, once done, its report.',
    tag: 'admin',
    responses: { 200: 'LogVerifyJob', ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/v1/admin/log/verify/{jobId}',
    id: 'getLogVerification',
    summary: 'A log verification of this tenant: its progress and, once done, its report.',
    tag: 'admin',
    pathParams: ['jobId'],
    responses: { 200: 'LogVerifyJob', ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/v1/admin/reconciliation',
    id: 'getReconciliation',
    summary:
      'İYS reconciliation (MUTABAKAT) of the tenant’s brands: each day agreed, mismatch (with its differences), missed or empty; and each İYS account’s last subscription check.',
    tag: 'admin',
    query: {
      from: 'first day, YYYY-MM-DD (default 30 days ago)',
      to: 'last day, YYYY-MM-DD',
    },
    responses: { 200: 'ReconciliationOverview', ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/v1/admin/reconciliation/{iysCode}/{brandCode}/{date}/file',
    id: 'getReconciliationFile',
    summary:
      'The İYS daily movement file (CSV) kept for a reconciled day: the bytes the .tsr stamps and the agreement hash covers.',
    tag: 'admin',
    pathParams: ['iysCode', 'brandCode', 'date'],
    responses: download('The CSV', 'text/csv', 401, 404),
  },
  {
    method: 'get',
    path: '/v1/admin/reconciliation/{iysCode}/{brandCode}/{date}/timestamp',
    id: 'getReconciliationTimestamp',
    summary:
      'The RFC 3161 time stamp (.tsr) of an agreed day’s file: openssl ts -verify -in day.tsr -data day.csv -CAfile tsa.pem.',
    tag: 'admin',
    pathParams: ['iysCode', 'brandCode', 'date'],
    responses: download('The time stamp response', 'application/timestamp-reply', 401, 404),
  },
  {
    method: 'get',
    path: '/v1/admin/webhooks/deliveries',
    id: 'listWebhookDeliveries',
    summary:
      'Webhook deliveries of this tenant, newest first (dead ones carry the last status and cause).',
    tag: 'admin',
    query: { state: 'pending, delivered or dead', limit: '1–1000' },
    responses: { 200: 'WebhookDeliveryList', ...errors(400, 401) },
  },
  {
    method: 'post',
    path: '/v1/admin/webhooks/deliveries/{deliveryId}/retry',
    id: 'retryWebhookDelivery',
    summary: 'Put a dead webhook delivery back in the queue, due now (attempts from zero).',
    tag: 'admin',
    pathParams: ['deliveryId'],
    responses: { 200: 'WebhookDeliveryRetried', ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/v1/check',
    id: 'checkRecipient',
    summary:
      'Pre-send check from the İYS mirror (never İYS): allowed only with ONAY on İYS (A2); a TACIR without a record is allowed (A16).',
    tag: 'admin',
    query: {
      recipient: 'a phone number (MESAJ, ARAMA) or an e-mail address (EPOSTA), any common form',
      type: 'MESAJ, ARAMA or EPOSTA',
      recipientType: 'BIREYSEL (default) or TACIR',
      brandCode: 'required when the tenant has several brands',
    },
    responses: { 200: 'CheckAnswer', ...errors(400, 401) },
  },
  {
    method: 'post',
    path: '/v1/check',
    id: 'checkRecipients',
    summary:
      'Pre-send check of up to 1000 recipients; an invalid address is refused in its own answer.',
    tag: 'admin',
    body: 'CheckBatch',
    responses: { 200: 'CheckBatchResult', ...errors(400, 401, 413) },
  },
  {
    method: 'post',
    path: '/v1/admin/withdrawals',
    id: 'recordWithdrawal',
    summary:
      'Record a withdrawal (A10, B7): chosen channels refused — RET queued for İYS where the state is ONAY (A11) — and purposes withdrawn; signed and chained like a capture; 200 on an identical replay of `id`.',
    tag: 'admin',
    body: 'Withdrawal',
    responses: {
      201: 'WithdrawalRecorded',
      200: 'WithdrawalRecorded',
      ...errors(400, 401, 404, 409, 422),
    },
  },
  {
    method: 'post',
    path: '/v1/admin/consents',
    id: 'recordConsent',
    summary:
      'Record a consent collected away from the widget (A19): paper, wet signature, call centre, event, e-mail or SMS reply… with its İYS source, the real consent time (Turkey time; refused in the future or past İYS’s 3-business-day window, H467), the source’s evidence and the token’s label as who recorded it; signed, chained and delivered like a capture; 200 on an identical replay of `id`.',
    tag: 'admin',
    body: 'ConsentRequest',
    responses: {
      201: 'ConsentRecorded',
      200: 'ConsentRecorded',
      ...errors(400, 401, 404, 409, 415, 422),
    },
  },
  {
    method: 'post',
    path: '/v1/admin/evidence-files',
    id: 'uploadEvidenceFile',
    summary:
      'Upload a scan (PDF, JPEG, PNG) or a call recording as raw bytes; its type is read from its content. Stored by SHA-256 for the tenant, within its per-file and total limits (413); 200 when already stored.',
    tag: 'admin',
    bytesBody: 'application/octet-stream',
    responses: {
      201: 'EvidenceFileStored',
      200: 'EvidenceFileStored',
      ...errors(401, 413, 415),
    },
  },
  {
    method: 'post',
    path: '/v1/admin/imports',
    id: 'importConsents',
    summary:
      'Import consents from a CSV (docs/sources.md#import), as `izinli import` does: every row checked before anything is written, idempotent by row key; scans named by the SHA-256 of uploaded evidence files. Answers JSON lines: {"type":"progress",…} while it runs, then {"type":"report",…} with every bad row.',
    tag: 'admin',
    bytesBody: 'text/csv',
    query: {
      dryRun: 'true: check and report, write nothing',
      site: 'the site of rows without site_key',
      source: 'the İYS source of rows without source',
    },
    responses: {
      200: { description: 'Progress lines, then the report', bytes: 'application/x-ndjson' },
      ...errors(400, 401, 404, 413, 422),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/evidence-files/{sha256}',
    id: 'getEvidenceFile',
    summary: 'One of the tenant’s evidence files, with the media type found in it.',
    tag: 'admin',
    pathParams: ['sha256'],
    responses: download('The file', 'application/octet-stream', 401, 404),
  },
  {
    method: 'post',
    path: '/v1/admin/withdrawal-links',
    id: 'createWithdrawalLink',
    summary:
      'A signed, expiring withdrawal link for the site’s e-mails (JWT, EdDSA; default 90 days, at most 365).',
    tag: 'admin',
    body: 'WithdrawalLinkRequest',
    responses: { 201: 'WithdrawalLink', ...errors(400, 401, 404, 422, 503) },
  },
  {
    method: 'get',
    path: '/v1/withdraw',
    id: 'showWithdrawalLink',
    summary:
      'The link’s page (HTML, strict CSP; Turkish, or English by ?lang=en / Accept-Language): the site, the channels, one POST button. Withdraws nothing. With Accept: application/json, the WithdrawalLinkView. Refusals: 400 invalid, 410 expired, 404 unknown site (HTML, or ApiError as JSON).',
    tag: 'public',
    query: { t: 'the link’s token', lang: 'tr or en' },
    responses: {
      200: { description: 'The confirmation page', html: true, json: 'WithdrawalLinkView' },
      400: { description: 'Missing or invalid token', html: true },
      404: { description: 'The token’s site is not served for its tenant', html: true },
      410: { description: 'The link expired', html: true },
    },
  },
  {
    method: 'post',
    path: '/v1/withdraw',
    id: 'redeemWithdrawalLink',
    summary:
      'Redeem a link (B7): records the withdrawal once per token (a replay shows the same result) and answers the confirmation page, or WithdrawalRecorded (201, 200 on a replay) with Accept: application/json. Form fields t and lang (urlencoded or multipart), a JSON body, or the token in the URL (RFC 8058 one-click).',
    tag: 'public',
    body: 'WithdrawForm',
    query: { t: 'the token, when the body carries none (RFC 8058)' },
    responses: {
      200: { description: 'The confirmation page (HTML)', html: true },
      201: 'WithdrawalRecorded',
      ...errors(400, 404, 410, 413),
    },
  },
  {
    method: 'post',
    path: '/v1/verifications',
    id: 'startVerification',
    summary:
      'Send a code to the address of a channel the site verifies by code (SMS through the site’s verification.sms webhook, or e-mail). From the site’s allowed origins; limited per IP and per address.',
    tag: 'public',
    body: 'VerificationStart',
    responses: { 201: 'VerificationCodeSent', ...errors(400, 403, 404, 413, 415, 422, 429) },
  },
  {
    method: 'post',
    path: '/v1/verifications/{verificationId}/code',
    id: 'tryVerificationCode',
    summary:
      'The code the person typed: confirmed, or 422 verification.codeWrong (attempts left), 410 verification.locked / verification.codeExpired / verification.expired.',
    tag: 'public',
    pathParams: ['verificationId'],
    body: 'VerificationCodeTry',
    responses: { 200: 'VerificationConfirmed', ...errors(400, 404, 410, 413, 415, 422, 429) },
  },
  {
    method: 'post',
    path: '/v1/verifications/{verificationId}/resend',
    id: 'resendVerificationCode',
    summary: 'A new code (the old one stops working), at most the site’s maxSends, 30 s apart.',
    tag: 'public',
    pathParams: ['verificationId'],
    responses: { 200: 'VerificationCodeSent', ...errors(404, 410, 429) },
  },
  linkPage(
    'get',
    'showVerificationLink',
    'The page a verification link opens (HTML, strict CSP, tr or en): what is confirmed, one POST button. Confirms nothing (mail scanners open links).',
    'The page',
  ),
  linkPage(
    'post',
    'confirmVerificationLink',
    'Confirms the link once (a replay shows “confirmed before”) and releases the held channels to İYS.',
    'Confirmed (now or before)',
    413,
    429,
  ),
  {
    method: 'get',
    path: '/v1/withdraw/style.css',
    id: 'getWithdrawalStyles',
    summary: 'The withdrawal pages’ stylesheet (so they need no inline style).',
    tag: 'public',
    responses: { 200: { description: 'text/css' } },
  },
  {
    method: 'post',
    path: '/v1/iys/push/{iysCode}',
    id: 'receiveIysPush',
    summary:
      'İYS push of citizens’ IYS_* movements (Basic auth per İYS account); updates the mirror and writes consent.changed events. Movements of other brands are acknowledged and ignored.',
    tag: 'operations',
    pathParams: ['iysCode'],
    body: 'IysPushBody',
    responses: { 200: 'IysPushResult', ...errors(400, 401, 413) },
  },
  {
    method: 'get',
    path: '/healthz',
    id: 'getHealth',
    summary: 'The process answers.',
    tag: 'operations',
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'get',
    path: '/readyz',
    id: 'getReadiness',
    summary: 'The database answers.',
    tag: 'operations',
    responses: { 200: { description: 'ready' }, 503: { description: 'unavailable' } },
  },
  {
    method: 'get',
    path: '/metrics',
    id: 'getMetrics',
    summary: 'Prometheus metrics.',
    tag: 'operations',
    responses: { 200: { description: 'Prometheus text format', text: true }, ...errors(401) },
  },
  {
    method: 'get',
    path: '/admin',
    id: 'getConsole',
    summary:
      'The admin console (HTML, strict CSP; also /admin/); 404 when admin/ is not built. Signs in with an admin token.',
    tag: 'operations',
    responses: { 200: { description: 'The console', html: true }, ...errors(404) },
  },
  {
    method: 'get',
    path: '/admin/index.html',
    id: 'getConsoleIndex',
    summary: 'The admin console (the same page as /admin).',
    tag: 'operations',
    responses: { 200: { description: 'The console', html: true }, ...errors(404) },
  },
  {
    method: 'get',
    path: '/admin/{file}',
    id: 'getConsoleFile',
    summary: 'The admin console’s script and stylesheet (admin.js, admin.css).',
    tag: 'operations',
    pathParams: ['file'],
    responses: { 200: { description: 'The file' }, ...errors(404) },
  },
  {
    method: 'get',
    path: '/openapi.json',
    id: 'getOpenApi',
    summary: 'This document.',
    tag: 'operations',
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  },
];

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed: error.issues say what was expected and what came.',
  401: 'No credentials, or wrong ones.',
  403: 'Not allowed (e.g. an origin outside the site’s allowedOrigins).',
  404: 'Not found.',
  409: 'Conflicts with what is stored.',
  410: 'Gone (an expired link).',
  413: 'The body is too large.',
  415: 'The body is not of a type this route takes.',
  422: 'Well-formed, but refused by the rules: error.issues name each.',
  429: 'Too many requests: wait Retry-After seconds.',
  503: 'The server could not complete the request (e.g. the database is unreachable): retry after Retry-After.',
};

type Target = Operation['responses'][number];

function responseOf(status: number, target: Target): Record<string, unknown> {
  if (typeof target === 'string') {
    const description = target === 'ApiError' ? (STATUS_TEXT[status] ?? 'Error') : target;
    return { description, content: { 'application/json': { schema: ref(target) } } };
  }
  const content = {
    ...(target.text ? { 'text/plain': { schema: { type: 'string' } } } : {}),
    ...(target.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
    ...(target.json ? { 'application/json': { schema: ref(target.json) } } : {}),
    ...(target.bytes ? { [target.bytes]: { schema: { type: 'string', format: 'binary' } } } : {}),
  };
  return {
    description: target.description,
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/** Who may call an operation: admin routes a tenant's token, İYS's push its Basic credentials. */
function securityOf(op: Operation): Record<string, string[]>[] {
  if (op.tag === 'admin') return [{ adminToken: [] }];
  if (op.path.startsWith('/v1/iys/push/')) return [{ iysPush: [] }];
  // Open unless the server sets METRICS_TOKEN: either is a valid way in.
  if (op.path === '/metrics') return [{}, { metricsToken: [] }];
  return [];
}

/** Webhook events documented with their payloads (Standard Webhooks: `{ type, timestamp, data }`). */
const WEBHOOKS: { type: string; id: string; summary: string; payload: SchemaName }[] = [
  {
    type: 'iys.reconciliation_mismatch',
    id: 'onReconciliationMismatch',
    summary:
      'A brand’s İYS day differs from izinli’s copy (sent again only when the differences change).',
    payload: 'ReconciliationMismatchEvent',
  },
  {
    type: 'iys.subscription_warning',
    id: 'onSubscriptionWarning',
    summary:
      'The İYS account’s subscription ends within 30 days, is not active, or cannot be queried (daily while so).',
    payload: 'SubscriptionWarningEvent',
  },
  {
    type: 'verification.sms',
    id: 'onVerificationSms',
    summary:
      'An SMS with a verification code or link: hand `text` to your SMS provider for `to` (docs/verification.md).',
    payload: 'VerificationSmsEvent',
  },
  {
    type: 'verification.confirmed',
    id: 'onVerificationConfirmed',
    summary: 'The address’s owner confirmed: the held channels go to İYS with this consentDate.',
    payload: 'VerificationConfirmedEvent',
  },
  {
    type: 'verification.expired',
    id: 'onVerificationExpired',
    summary: 'Held channels were not confirmed in time: nothing was sent to İYS.',
    payload: 'VerificationExpiredEvent',
  },
];

function webhooksOf(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOKS.map((w) => [
      w.type,
      {
        post: {
          summary: w.summary,
          tags: ['webhooks'],
          operationId: w.id,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type', 'timestamp', 'data'],
                  properties: {
                    type: { const: w.type },
                    timestamp: { type: 'string', format: 'date-time' },
                    data: ref(w.payload),
                  },
                },
              },
            },
          },
          security: [],
          responses: {
            200: { description: 'Taken: any 2xx ends the retries.' },
            400: { description: 'Refused (e.g. a bad signature): retried with backoff.' },
          },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of the server's HTTP API. */
export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const components = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...(op.pathParams ?? []).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        required: false,
        description,
        schema: { type: 'string' },
      })),
    ];
    // Every route can answer 400 (a NUL or lone surrogate in its URL) and 503 (a failure the
    // server could not complete): said once here rather than on each operation.
    const all = { ...errors(400), ...op.responses, ...(op.responses[503] ? {} : errors(503)) };
    const responses = Object.fromEntries(
      Object.entries(all).map(([status, target]) => [status, responseOf(Number(status), target)]),
    );
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: ref(op.body) } },
            },
          }
        : {}),
      ...(op.bytesBody
        ? {
            requestBody: {
              required: true,
              content: { [op.bytesBody]: { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
      operationId: op.id,
      security: securityOf(op),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'izinli server',
      version,
      description:
        'Consent capture for Turkish sites: İYS permissions and KVKK explicit consent, signed and delivered.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The izinli server that serves this document.' }],
    paths,
    webhooks: webhooksOf(),
    components: {
      schemas: components,
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'A tenant’s admin token.' },
        iysPush: {
          type: 'http',
          scheme: 'basic',
          description: 'The push credentials registered with İYS for the account (config iysPush).',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'METRICS_TOKEN, when the server sets one (else /metrics is open).',
        },
      },
    },
  };
}
