// The admin API's answers as the console reads them, from the packages that own them: the
// domain's types from @izinli/core, the answers' shapes from @izinli/server/admin-api (an entry
// with none of Node's types). Type-only imports, so the bundle holds nothing of either (no zod,
// no node:); the two lists below are the console's own copies of core's enums for that reason.
import type { CaptureRecord, Channel, ConfirmationRecord, MovementState } from '@izinli/core';
import type { HeldChannel } from '@izinli/server/admin-api';

export type { Channel, MovementState } from '@izinli/core';
export type {
  AdminMovement as Movement,
  CaptureSummary,
  CaptureVerification,
  CheckAnswer,
  Checkpoint,
  DeliveryStats,
  EvidenceVerification,
  HeldChannel,
  ImportReport,
  Jwks,
  LogVerification,
  LogVerifyJob,
  Page,
  ReconciliationOverview,
  RecipientTimeline as Timeline,
  RefusedOrigin,
  SyncState,
} from '@izinli/server/admin-api';

/**
 * The parts of GET /v1/admin/recipients/evidence (the bundle) the evidence page reads; the bundle
 * may carry more (other sources, files), which the page leaves to the JSON file.
 */
export interface EvidenceBundle {
  generatedAt: string;
  tenant: { id: string; name?: string };
  recipient: { phone?: string; email?: string };
  records: {
    captureId: string;
    siteKey: string;
    seq: number;
    recordHash: string;
    record?: CaptureRecord | ConfirmationRecord;
    receipt?: string;
    purgedAt?: string;
  }[];
  /** Where each held channel stands (docs/verification.md); unsigned, beside the signed records. */
  heldChannels?: ({ captureId: string } & Omit<HeldChannel, 'verificationId'>)[];
  notices: {
    siteKey: string;
    id: string;
    version: number;
    locale: string;
    title: string;
    text: string;
    sha256: string;
  }[];
  iysDeliveries: {
    movementId: string;
    captureId: string;
    type: Channel;
    status: string;
    consentDate: string;
    transactionId: string;
    creationDate: string;
    reconciliation?: { day: string; fileLine: string };
  }[];
}

export const CHANNELS = ['MESAJ', 'ARAMA', 'EPOSTA'] as const satisfies readonly Channel[];
export const MOVEMENT_STATES = [
  'pending',
  'in-flight',
  'delivered',
  'already-current',
  'dead',
] as const satisfies readonly MovementState[];

// Each list names every member of core's enum, or this does not compile (types only: no bytes).
type Exhaustive<Missing extends never> = Missing;
export type _Exhaustive = [
  Exhaustive<Exclude<Channel, (typeof CHANNELS)[number]>>,
  Exhaustive<Exclude<MovementState, (typeof MOVEMENT_STATES)[number]>>,
];
