// One row of the admin captures list: a capture's or withdrawal's boxes with its held channels'
// states (docs/verification.md#in-the-console-and-the-evidence-bundle), a confirmation's released
// channels, or a purged record's digests.
import { isCaptureRecord } from '@izinli/core';
import type { StoredCapture } from '../../store/store.js';
import type { VerificationStore } from '../../store/ports/verification-store.js';
import {
  heldChannelViews,
  holdsChannels,
  verificationView,
} from '../../verification/verification-views.js';
import type { HeldChannelView } from '../../verification/verification-views.js';
import type { CaptureSummary } from '../admin-api-types.js';

export function summary(capture: StoredCapture, held?: HeldChannelView[]): CaptureSummary {
  // İYS days are not listed (listCaptures leaves them out); a purged record keeps its digests.
  const record = capture.record;
  const base = {
    captureId: capture.captureId,
    siteKey: capture.siteKey,
    seq: capture.seq,
    receivedAt: capture.receivedAt,
    recordHash: capture.recordHash,
  };
  if (record?.kind === 'confirmation')
    return {
      ...base,
      kind: record.kind,
      channels: record.channels.map(({ type, status }) => ({ type, checked: true, status })),
      purposes: [],
      confirms: record.confirms.captureId,
    };
  if (!record || !isCaptureRecord(record)) return { ...base, purgedAt: capture.purgedAt };
  return {
    ...base,
    kind: record.kind,
    channels: record.channels,
    purposes: record.purposes.map(({ id, granted }) => ({ id, granted })),
    ...(held && held.length > 0 ? { held } : {}),
  };
}

/** Each held channel's state, for the captures of a page that hold any. */
export async function heldOf(
  store: Pick<VerificationStore, 'verificationsOf'>,
  capture: StoredCapture,
): Promise<HeldChannelView[] | undefined> {
  if (!holdsChannels(capture.record)) return undefined;
  const views = (await store.verificationsOf(capture.captureId)).map(verificationView);
  return heldChannelViews(capture.record, views);
}
