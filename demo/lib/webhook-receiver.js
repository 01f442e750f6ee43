// The bookshop's webhook endpoint, as a site owner would run it beside their shop: it checks each
// delivery with the official `standardwebhooks` library (the signature over id, timestamp and
// body with the `whsec_…` secret, and a timestamp within five minutes), drops repeats by
// `webhook-id`, hands each `verification.sms` to the site's SMS provider (`sendSms`), and keeps
// the latest events in memory for the demo pages. Copy this, not a hand-written HMAC check.
import { createServer } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

const KEEP = 100;

/**
 * What a `verification.sms` event carries (docs/verification.md#sending): the text to send as is.
 * @typedef {{ verificationId: string, siteKey: string, to: string, text: string, locale: string,
 *   expiresAt: string }} VerificationSms
 */

/**
 * Listens on `host:port` (0: any free port) at `POST /webhooks`. `sendSms` is where a site calls
 * its SMS provider; when it throws, the delivery is answered 503 and izinli sends it again.
 * @param {{ secret: string, host?: string, port?: number, now?: () => Date,
 *   sendSms?: (sms: VerificationSms) => Promise<void> | void }} options
 */
export async function startWebhookReceiver({ secret, host = '127.0.0.1', port = 0, now, sendSms }) {
  const clock = now ?? (() => new Date());
  const webhook = new Webhook(secret);
  /** @type {{ id: string, type: string, timestamp: string, receivedAt: string, data: unknown }[]} */
  const received = [];
  const seen = new Set();
  const server = createServer((request, response) => {
    /** @type {(status: number, body: unknown) => void} */
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/webhooks') {
      return answer(404, { error: { code: 'route.unknown', message: 'POST /webhooks only.' } });
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > 1024 * 1024)
        return answer(413, { error: { code: 'body.tooLarge', message: 'At most 1 MiB.' } });
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id'] ?? '');
      /** @type {Record<string, string>} */
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      try {
        webhook.verify(body, headers);
      } catch (error) {
        const signature =
          error instanceof WebhookVerificationError && /signature/i.test(error.message);
        return signature
          ? answer(401, {
              error: {
                code: 'webhook.signature',
                message: 'The webhook-signature does not match.',
              },
            })
          : answer(400, {
              error: {
                code: 'webhook.headers',
                message: `Expected webhook-id, webhook-signature and a webhook-timestamp within 5 minutes (${String(error)}).`,
              },
            });
      }
      if (seen.has(id)) return answer(200, { ok: true });
      let event;
      try {
        event = JSON.parse(body);
      } catch {
        return answer(400, { error: { code: 'webhook.body', message: 'Expected JSON.' } });
      }
      void handOver(event).then(
        () => {
          seen.add(id);
          received.unshift({
            id,
            type: String(event.type),
            timestamp: String(event.timestamp),
            receivedAt: clock().toISOString(),
            data: event.data,
          });
          received.length = Math.min(received.length, KEEP);
          answer(200, { ok: true });
        },
        // Not marked as seen: izinli's retry of the same webhook-id gets another try.
        () =>
          answer(503, {
            error: { code: 'sms.failed', message: 'The SMS provider did not take the message.' },
          }),
      );
    });
  });
  /**
   * What the site does with an event before it answers 2xx; here only the SMS is handed on.
   * @param {{ type?: unknown, data?: any }} event
   */
  async function handOver(event) {
    if (event.type !== 'verification.sms' || !sendSms) return;
    const { verificationId, siteKey, to, text, locale, expiresAt } = event.data ?? {};
    // A code that can no longer be typed in is not worth a message (a retry that came late).
    if (Date.parse(expiresAt) <= clock().getTime()) return;
    // The text is izinli's, whole (who asks, what for, the code): sent as is, to `to` only.
    await sendSms({ verificationId, siteKey, to, text, locale, expiresAt });
  }

  const listening = await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address()));
  });
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostPart}:${listening.port}/webhooks`,
    /** Newest first, each event once. */
    received: () => received.slice(),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
