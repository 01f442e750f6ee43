// The confirmation record (docs/verification.md#records) through the group commit: a draft built
// from a confirmed verification and the capture whose held channels it releases, and its pure
// seal — the record (chain fields and hash), one ONAY movement per released channel, and its
// webhook events. Like the İYS day, it has one writer: the group commit, under the site's head.
import { createHash } from 'node:crypto';
import {
  ConfirmationRecord,
  applyIpPolicy,
  captureRecordHashWith,
  formatIysDate,
  isCaptureRecord,
  movementKey,
  parseIysDate,
  problemsFromZod,
} from '@izinli/core';
import type {
  CaptureRecord,
  Channel,
  ConsentStatus,
  IpPolicy,
  Movement,
  SiteConfig,
} from '@izinli/core';
import type { Verification } from '../store/ports/verification-store.js';
import type { ChainHead, StoredCapture, WebhookEvent } from '../store/types.js';
import { confirmationDueEvent } from './confirmation-due.js';
import { channelAddress, heldChannelsOf } from './held-channels.js';
import { bodyFingerprint } from './prepare-capture.js';
import { RecordInvalid, sealedRecord } from './seal-capture.js';

/** A confirmation for one site's chain, before the chain places it. */
export interface ConfirmationDraft {
  /** Derived from the verification's id (`confirmationId`), so a retry replays it. */
  captureId: string;
  siteKey: string;
  site: SiteConfig;
  /** SHA-256 of what the confirmation states (not of when it was sealed): a retry replays. */
  bodyHash: string;
  record: Omit<ConfirmationRecord, 'seq' | 'prevHash' | 'recordHash'>;
  /** The capture it releases (its person gives the movements' recipients). */
  capture: CaptureRecord;
}

/** Whether a draft the group commit took is a confirmation. */
export const isConfirmationDraft = (draft: {
  record: { kind: string };
}): draft is ConfirmationDraft => draft.record.kind === 'confirmation';

/**
 * The confirmation record's id: a name-based UUID (RFC 9562 version 8, from SHA-256) of the
 * verification's id, so the same verification always chains the same record.
 */
