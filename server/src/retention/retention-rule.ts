// When a record's consent has ended, and when its personal data is due for purging (A14, B10).
//
// The rule, per record R of site S (a capture or a withdrawal):
// - Each channel box R ticked is an İYS consent key (brand, recipientType, channel, address). The
//   person's state for the key is the newest of (a) our newest non-dead movement for the key and
//   (b) the mirror (İYS's own state, e.g. a refusal the person made at İYS), by consentDate. The
//   key has ended when that state is RET; it ended at that state's consentDate. An ONAY, or no
//   state at all, means the consent is still in effect (A12: consent does not expire).
// - Each purpose R granted has ended when the newest later record of S that names the same phone
//   or e-mail and shows that purpose has it not granted (a withdrawal, B7); it ended at that
//   record's receivedAt. A later grant, or nothing later, means it is still in effect.
// - R's consent ends when every channel and purpose it granted has ended: at the latest of those
//   instants. A record that granted nothing (a withdrawal, a refusal, a form sent with every box
//   unticked) is evidence of that act and "ends" at its own receivedAt.
// - R is due when its end lies `yearsAfterEnd` years (the site's retention, default 3) or more in
//   the past. A record with an open movement is never purged: the store refuses it.
// IP and user agent live inside the record, so they go with it (B10).
import { addressKindOf, parseIysDate } from '@izinli/core';
import type { CaptureRecord, Channel, ConsentStatus } from '@izinli/core';

/** One known state of an İYS key: status and its consentDate (İYS format, Turkey time). */
export interface KeyState {
  status: ConsentStatus;
  consentDate: string;
}

/** A later record's answer for a purpose: granted or not, and when it was received. */
export interface PurposeState {
  granted: boolean;
  receivedAt: string;
}

/** What the rule needs to know about the world beyond the record. */
export interface RetentionFacts {
  /** The person's current state for the record's channel `type` (undefined: none known). */
  channelState(type: Channel): KeyState | undefined;
  /** The newest later answer for purpose `id` by the same person (undefined: none). */
  purposeState(id: string): PurposeState | undefined;
}

/** When the consent a record gave ended, or `undefined` while any of it is still in effect. */
export function consentEnd(record: CaptureRecord, facts: RetentionFacts): Date | undefined {
  let end = new Date(record.receivedAt);
  const later = (d: Date) => {
    if (d.getTime() > end.getTime()) end = d;
  };
  for (const channel of record.channels) {
    if (!channel.checked) continue;
    if (record.person[addressKindOf(channel.type)] === undefined) return undefined;
    const state = facts.channelState(channel.type);
    if (state?.status !== 'RET') return undefined;
    const at = parseIysDate(state.consentDate);
    // An unreadable date cannot prove the end: keep the record.
    if (!at.ok) return undefined;
    later(at.value);
  }
  for (const purpose of record.purposes) {
    if (!purpose.granted) continue;
    const state = facts.purposeState(purpose.id);
    if (!state || state.granted) return undefined;
    later(new Date(state.receivedAt));
  }
  return end;
}

/** `instant` plus whole calendar years (UTC; 29 February rolls to 1 March). */
export function addYears(instant: Date, years: number): Date {
  const d = new Date(instant.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** True when a consent that ended at `end` is past a retention of `yearsAfterEnd` at `now`. */
export function purgeDue(end: Date, yearsAfterEnd: number, now: Date): boolean {
  return addYears(end, yearsAfterEnd).getTime() <= now.getTime();
}

/** The newest of some key states by consentDate (fixed-width text: text order is time order). */
export function newestState(states: readonly (KeyState | undefined)[]): KeyState | undefined {
  let newest: KeyState | undefined;
  for (const s of states) if (s && (!newest || s.consentDate >= newest.consentDate)) newest = s;
  return newest;
}
