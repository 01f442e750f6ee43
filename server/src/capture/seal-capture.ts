// Sealing a capture, as a pure function: from a draft, the chain head it continues and the current
// consent state of its recipients, the record (chain fields and hash), its İYS movements and its
// webhook events. No store, no clock, no randomness of its own: the group commit reads what this
// needs inside its transaction, calls it, then signs and writes what it returns.
import {
  CaptureRecord,
  canonicalJson,
  captureRecordHashWith,
  movementKey,
  parseIysDate,
  problemsFromZod,
} from '@izinli/core';
import type { ConsentStatus, Movement, Problem, RecordChannel } from '@izinli/core';
import type { ChainHead, WebhookEvent } from '../store/store.js';
import type { Verification, VerificationSupersede } from '../store/ports/verification-store.js';
import { linkVerifications, supersedesOf } from './held-channels.js';
import { confirmationDueEvent } from './confirmation-due.js';
import type { CaptureDraft } from './prepare-capture.js';

/** What sealing a draft needs besides the draft. */
export interface SealInputs {
  draft: CaptureDraft;
  /** The head of the draft's site chain that the record continues (A13). */
  head: ChainHead;
  /**
   * The current status of the draft's consent keys (see `consentKeys`); a key absent here has
   * none. An unticked box sends RET only where this says ONAY.
   */
  statuses: ReadonlyMap<string, ConsentStatus>;
  /** Our İYS deadline for a consent (A8). */
  deadlineFor(consentDate: Date): Date;
  /**
   * Ids for movements, events and link verifications, asked in order: the movements, the events,
   * then the verifications.
   */
  newId(): string;
  /** SHA-256 (hex) of a text, synchronously: the record hash. */
  sha256: (text: string) => string;
}

/** A sealed draft: everything the group commit signs and writes for it. */
export interface SealedCapture {
  record: CaptureRecord;
  /** `canonicalJson(record)`: one text for the receipt's payload and the stored row. */
  recordJson: string;
  /** The site's chain head once the record is appended. */
  head: ChainHead;
  /** One pending movement per channel whose status this record sets, in the record's order. */
  movements: Movement[];
  /** `capture.recorded`, then `capture.confirmation_due` when one is due (A15). */
  events: WebhookEvent[];
  /** The consent keys this record moves, with the status it moves each to. */
  statusesAfter: Map<string, ConsentStatus>;
  /** The link verifications its held channels start (docs/verification.md#the-flow). */
  verifications: Verification[];
  /** The addresses and channels it decides anew (older open verifications are superseded). */
  supersedes: VerificationSupersede[];
}

/** A sealed record that fails its own schema: the problems say where. */
export class RecordInvalid extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `the sealed record fails its schema at ${problems.map((p) => p.path.join('.')).join(', ')}`,
    );
  }
}

interface Address {
  key: string;
  recipient: string;
}

// Each channel of the draft with its recipient and consent key, where the person gave an address.
function addressed(draft: CaptureDraft) {
  const { record: base, site } = draft;
  const addressOf = (type: RecordChannel['type']): Address | undefined => {
    const recipient = type === 'EPOSTA' ? base.person.email : base.person.phone;
    return recipient === undefined
      ? undefined
      : {
          key: movementKey({ ...site.brand, recipientType: base.recipientType, type, recipient }),
          recipient,
        };
  };
  return base.channels.map((c) => ({ ...c, address: addressOf(c.type) }));
}

/** The consent keys whose current status sealing `draft` needs, in the draft's channel order. */
export function consentKeys(draft: CaptureDraft): string[] {
  return addressed(draft).flatMap((c) => (c.address ? [c.address.key] : []));
}

/**
 * What a record's İYS deadline counts from (A8): its consentDate — the receive time for a widget
 * capture, the real consent time for one an operator records (A19). HS_2015's fixed date is exempt
 * from the 3-day rule, so its movements count from when they were recorded.
 */
export function deadlineBase(
  record: Pick<CaptureRecord, 'consentDate' | 'receivedAt' | 'source'>,
): Date {
  const consent = parseIysDate(record.consentDate);
  return record.source === 'HS_2015' || !consent.ok ? new Date(record.receivedAt) : consent.value;
}

