// A real SMTP server on loopback for the mailer's tests (the smtp-server package): it keeps every
// message it takes, parsed, and refuses recipients when asked to, quoting the address in its
// reply the way real servers do.
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import type { Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';
import { createMailer } from './mailer.js';
import type { Mailer } from './mailer.js';

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** The messages taken, in order, with their envelope recipients. */
  messages: (Email & { envelopeTo: string[] })[];
  close(): Promise<void>;
}

export async function startSmtpServer(options: { refuseRecipients?: boolean } = {}) {
  const messages: TestSmtpServer['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipients) return callback();
      const refusal = Object.assign(new Error(`<${address.address}>: Recipient address rejected`), {
        responseCode: 550,
      });
      callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks)).then(
          (email) => {
            messages.push({ ...email, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies TestSmtpServer;
}

/**
 * Registers the clean-up and returns the opener: a test SMTP server (`options` as for
 * startSmtpServer) and a mailer sending to it from `from`, both closed after the test.
 */
export function smtpMailersPerTest(from: string) {
  const opened: { smtp: TestSmtpServer; mailer: Mailer }[] = [];
  afterEach(async () => {
    for (const { smtp, mailer } of opened.splice(0)) {
      mailer.close();
      await smtp.close();
    }
  });
  return async (options: { refuseRecipients?: boolean } = {}) => {
    const smtp = await startSmtpServer(options);
    const mailer = createMailer({ url: smtp.url, from, timeoutMs: 5000 });
    opened.push({ smtp, mailer });
    return { smtp, mailer };
  };
}
