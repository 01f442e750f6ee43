import type { CaptureInput, Channel, RecipientType } from '@izinli/core';
import { NAME_MAX, isEmailShape, isPhoneShape } from './address-shape.js';
import { isPhoneChannel, noticeOf } from './site-view.js';
import type { ShownPurpose, SiteView } from './site-view.js';
import { WIDGET_VERSION } from './version.js';

/** The person's fields as typed (host fields or the element's own inputs). */
export interface TypedPerson {
  fullName?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/** Everything a capture is made of, except its id and time. */
export interface DraftInput {
  view: SiteView;
  recipientType: RecipientType;
  person: TypedPerson;
  /** The channel boxes shown, in order. */
  channels: readonly Channel[];
  /** The purpose boxes shown. */
  purposes: readonly ShownPurpose[];
  ticked: { channels: Partial<Record<Channel, boolean>>; purposes: Record<string, boolean> };
  /** The page's origin and path: no query or fragment, which may carry personal data (B10). */
  pageUrl: string;
  /** The code verifications this form started for its ticked channels, confirmed or not. */
  verifications?: string[] | undefined;
}

/** A capture without `id` and `capturedAt`: equal drafts are the same answer from the person. */
export type CaptureDraft = Omit<CaptureInput, 'id' | 'capturedAt'> & {
  /** Code verifications this form started (docs/verification.md#the-flow); the server decides. */
  verifications?: string[];
};

/**
 * Builds the capture body `POST /v1/captures` expects (core `CaptureInput`): every box shown with
 * its state, the texts shown by id, version and hash (B8), and the person's fields. A field the
 * server would refuse is left out when no ticked box needs it, so an unrelated typo in the host
 * form never costs the whole record; the element's validity blocks the cases where it is needed.
 */
export function buildDraft(input: DraftInput): CaptureDraft {
  const { view, ticked } = input;
  const channels: Partial<Record<Channel, boolean>> = {};
  for (const c of input.channels) channels[c] = ticked.channels[c] === true;
  const purposes: Record<string, boolean> = {};
  for (const p of input.purposes) purposes[p.id] = ticked.purposes[p.id] === true;

  const ids = [
    view.aydinlatmaNoticeId,
    ...(input.channels.length > 0 && view.etkNoticeId ? [view.etkNoticeId] : []),
    ...input.purposes.map((p) => p.notice.id),
  ];
  const notices = [...new Set(ids)].flatMap((id) => {
    const n = noticeOf(view, id);
    return n ? [{ id: n.id, version: n.version, sha256: n.sha256 }] : [];
  });

  const fullName = input.person.fullName?.trim();
  const phone = input.person.phone?.trim();
  const email = input.person.email?.trim();
  const person: CaptureInput['person'] = {};
  if (fullName && fullName.length >= 2 && fullName.length <= NAME_MAX) person.fullName = fullName;
  if (phone && isPhoneShape(phone)) person.phone = phone;
  if (email && isEmailShape(email)) person.email = email;

  const { pageUrl, verifications = [] } = input;
  return {
    siteKey: view.siteKey,
    locale: view.locale,
    recipientType: input.recipientType,
    person,
    channels,
    purposes,
    notices,
    widgetVersion: WIDGET_VERSION,
    ...(/^https?:/.test(pageUrl) ? { pageUrl: pageUrl.slice(0, 2048) } : {}),
    ...(verifications.length > 0 ? { verifications } : {}),
  };
}

/** The channels the form can offer: phone channels need a phone field, EPOSTA an e-mail field (A4). */
export function offeredChannels(
  view: SiteView,
  collects: { phone: boolean; email: boolean },
): Channel[] {
  return view.channels
    .map((c) => c.type)
    .filter((c) => (isPhoneChannel(c) ? collects.phone : collects.email));
}
