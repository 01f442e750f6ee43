// The bookshop's webhook endpoint, as a site owner would run it beside their shop: it checks each
// Standard Webhooks signature (HMAC-SHA256 over `id.timestamp.body` with the `whsec_…` secret),
// drops repeats by `webhook-id`, and keeps the latest events in memory for the demo pages.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const KEEP = 100;
const TOLERANCE_SECONDS = 5 * 60;

/**
 * True when one of the `v1,` signatures in `header` signs `id.timestamp.body` with `secret`.
 * @param {string} secret `whsec_` + base64 key
 * @param {{ id: string, timestamp: string, signature: string, body: string }} signed
 */
export function webhookSignatureValid(secret, { id, timestamp, signature, body }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Listens on `host:port` (0: any free port) at `POST /webhooks`.
 * @param {{ secret: string, host?: string, port?: number, now?: () => Date }} options
 */
export async function startWebhookReceiver({ secret, host = '127.0.0.1', port = 0, now }) {
  const clock = now ?? (() => new Date());
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
      const timestamp = String(request.headers['webhook-timestamp'] ?? '');
      const signature = String(request.headers['webhook-signature'] ?? '');
      const age = Math.abs(clock().getTime() / 1000 - Number(timestamp));
      if (!id || !(age <= TOLERANCE_SECONDS)) {
        return answer(400, {
          error: {
            code: 'webhook.headers',
            message: 'Expected webhook-id and a webhook-timestamp within 5 minutes.',
          },
        });
      }
      if (!webhookSignatureValid(secret, { id, timestamp, signature, body })) {
        return answer(401, {
          error: { code: 'webhook.signature', message: 'The webhook-signature does not match.' },
        });
      }
      if (!seen.has(id)) {
        seen.add(id);
        let event;
        try {
          event = JSON.parse(body);
        } catch {
          return answer(400, { error: { code: 'webhook.body', message: 'Expected JSON.' } });
        }
        received.unshift({
          id,
          type: String(event.type),
          timestamp: String(event.timestamp),
          receivedAt: clock().toISOString(),
          data: event.data,
        });
        received.length = Math.min(received.length, KEEP);
      }
      answer(200, { ok: true });
    });
  });
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