/**
 * Seals a draft on top of `head` and `statuses`; throws `RecordInvalid` when the sealed record
 * fails its own schema (a bug: refuse to sign it rather than store it).
 */
export function sealCapture(inputs: SealInputs): SealedCapture {
  const { draft, head, statuses } = inputs;
  const { record: base, site } = draft;
  const keyed = addressed(draft);
  // ONAY for a ticked box; RET for an unticked box whose current state is ONAY; else nothing. A
  // held box (ticked, verified by code or link) moves nothing until its owner confirms.
  const channels: RecordChannel[] = keyed.map(({ type, checked, verify, address }) => {
    if (checked && verify !== undefined) return { type, checked, verify };
    const current = address ? statuses.get(address.key) : undefined;
    const status = checked ? 'ONAY' : current === 'ONAY' ? 'RET' : undefined;
    return { type, checked, ...(status ? { status } : {}) };
  });
  const unsealed = { ...base, channels, seq: head.seq + 1, prevHash: head.hash };
  const sealed = { ...unsealed, recordHash: captureRecordHashWith(unsealed, inputs.sha256) };
  const parsed = CaptureRecord.safeParse(sealed);
  if (!parsed.success) throw new RecordInvalid(problemsFromZod(parsed.error, sealed));
  const record = parsed.data;
  const deadline = inputs.deadlineFor(deadlineBase(record)).toISOString();
  const movements: Movement[] = channels.flatMap((c) => {
    if (!c.status) return [];
    const { recipient } = keyed.find((k) => k.type === c.type)!.address!;
    return [
      {
        id: inputs.newId(),
        captureId: record.captureId,
        ...site.brand,
        recipientType: record.recipientType,
        type: c.type,
        recipient,
        status: c.status,
        consentDate: record.consentDate,
        source: record.source,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: record.receivedAt,
        deadline,
      },
    ];
  });
  const confirmationDue = site.confirmationEvent && movements.some((m) => m.status === 'ONAY');
  const events: WebhookEvent[] = [
    {
      id: inputs.newId(),
      siteKey: record.siteKey,
      type: 'capture.recorded',
      createdAt: record.receivedAt,
      payload: {
        captureId: record.captureId,
        // 'capture' or 'withdrawal' (B7): a withdrawal's channels carry RET where one is sent.
        kind: record.kind,
        // HS_WEB from the widget; a hand-recorded consent's own source and recorder (A19).
        source: record.source,
        ...(record.kind === 'capture' && record.recordedBy !== undefined
          ? { recordedBy: record.recordedBy }
          : {}),
        siteKey: record.siteKey,
        seq: record.seq,
        receivedAt: record.receivedAt,
        consentDate: record.consentDate,
        recipientType: record.recipientType,
        person: record.person,
        channels: record.channels,
        purposes: record.purposes.map(({ id, granted }) => ({ id, granted })),
        // A15: the site owner's mailer sends a non-promotional confirmation the same day.
        confirmationDue,
      },
    },
  ];
  if (confirmationDue) events.push(confirmationDueEvent(inputs.newId(), record, movements));
  const verifications = record.channels.some((c) => c.verify === 'link')
    ? linkVerifications(record, {
        holdHours: site.verification.holdHours,
        newId: () => inputs.newId(),
        sha256: inputs.sha256,
      })
    : [];
  return {
    ...sealedRecord(record, movements, events),
    verifications,
    supersedes: supersedesOf(record, inputs.sha256),
  };
}

/**
 * What every sealed record carries for the group commit: its canonical text, the chain head it
 * makes, its movements and events, and the consent keys those movements set.
 */
export function sealedRecord<R extends { siteKey: string; seq: number; recordHash: string }>(
  record: R,
  movements: Movement[],
  events: WebhookEvent[],
) {
  return {
    record,
    recordJson: canonicalJson(record),
    head: { siteKey: record.siteKey, seq: record.seq, hash: record.recordHash },
    movements,
    events,
    statusesAfter: new Map(movements.map((m) => [movementKey(m), m.status])),
  };
}
