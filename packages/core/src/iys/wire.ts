// Long because: the schema of every İYS request and response, in the document's order.
import { z } from 'zod';
import { Channel, ConsentStatus, ProviderSource, RecipientType, Source } from '../enums.js';
import { IysDateString } from '../iys-date.js';
import { expecting } from '../problem.js';
import { IYS_LIMITS } from './limits.js';

// Field names and shapes follow components.schemas and the examples of İYS's OpenAPI 3.2.0.
// Request schemas are strict: İYS refuses unknown fields (H118), and an optional field is either
// absent or a real value — never "" or null (İZİN YÖNETİMİ, "Önemli Not"). Response schemas are
// loose (extra keys pass through), so a new İYS field never breaks a client.

// ---------------------------------------------------------------- token (KİMLİK YÖNETİMİ)

/** `grant_type=password` token request, sent as JSON or as a form. */
export const IysPasswordTokenRequest = z.strictObject({
  grant_type: z.literal('password'),
  username: z.string().min(1),
  password: z.string().min(1),
});
export type IysPasswordTokenRequest = z.infer<typeof IysPasswordTokenRequest>;

/** `grant_type=refresh_token` token request; every refresh returns a new refresh token. */
export const IysRefreshTokenRequest = z.strictObject({
  grant_type: z.literal('refresh_token'),
  refresh_token: z.string().min(1),
});
export type IysRefreshTokenRequest = z.infer<typeof IysRefreshTokenRequest>;

/** Body of `POST /oauth2/token`. */
export const IysTokenRequest = z.discriminatedUnion('grant_type', [
  IysPasswordTokenRequest,
  IysRefreshTokenRequest,
]);
export type IysTokenRequest = z.infer<typeof IysTokenRequest>;

/** 200 of `POST /oauth2/token`: lifetimes in seconds (7200 and 14400 on İYS). */
export const IysTokenResponse = z.looseObject({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int(),
  refresh_expires_in: z.number().int().optional(),
  token_type: z.string(),
});
export type IysTokenResponse = z.infer<typeof IysTokenResponse>;

/** Token errors use OAuth's shape, not İYS's `errors` array (400; treat 401 alike). */
export const IysOAuthError = z.looseObject({
  error: z.string(),
  error_description: z.string(),
});
export type IysOAuthError = z.infer<typeof IysOAuthError>;

// ---------------------------------------------------------------- errors

/**
 * An İYS error code in its string form (`H174`). Some documented examples send it as a number
 * (`"code": 48`); numbers (and all-digit strings) get the `H` and İYS's three-digit padding, so
 * they compare equal to `IYS_ERRORS` keys. Other strings pass unchanged.
 */
export function normalizeIysCode(code: string | number): string {
  const digits = typeof code === 'number' ? String(code) : code;
  return /^\d+$/.test(digits) ? `H${digits.padStart(3, '0')}` : digits;
}

/** An error code as İYS sends it (string or number), read as its normalised string. */
export const IysCode = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(normalizeIysCode);

/** One entry of İYS's `errors` array. `code` stays a string: İYS may send codes it never documented. */
export const IysErrorItem = z.looseObject({
  code: IysCode,
  message: z.string(),
  location: z.array(z.union([z.string(), z.number()])).optional(),
  value: z.unknown().optional(),
  index: z.number().int().optional(),
});
export type IysErrorItem = z.infer<typeof IysErrorItem>;

/** İYS's error body: `{ errors: [...] }`, possibly several at once. */
export const IysErrorBody = z.looseObject({ errors: z.array(IysErrorItem) });
export type IysErrorBody = z.infer<typeof IysErrorBody>;

// ---------------------------------------------------------------- add consent (one and batch)

const retailerFields = {
  /** The retailer (bayi) through which the consent was taken. */
  retailerCode: z.number().int().optional(),
  /** Retailers that may see the consent (1–3000). */
  retailerAccess: z.array(z.number().int()).min(1).max(3000).optional(),
};

/** A consent for an individual: source and consentDate are required. */
export const IysIndividualConsentRequest = z.strictObject({
  recipient: z.string().min(1),
  type: Channel,
  source: ProviderSource,
  status: ConsentStatus,
  consentDate: IysDateString,
  recipientType: z.literal('BIREYSEL').optional(),
  ...retailerFields,
});

/** A consent for a trader (TACIR): source and consentDate may be left out on the first record only (else H462/H463). */
export const IysTraderConsentRequest = z.strictObject({
  recipient: z.string().min(1),
  type: Channel,
  source: ProviderSource.optional(),
  status: ConsentStatus,
  consentDate: IysDateString.optional(),
  recipientType: z.literal('TACIR'),
  ...retailerFields,
});

