// The demo's stand-in for an SMS provider: the bookshop's webhook receiver hands it each
// `verification.sms` text, and the demo's inbox page shows them. A real site calls its provider's
// API at that point instead (docs/demo.md#sms-through-the-sites-own-provider).

const KEEP = 50;

/**
 * @typedef {{ to: string, text: string, locale: string, receivedAt: string,
 *   expiresAt: string }} DemoSms
 *   one text message as the inbox page shows it
 */

/** @param {{ now?: () => Date }} [options] */
export function createSmsInbox({ now } = {}) {
  const clock = now ?? (() => new Date());
  /** @type {DemoSms[]} */
  const received = [];
  return {
    /** @param {import('./webhook-receiver.js').VerificationSms} sms */
    send(sms) {
      const { to, text, locale, expiresAt } = sms;
      received.unshift({ to, text, locale, expiresAt, receivedAt: clock().toISOString() });
      received.length = Math.min(received.length, KEEP);
    },
    /** Newest first. */
    received: () => received.slice(),
  };
}
