// Makes and sends one code or link of a verification (docs/verification.md#the-flow): a fresh
// secret, its hash stored first (so a code typed the moment it arrives already checks), then the
// message — an e-mail over SMTP for an e-mail address, a `verification.sms` webhook event for a
// phone — and then the send is marked. The secret itself is never returned nor logged: it lives
// only in the message. Refusals are results, for the HTTP route and the worker to word.
import type { SiteConfig } from '@izinli/core';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { WebhookEvent } from '../store/types.js';
import type { Mailer } from './mailer.js';
import { MailError, mailErrorOf } from './mailer.js';
import { verificationMessage } from './messages.js';
import type { MessageFacts } from './messages.js';
import { linkSegment, makeCode, makeLinkToken, secretHash } from './secrets.js';
import { smsEvent } from './sms.js';

/** What sending needs: the two store methods, a mailer (when SMTP is set), the event insert. */
export interface SendVerificationDeps {
  store: Pick<VerificationStore, 'renewSecret' | 'markSent'>;
  /** Absent when the server has no SMTP_URL (the config check refuses EPOSTA policies then). */
  mailer?: Pick<Mailer, 'send'> | undefined;
  /** Writes one webhook event to the outbox (the webhook worker delivers it). */
  insertWebhookEvent(event: WebhookEvent): Promise<void>;
  now(): Date;
  newId(): string;
}

/** Why nothing was sent. */
export type SendRefusal =
  /** Not pending any more (confirmed, expired, locked, superseded) or gone. */
  | 'settled'
  /** `sends` reached the site's `maxSends`. */
  | 'maxSends'
  /** The hold is over: a link or code could not be confirmed in time anyway. */
  | 'holdOver'
  /** An e-mail address, and the server has no mailer. */
  | 'noMailer';

export type SendResult =
  | {
      sent: true;
      via: 'email' | 'sms';
      /** The verification after the send (its new `sends`, `expiresAt`, `sentAt`). */
      verification: Verification;
      expiresAt: string;
    }
  | { sent: false; reason: SendRefusal }
  /** The SMTP server refused or did not answer; the secret is stored, the send not marked. */
  | { sent: false; reason: 'mailFailed'; error: MailError };

export interface SendOptions {
  /** The server's public base URL (PUBLIC_URL), links start with it. */
  publicUrl: string;
}

/** The link a person opens: `${publicUrl}/v1/confirm/${id}.${token}`. */
export function verificationLink(publicUrl: string, id: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/confirm/${linkSegment(id, token)}`;
}

const MINUTE = 60_000;

/** Sends a fresh code or link for `verification` of `site`, or says why not. */
export async function sendVerification(
  deps: SendVerificationDeps,
  verification: Verification,
  site: Pick<SiteConfig, 'name' | 'verification'>,
  options: SendOptions,
): Promise<SendResult> {
  const policy = site.verification;
  // A locked verification takes a new code: three wrong tries lock that code, not the address.
  const open = verification.state === 'pending' || verification.state === 'locked';
  if (!open || verification.destination === undefined) {
    return { sent: false, reason: 'settled' };
  }
  if (verification.sends >= policy.maxSends) return { sent: false, reason: 'maxSends' };
  const now = deps.now();
  const holdUntil = Date.parse(verification.holdUntil);
  if (!(holdUntil > now.getTime())) return { sent: false, reason: 'holdOver' };
  const via = verification.addressKind === 'email' ? 'email' : 'sms';
  const mailer = deps.mailer;
  if (via === 'email' && !mailer) return { sent: false, reason: 'noMailer' };

  const { id, method } = verification;
  const secret = method === 'code' ? makeCode() : makeLinkToken();
  const expiresAt =
    method === 'code' ? new Date(now.getTime() + policy.codeMinutes * MINUTE) : new Date(holdUntil);
  const renewed = await deps.store.renewSecret(
    id,
    secretHash(method, id, secret),
    expiresAt.toISOString(),
  );
  if (!renewed || renewed.state !== 'pending') return { sent: false, reason: 'settled' };
  // Two resends at once both passed the check above; the store counted both, only one goes out.
  if (renewed.sends > policy.maxSends) return { sent: false, reason: 'maxSends' };

  const minutes = Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / MINUTE));
  const facts: MessageFacts =
    method === 'code'
      ? { brand: site.name, minutes, method, code: secret }
      : {
          brand: site.name,
          minutes,
          method,
          link: verificationLink(options.publicUrl, id, secret),
        };
  const message = verificationMessage(policy, verification.locale, facts);
  const destination = verification.destination;

  if (via === 'email') {
    try {
      await mailer!.send({ to: destination, ...message.email });
    } catch (error) {
      return {
        sent: false,
        reason: 'mailFailed',
        error: error instanceof MailError ? error : mailErrorOf(error),
      };
    }
  } else {
    const target = { ...verification, destination, expiresAt: expiresAt.toISOString() };
    await deps.insertWebhookEvent(smsEvent(target, message.sms, () => deps.newId(), now));
  }
  const sentAt = deps.now().toISOString();
  await deps.store.markSent(id, sentAt);
  return {
    sent: true,
    via,
    verification: { ...renewed, sentAt },
    expiresAt: expiresAt.toISOString(),
  };
}