/** Body of add-one (`POST …/consents`, v1 and v2) and one item of a batch. */
export const IysConsentRequest = z.union([IysIndividualConsentRequest, IysTraderConsentRequest]);
export type IysConsentRequest = z.infer<typeof IysConsentRequest>;

/** 200 of add-one: the movement's id and when İYS recorded it (İYS date format). */
export const IysAddConsentResponse = z.looseObject({
  transactionId: z.string(),
  creationDate: z.string(),
});
export type IysAddConsentResponse = z.infer<typeof IysAddConsentResponse>;

/** Body of the batch add (`POST …/consents/request`, v1 and v2): 1–1000 consents. */
export const IysBatchRequest = z.array(IysConsentRequest).min(1).max(IYS_LIMITS.batchSize);
export type IysBatchRequest = z.infer<typeof IysBatchRequest>;

// `Omit` over a loose object's index signature would erase the named fields; remap keys instead.
type WithoutKey<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

// İYS spells the key both `subRequestId` (path examples) and `subrequestId` (schemas, status
// examples). Parsing accepts either and yields `subRequestId`.
function withSubRequestId<T extends { subRequestId?: string; subrequestId?: string }>(
  item: T,
): WithoutKey<T, 'subrequestId'> & { subRequestId: string } {
  const { subrequestId, ...rest } = item;
  // The spread's type is TypeScript's Omit; the runtime value is exactly the remapped type.
  const normalised: unknown = { ...rest, subRequestId: item.subRequestId ?? subrequestId ?? '' };
  return normalised as WithoutKey<T, 'subrequestId'> & { subRequestId: string };
}
const subRequestIdKeys = {
  subRequestId: z.string().optional(),
  subrequestId: z.string().optional(),
};
const hasSubRequestId = (v: { subRequestId?: string; subrequestId?: string }) =>
  v.subRequestId !== undefined || v.subrequestId !== undefined;
const subRequestIdMissing = {
  error: expecting({
    en: 'subRequestId (or subrequestId) is required',
    tr: 'subRequestId (ya da subrequestId) alanı zorunludur',
  }),
};

/** One accepted item echoed in the batch's 202 answer. */
export const IysBatchSubRequest = z
  .looseObject({
    ...subRequestIdKeys,
    recipient: z.string(),
    type: z.string(),
    status: z.string(),
    recipientType: z.string().optional(),
    source: z.string().optional(),
    consentDate: z.string().optional(),
    creationDate: z.string().optional(),
  })
  .refine(hasSubRequestId, subRequestIdMissing)
  .transform(withSubRequestId);
export type IysBatchSubRequest = z.infer<typeof IysBatchSubRequest>;

/** 202 of the batch add: a request id to poll, and one sub-request per item, in order. */
export const IysBatchResponse = z.looseObject({
  requestId: z.string(),
  subRequests: z.array(IysBatchSubRequest),
});
export type IysBatchResponse = z.infer<typeof IysBatchResponse>;

/** Per-item state in a batch status answer. */
export const IysBatchItemStatus = z.enum(['success', 'failure', 'enqueue']);
export type IysBatchItemStatus = z.infer<typeof IysBatchItemStatus>;

/** One item of `GET …/consents/request/{requestId}`; transactionId and creationDate only on success. */
export const IysBatchStatusItem = z
  .looseObject({
    index: z.number().int(),
    status: IysBatchItemStatus,
    ...subRequestIdKeys,
    requestId: z.string().optional(),
    transactionId: z.string().optional(),
    creationDate: z.string().optional(),
    error: z.looseObject({ code: IysCode, message: z.string() }).optional(),
    /** v2 only; the document's example sends the string "true", its schema a boolean. */
    isAddConsentV2Service: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    /** v2 only: where an identical consent was first processed. */
    originalRequestInformation: z
      .looseObject({ requestId: z.string(), subRequestId: z.string() })
      .optional(),
  })
  .refine(hasSubRequestId, subRequestIdMissing)
  .transform(withSubRequestId);
export type IysBatchStatusItem = z.infer<typeof IysBatchStatusItem>;

/** Answer of the batch status query; an empty array means "not done yet", not "nothing added". */
export const IysBatchStatusResponse = z.array(IysBatchStatusItem);
export type IysBatchStatusResponse = z.infer<typeof IysBatchStatusResponse>;

// ---------------------------------------------------------------- queries

/**
 * A consent record as İYS reports it: in single status, history, pull and push. consentDate may be
 * absent for TACIR.
 */
const recordFields = {
  recipient: z.string(),
  recipientType: RecipientType,
  type: Channel,
  status: ConsentStatus,
  source: Source,
  consentDate: z.string().optional(),
  creationDate: z.string(),
  transactionId: z.string(),
};

