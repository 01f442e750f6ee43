// An SMS goes out through the site owner's own provider (docs/verification.md#sending): izinli
// writes a `verification.sms` webhook event with the number and the text, the webhook worker
// delivers it signed (Standard Webhooks) to the tenant's targets that take it, and the receiver
// hands the text to its SMS provider. The event rides the same outbox as every other event.
import type { SupportedLocale } from '@izinli/core';
import type { WebhookEvent } from '../store/types.js';
import type { Verification } from '../store/ports/verification-store.js';

/** The webhook event type that carries an SMS to send. */
export const VERIFICATION_SMS_EVENT = 'verification.sms';

/** The `data` of a `verification.sms` event. */
export interface VerificationSmsPayload {
  verificationId: string;
  siteKey: string;
  /** The number, E.164 (`+905321234567`). */
  to: string;
  /** The whole message, code or link included: send it as it is. */
  text: string;
  locale: SupportedLocale;
  /** When the code or link stops working: an SMS still queued past it is pointless. */
  expiresAt: string;
}

/** What an SMS needs of a verification: a number to go to and the end of the current secret. */
export type SmsVerification = Pick<Verification, 'id' | 'siteKey' | 'locale'> & {
  destination: string;
  expiresAt: string;
};

/** The `verification.sms` event that sends `text` to the verification's number. */
export function smsEvent(
  verification: SmsVerification,
  text: string,
  newId: () => string,
  now: Date,
): WebhookEvent {
  const payload: VerificationSmsPayload = {
    verificationId: verification.id,
    siteKey: verification.siteKey,
    to: verification.destination,
    text,
    locale: verification.locale,
    expiresAt: verification.expiresAt,
  };
  return {
    id: newId(),
    siteKey: verification.siteKey,
    type: VERIFICATION_SMS_EVENT,
    payload,
    createdAt: now.toISOString(),
  };
}
