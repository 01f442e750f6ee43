import type { Channel, ConsentStatus, IysErrorEntry, RecipientType, Source } from '@izinli/core';

/** A consent as the simulator holds it once validated: recipient normalised, dates parsed. */
export interface NormalizedConsent {
  iysCode: number;
  brandCode: number;
  recipient: string;
  recipientType: RecipientType;
  type: Channel;
  status: ConsentStatus;
  source?: Source;
  /** İYS format, as sent. */
  consentDate?: string;
  consentDateMs?: number;
  retailerCode?: number;
  retailerAccess?: number[];
}

/** The current record of one key (iysCode, brandCode, recipientType, type, recipient). */
export interface ConsentRecord extends NormalizedConsent {
  creationDate: string;
  creationMs: number;
  transactionId: string;
}

/** How a movement reached the simulator. */
export type MovementOrigin = 'single-v1' | 'single-v2' | 'batch-v1' | 'batch-v2' | 'citizen';

/** One accepted change, in acceptance order (`seq`). */
export interface Movement extends ConsentRecord {
  seq: number;
  origin: MovementOrigin;
  citizenName?: string;
}

/** One item of a batch once processed. */
export interface BatchItemResult {
  index: number;
  subRequestId: string;
  status: 'success' | 'failure';
  transactionId?: string;
  creationDate?: string;
  error?: IysErrorEntry;
  /** v2: where an identical consent was processed before. */
  original?: { requestId?: string; subRequestId?: string; viaSingleV2: boolean };
}

/** A submitted batch; `results` appear once simulated time reaches `dueMs`. */
export interface Batch {
  requestId: string;
  version: 'v1' | 'v2';
  iysCode: number;
  brandCode: number;
  submittedMs: number;
  /** When the simulator processes it (≥ the 300 s first-poll time; faults may delay it). */
  dueMs: number;
  items: { consent: NormalizedConsent; subRequestId: string }[];
  results?: BatchItemResult[];
}

/** Where an accepted consent was first recorded, for v2's replay answers. */
export interface OriginalWrite {
  transactionId: string;
  creationDate: string;
  requestId?: string;
  subRequestId?: string;
  viaSingleV2: boolean;
}

/** A push connection registered with `…/push/registration`. */
export interface PushConnection {
  iysCode: number;
  brandCode: number;
  url: string;
  type: Channel;
  username: string;
  password: string;
  active: boolean;
  status: string;
  registerTime: string;
}

/** All mutable simulator data; `reset()` empties it. */
export class SimState {
  consents = new Map<string, ConsentRecord>();
  movements: Movement[] = [];
  batches = new Map<string, Batch>();
  /** v2 single add: hash of (params, body bytes) → its answer. */
  v2Replays = new Map<string, { transactionId: string; creationDate: string }>();
  /** Consent fingerprint (key, status, source, consentDate) → its first successful write. */
  originals = new Map<string, OriginalWrite>();
  pushConnections: PushConnection[] = [];
  /** Reconciled days (`PUT …/agreements/{reportDate}`), as `iysCode/brandCode/YYYY-MM-DD`. */
  agreements = new Set<string>();
  nextSeq = 1;

  reset(): void {
    this.consents.clear();
    this.movements = [];
    this.batches.clear();
    this.v2Replays.clear();
    this.originals.clear();
    this.pushConnections = [];
    this.agreements.clear();
    this.nextSeq = 1;
  }
}

/** The key İYS keeps one current record per. */
export function consentKey(c: {
  iysCode: number;
  brandCode: number;
  recipientType: RecipientType;
  type: Channel;
  recipient: string;
}): string {
  return `${c.iysCode}/${c.brandCode}/${c.recipientType}/${c.type}/${c.recipient}`;
}

/** Identifies "the same consent sent again" for v2 replays. */
export function consentFingerprint(c: NormalizedConsent): string {
  return `${consentKey(c)}/${c.status}/${c.source ?? ''}/${c.consentDate ?? ''}`;
}

/** Whether a source is one only İYS sets (a citizen's own act). */
export function isIysSource(source: Source | undefined): boolean {
  return source !== undefined && source.startsWith('IYS_');
}
