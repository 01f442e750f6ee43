// The demo's mail server: a local SMTP catcher the izinli server sends its verification e-mails
// to (SMTP_URL), keeping the latest ones in memory for the demo's mailbox page instead of
// delivering them anywhere. A real site points SMTP_URL at its own mail provider instead.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const KEEP = 50;
const MAX_BYTES = 256 * 1024;

/**
 * @typedef {{ id: number, receivedAt: string, from: string, to: string[], subject: string,
 *   text: string }} CaughtMail
 *   one e-mail as the mailbox page shows it
 */

/**
 * Listens on `host` (a free port; 0 unless `port` says otherwise) and keeps what it is sent.
 * @param {{ host?: string, port?: number, now?: () => Date }} [options]
 */
export async function startMailCatcher({ host = '127.0.0.1', port = 0, now } = {}) {
  const clock = now ?? (() => new Date());
  /** @type {CaughtMail[]} */
  const received = [];
  let next = 1;
  const server = new SMTPServer({
    // Loopback only, no account: the demo's server is the only sender. STARTTLS is off so the
    // sender does not try to upgrade to the library's built-in test certificate.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_BYTES,
    logger: false,
    closeTimeout: 1000,
    banner: 'izinli demo mail catcher',
    async onData(stream, session, callback) {
      try {
        // The sender encodes the text (quoted-printable for Turkish letters, which also wraps a
        // long link): the parser gives it back as it was written, link and letters whole.
        const mail = await simpleParser(stream);
        if (stream.sizeExceeded) return callback(new Error('message too large'));
        received.unshift({
          id: next++,
          receivedAt: clock().toISOString(),
          from: mail.from?.text ?? (session.envelope.mailFrom || undefined)?.address ?? '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        received.length = Math.min(received.length, KEEP);
        callback();
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    },
  });
  /** @type {import('node:net').AddressInfo} */
  const address = await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(/** @type {import('node:net').AddressInfo} */ (server.server.address()));
    });
  });
  // An error on one connection (a client going away) must not stop the demo.
  server.on('error', () => undefined);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    /** What SMTP_URL names: plain SMTP on this machine. */
    url: `smtp://${hostPart}:${address.port}`,
    /** Newest first. */
    received: () => received.slice(),
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