export function confirmationId(verificationId: string): string {
  const h = createHash('sha256').update(`izinli.confirmation:${verificationId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Why a confirmed verification cannot become a confirmation record. */
export class ConfirmationUnbuildable extends Error {
  constructor(
    readonly reason:
      'notConfirmed' | 'noCapture' | 'captureMismatch' | 'capturePurged' | 'nothingHeld',
    message: string,
  ) {
    super(`confirmation: ${message}`);
  }
}

/**
 * The İYS consentDate of a confirmed permission: the later of the capture's consentDate and the
 * confirmation time (docs/verification.md, "Which date İYS gets").
 */
export function confirmedConsentDate(captureConsentDate: string, confirmedAt: string): string {
  const capture = parseIysDate(captureConsentDate);
  const confirmed = new Date(confirmedAt);
  if (!capture.ok) return formatIysDate(confirmed);
  return confirmed.getTime() > capture.value.getTime()
    ? formatIysDate(confirmed)
    : captureConsentDate;
}

/**
 * The draft of `verification`'s confirmation of `capture` (the stored capture it is tied to),
 * sealed at `now`; the confirming request's ip and user agent kept as `ipPolicy` says (B10).
 * Throws `ConfirmationUnbuildable` when the two do not belong together or nothing is held.
 */
export function buildConfirmationDraft(
  verification: Verification,
  capture: StoredCapture,
  site: SiteConfig,
  now: Date,
  ipPolicy: IpPolicy = site.ipPolicy,
): ConfirmationDraft {
  const { confirmedAt } = verification;
  if (verification.state !== 'confirmed' || confirmedAt === undefined) {
    throw new ConfirmationUnbuildable('notConfirmed', `${verification.id} is not confirmed`);
  }
  if (verification.captureId === undefined) {
    throw new ConfirmationUnbuildable('noCapture', `${verification.id} is tied to no capture`);
  }
  if (
    capture.captureId !== verification.captureId ||
    capture.siteKey !== verification.siteKey ||
    site.siteKey !== verification.siteKey
  ) {
    throw new ConfirmationUnbuildable(
      'captureMismatch',
      `${verification.id} does not release ${capture.captureId} of ${site.siteKey}`,
    );
  }
  const record = capture.record;
  if (record === undefined || !isCaptureRecord(record) || record.kind !== 'capture') {
    throw new ConfirmationUnbuildable(
      'capturePurged',
      `${capture.captureId} holds no capture record (purged, or not a capture)`,
    );
  }
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const channels = heldChannelsOf(
    record,
    verification.destinationSha256,
    verification.method,
    sha256,
  );
  if (channels.length === 0) {
    throw new ConfirmationUnbuildable(
      'nothingHeld',
      `${capture.captureId} holds no channel by ${verification.method} for that address`,
    );
  }
  const id = confirmationId(verification.id);
  const confirms = { captureId: record.captureId, recordHash: capture.recordHash };
  const stated = {
    verificationId: verification.id,
    confirms,
    channels,
    method: verification.method,
    confirmedAt: new Date(confirmedAt).toISOString(),
  };
  return {
    captureId: id,
    siteKey: site.siteKey,
    site,
    bodyHash: bodyFingerprint(stated),
    capture: record,
    record: {
      kind: 'confirmation',
      captureId: id,
      siteKey: site.siteKey,
      receivedAt: now.toISOString(),
      consentDate: confirmedConsentDate(record.consentDate, confirmedAt),
      confirms,
      channels: channels.map((type) => ({ type, status: 'ONAY' as const })),
      method: verification.method,
      destinationSha256: verification.destinationSha256,
      sentAt: new Date(verification.sentAt ?? verification.createdAt).toISOString(),
      confirmedAt: stated.confirmedAt,
      attempts: verification.attempts,
      ...applyIpPolicy(ipPolicy, { ip: verification.ip, userAgent: verification.userAgent }),
    },
  };
}

/** What sealing a confirmation needs besides the draft. */
export interface ConfirmationSealInputs {
  draft: ConfirmationDraft;
  /** The head of the site's chain that the record continues (A13). */
  head: ChainHead;
  /** Our İYS deadline for a consent (A8). */
  deadlineFor(consentDate: Date): Date;
  /** Ids for movements and events, asked in order: the movements, then the events. */
  newId(): string;
  sha256: (text: string) => string;
}

/** A sealed confirmation: everything the group commit signs and writes for it. */
export interface SealedConfirmation {
  record: ConfirmationRecord;
  recordJson: string;
  head: ChainHead;
  /** One pending ONAY per released channel, in the record's order. */
  movements: Movement[];
  /** `verification.confirmed`, then `capture.confirmation_due` when the site asks for it (A15). */
  events: WebhookEvent[];
  /** The consent keys the confirmation moves to ONAY. */
  statusesAfter: Map<string, ConsentStatus>;
}

/**
 * Seals a confirmation on top of `head`; throws `RecordInvalid` when the sealed record fails its
 * own schema (a bug: refuse to sign it rather than store it).
 */
export function sealConfirmation(inputs: ConfirmationSealInputs): SealedConfirmation {
  const { draft, head } = inputs;
  const { capture, site } = draft;
  const unsealed = { ...draft.record, seq: head.seq + 1, prevHash: head.hash };
  const sealed = { ...unsealed, recordHash: captureRecordHashWith(unsealed, inputs.sha256) };
  const parsed = ConfirmationRecord.safeParse(sealed);
  if (!parsed.success) throw new RecordInvalid(problemsFromZod(parsed.error, sealed));
  const record = parsed.data;
  const consent = parseIysDate(record.consentDate);
  const deadline = inputs
    .deadlineFor(consent.ok ? consent.value : new Date(record.receivedAt))
    .toISOString();
  const movements: Movement[] = record.channels.map(({ type }) => ({
    id: inputs.newId(),
    captureId: record.captureId,
    ...site.brand,
    recipientType: capture.recipientType,
    type,
    recipient: recipientOf(capture, type),
    status: 'ONAY',
    consentDate: record.consentDate,
    source: capture.source,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: record.receivedAt,
    deadline,
  }));
  const events: WebhookEvent[] = [
    {
      id: inputs.newId(),
      siteKey: record.siteKey,
      type: 'verification.confirmed',
      createdAt: record.receivedAt,
      payload: {
        captureId: record.confirms.captureId,
        confirmationId: record.captureId,
        siteKey: record.siteKey,
        seq: record.seq,
        method: record.method,
        channels: record.channels.map((c) => c.type),
        confirmedAt: record.confirmedAt,
        consentDate: record.consentDate,
      },
    },
  ];
  if (site.confirmationEvent) {
    // A15 counts from the permission İYS gets: the confirmation's, for the capture's person.
    const due = { ...capture, consentDate: record.consentDate, receivedAt: record.receivedAt };
    events.push(confirmationDueEvent(inputs.newId(), due, movements));
  }
  return sealedRecord(record, movements, events);
}

/** The consent keys a confirmation moves to ONAY (the group commit layers them on the batch's). */
export function confirmationKeys(draft: ConfirmationDraft): string[] {
  const { capture, site } = draft;
  return draft.record.channels.map(({ type }) =>
    movementKey({
      ...site.brand,
      recipientType: capture.recipientType,
      type,
      recipient: recipientOf(capture, type),
    }),
  );
}

function recipientOf(capture: CaptureRecord, type: Channel): string {
  const found = channelAddress(capture.person, type);
  // buildConfirmationDraft released only channels whose address the capture holds.
  if (!found) throw new Error(`confirmation: ${capture.captureId} has no address for ${type}`);
  return found.address;
}
