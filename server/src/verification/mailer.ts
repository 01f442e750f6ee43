// E-mail over SMTP with nodemailer (docs/verification.md#sending): `SMTP_URL` names the server
// (smtp:// with STARTTLS when offered, smtps:// for TLS from the start; nodemailer reads options
// such as `?requireTLS=true` from the URL), `SMTP_FROM` the sender. A failed send rejects with a
// MailError that names only what went wrong (nodemailer's error code, the SMTP reply code): the
// server's reply and nodemailer's message quote the recipient, and the message holds the code or
// link, so neither reaches an error, a log line or a webhook delivery's `lastError`.
import { createTransport } from 'nodemailer';

/** One e-mail to one recipient; the sender is the mailer's. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends e-mail; `close` ends its connections. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL, credentials included (SMTP_URL). */
  url: string;
  /** The sender address, e.g. `"Örnek <izin@ornek.com.tr>"` (SMTP_FROM). */
  from: string;
  /** How long connecting, the greeting and each reply may take. */
  timeoutMs: number;
}

/** A send that failed, without personal data: `code` is nodemailer's, `responseCode` the SMTP reply's. */
export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    readonly code: string,
    readonly responseCode?: number,
  ) {
    super(`e-mail not sent: ${code}${responseCode === undefined ? '' : ` (SMTP ${responseCode})`}`);
  }
}

/** Error codes are short upper-case words (EENVELOPE, ETIMEDOUT…); anything else is not kept. */
function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(value) ? value : 'ESEND';
}

/** The MailError for whatever nodemailer threw, keeping none of its text. */
export function mailErrorOf(error: unknown): MailError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const responseCode =
    typeof e.responseCode === 'number' && Number.isInteger(e.responseCode)
      ? e.responseCode
      : undefined;
  return new MailError(safeCode(e.code), responseCode);
}

/** A mailer over the SMTP server of `url`. */
export function createMailer(options: MailerOptions): Mailer {
  const transport = createTransport(
    {
      url: options.url,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      // The message is built from our own strings only: never a file or URL read into it.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    },
    { from: options.from },
  );
  return {
    async send(message) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
        });
      } catch (error) {
        throw mailErrorOf(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
