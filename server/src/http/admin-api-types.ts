// The admin API's answers as types, for the console (admin/src/api-types.ts imports them
// type-only through `@izinli/server/admin-api`, so no server code reaches the browser). This file
// imports only types that hold in a browser too (core, zod, the store's rows, jose's JWKS): the
// console's compile must not see Node's. A route that builds its answer is declared to return
// the type named here; a route that answers with a published schema's shape has its z.infer.
import type {
  CaptureRecord,
  Channel,
  ConfirmationRecord,
  ConsentStatus,
  MovementState,
  ProviderSource,
  RecordEvidence,
  Source,
} from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import type { z } from 'zod';
import type * as schemas from './openapi-console-schemas.js';
import type * as reconciliation from './openapi-reconciliation-schemas.js';
import type * as held from './openapi-held-schemas.js';
import type { HeldChannelView, VerificationView } from '../verification/verification-views.js';

export type { AdminMovement } from '../store/ports/movement-store.js';
export type { DeliveryStats } from '../store/ports/movement-store.js';
export type { Checkpoint } from '../store/types.js';
export type { Page } from '../store/store.js';
export type { CheckAnswer } from '../sync/pre-send-check.js';
export type { ImportReport } from '../import/import-report.js';
export type {
  HeldChannelView as HeldChannel,
  HeldState,
  VerificationView as CaptureVerification,
} from '../verification/verification-views.js';

type Purpose = Pick<CaptureRecord['purposes'][number], 'id' | 'granted'>;
/** A purged capture keeps its digests only: none of `Fields`, and when it was purged. */
type Purged<Fields> = { purgedAt?: string } & { [K in keyof Fields]?: never };
type SummaryFields = {
  kind: CaptureRecord['kind'];
  channels: CaptureRecord['channels'];
  purposes: Purpose[];
  /** The held channels' states (docs/verification.md), when the capture holds any. */
  held?: HeldChannelView[];
};
/** A chained confirmation of another capture's held channels (docs/verification.md#records). */
type ConfirmationSummaryFields = {
  kind: 'confirmation';
  /** The channels it released, each ONAY. */
  channels: { type: Channel; checked: true; status: 'ONAY' }[];
  purposes: [];
  /** The capture whose held channels it released. */
  confirms: string;
  held?: never;
};
type ConfirmationEventFields = {
  kind: 'confirmation';
  consentDate: string;
  confirms: string;
  method: ConfirmationRecord['method'];
  confirmedAt: string;
  channels: ConfirmationRecord['channels'];
  source?: never;
  recordedBy?: never;
  held?: never;
};
type EventFields = SummaryFields & {
  consentDate: string;
  /** The İYS source: HS_WEB for the widget, the medium for a consent recorded by hand (A19). */
  source: ProviderSource;
  /** Who recorded it by hand (the admin token's label), with the evidence it carries (A19). */
  recordedBy?: string;
  evidence?: RecordEvidence;
  notices: Pick<CaptureRecord['notices'][number], 'id' | 'version'>[];
};

/** One row of GET /v1/admin/captures. */
export type CaptureSummary = {
  captureId: string;
  siteKey: string;
  seq: number;
  receivedAt: string;
  recordHash: string;
} & (SummaryFields | ConfirmationSummaryFields | Purged<SummaryFields>);

/** One capture in a recipient's timeline, with its movements on the recipient's channels. */
export type TimelineEvent = {
  at: string;
  siteKey: string;
  captureId: string;
  seq: number;
  movements: {
    id: string;
    type: Channel;
    status: ConsentStatus;
    state: MovementState;
    deadline: string;
    transactionId?: string;
  }[];
} & (EventFields | ConfirmationEventFields | Purged<EventFields>);

/** GET /v1/admin/recipients/timeline: the events oldest first, the state per İYS key. */
export interface RecipientTimeline {
  recipient: { phone?: string; email?: string };
  current: {
    key: string;
    brandCode: number;
    type: Channel;
    intended: ConsentStatus;
    delivery: MovementState;
    /** İYS's view as the mirror holds it, once known. */
    iys?: { status: ConsentStatus; consentDate: string; source: Source };
  }[];
  events: TimelineEvent[];
}

// The published schemas say what the domain's views hold, or this does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type _SameViews = [
  Holds<Same<VerificationView, z.infer<typeof held.CaptureVerification>>>,
  Holds<Same<HeldChannelView, z.infer<typeof held.HeldChannel>>>,
];

/** GET /.well-known/jwks.json */
export type Jwks = JSONWebKeySet;
/** GET /v1/admin/sync */
export type SyncState = z.infer<typeof schemas.SyncState>;
/** The report of a finished log verification. */
export type LogVerification = z.infer<typeof schemas.LogVerification>;
/** GET /v1/admin/recipients/evidence/verification */
export type EvidenceVerification = z.infer<typeof schemas.EvidenceVerification>;
/** POST and GET /v1/admin/log/verify: a background log verification. */
export type LogVerifyJob = z.infer<typeof schemas.LogVerifyJob>;
/** One row of GET /v1/admin/origins/refused. */
export type RefusedOrigin = z.infer<typeof schemas.RefusedOrigins>['items'][number];
/** GET /v1/admin/reconciliation: each brand's İYS days and each account's subscription check. */
export type ReconciliationOverview = z.infer<typeof reconciliation.ReconciliationOverview>;