/** Body of single status (`POST …/consents/status`) and of history (`POST …/consents/history`). */
export const IysStatusRequest = z.strictObject({
  recipient: z.string().min(1),
  recipientType: RecipientType,
  type: Channel,
});
export type IysStatusRequest = z.infer<typeof IysStatusRequest>;

/** 200 of single status: the current record, whose source and transactionId may be absent. */
export const IysStatusResponse = z.looseObject({
  ...recordFields,
  source: Source.optional(),
  transactionId: z.string().optional(),
  retailerCode: z.number().int().optional(),
  retailerTitle: z.string().optional(),
  retailerAccessCount: z.number().int().optional(),
});
export type IysStatusResponse = z.infer<typeof IysStatusResponse>;

/** Body of multi status (`POST …/consents/{recipientType}/status/{type}`): 1–1000 recipients. */
export const IysMultiStatusRequest = z.strictObject({
  recipients: z.array(z.string()).min(1).max(IYS_LIMITS.multiStatusSize),
});
export type IysMultiStatusRequest = z.infer<typeof IysMultiStatusRequest>;

/** 200 of multi status: only the recipients whose current status is ONAY. */
export const IysMultiStatusResponse = z.looseObject({
  requestId: z.string(),
  list: z.array(z.string()),
});
export type IysMultiStatusResponse = z.infer<typeof IysMultiStatusResponse>;

/** One movement as history, pull and push report it. */
export const IysMovement = z.looseObject(recordFields);
export type IysMovement = z.infer<typeof IysMovement>;

/** 200 of history: newest consentDate first, paged by `limit` (≤ 100) and `offset`. */
export const IysHistoryResponse = z.looseObject({
  list: z.array(IysMovement),
  pagination: z.looseObject({
    totalCount: z.number().int(),
    pageSize: z.number().int(),
    offset: z.number().int(),
  }),
});
export type IysHistoryResponse = z.infer<typeof IysHistoryResponse>;

/** `source` query parameter of pull: movements by the service provider (HS) or by citizens on İYS (IYS, default). */
export const IysChangesSource = z.enum(['HS', 'IYS']);
export type IysChangesSource = z.infer<typeof IysChangesSource>;

/** One movement in a pull answer; `citizenName` only on a citizen's first access (IYS_WEB_YENI). */
export const IysChange = IysMovement.extend({ citizenName: z.string().optional() });
export type IysChange = z.infer<typeof IysChange>;

/** 200 of pull (`GET …/consents/changes`): oldest first; store `after` (opaque) for the next call. 204 when nothing new. */
export const IysChangesResponse = z.looseObject({
  after: z.string(),
  list: z.array(IysChange),
});
export type IysChangesResponse = z.infer<typeof IysChangesResponse>;

/** 200 of `GET /sps/{iysCode}/brands`: one entry per brand; the master brand's code is the iysCode. */
export const IysBrand = z.looseObject({
  brandCode: z.number().int(),
  name: z.string(),
  master: z.boolean(),
  stats: z
    .looseObject({
      consents: z.looseObject({
        approval: z.number().int(),
        rejection: z.number().int(),
        total: z.number().int(),
      }),
      retailers: z.looseObject({ total: z.number().int() }),
    })
    .optional(),
});
export type IysBrand = z.infer<typeof IysBrand>;
export const IysBrandsResponse = z.array(IysBrand);
export type IysBrandsResponse = z.infer<typeof IysBrandsResponse>;

// ---------------------------------------------------------------- push

/** One connection of `POST …/push/registration` (and the body of `…/push/unregistration`). */
export const IysPushConnection = z.strictObject({
  url: z.string().min(1),
  type: Channel,
  username: z.string().min(1),
  password: z.string().min(1),
});
export type IysPushConnection = z.infer<typeof IysPushConnection>;

/** Body of `POST …/push/registration`. */
export const IysPushRegistrationRequest = z.strictObject({
  connection: z.array(IysPushConnection).min(1),
});
export type IysPushRegistrationRequest = z.infer<typeof IysPushRegistrationRequest>;

/** One entry of `GET …/push/registration`. */
export const IysPushRegistration = z.looseObject({
  url: z.string(),
  type: z.string(),
  status: z.string(),
  registerTime: z.string(),
});
export type IysPushRegistration = z.infer<typeof IysPushRegistration>;

/** One movement İYS pushes: a pull movement plus the brand it belongs to. */
export const IysPushMovement = IysMovement.extend({
  iysCode: z.number().int(),
  brandCode: z.number().int(),
});
export type IysPushMovement = z.infer<typeof IysPushMovement>;

/** Body İYS POSTs (Basic auth) to a registered endpoint: `IYS_*` movements only. */
export const IysPushBody = z.looseObject({ list: z.array(IysPushMovement) });
export type IysPushBody = z.infer<typeof IysPushBody>;
