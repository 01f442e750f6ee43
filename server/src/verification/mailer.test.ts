import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMailer, MailError } from './mailer.js';
import { smtpMailersPerTest } from './smtp-server.test-support.js';

const FROM = 'Kitapçı <izin@kitapci.example>';
const TO = 'ayse.yilmaz@example.com.tr';
const CODE = '042917';

describe('mailer', () => {
  const smtpAndMailer = smtpMailersPerTest(FROM);

  it('delivers the message to a real SMTP server with its From, To, Subject and text', async () => {
    const { smtp, mailer } = await smtpAndMailer();
    await mailer.send({
      to: TO,
      subject: 'Kitapçı doğrulama kodunuz',
      text: `Doğrulama kodunuz: ${CODE}`,
      html: `<p>Doğrulama kodunuz: <strong>${CODE}</strong></p>`,
    });
    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message!.envelopeTo).toEqual([TO]);
    expect(message!.from).toMatchObject({ address: 'izin@kitapci.example', name: 'Kitapçı' });
    expect(message!.to).toEqual([expect.objectContaining({ address: TO })]);
    expect(message!.subject).toBe('Kitapçı doğrulama kodunuz');
    expect(message!.text).toContain(`Doğrulama kodunuz: ${CODE}`);
    expect(message!.html).toContain(`<strong>${CODE}</strong>`);
  });

  it('rejects a refused recipient with an error naming neither the address nor the code', async () => {
    const { smtp, mailer } = await smtpAndMailer({ refuseRecipients: true });
    const sent = mailer.send({ to: TO, subject: `Kod ${CODE}`, text: `Kod ${CODE}` });
    const error = await sent.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    const told = JSON.stringify({ ...(error as object) }) + String((error as Error).message);
    const stack = (error as Error).stack ?? '';
    for (const text of [told, stack]) {
      expect(text).not.toContain('ayse');
      expect(text).not.toContain(CODE);
      expect(text).not.toContain('rejected');
    }
    expect((error as Error).cause).toBeUndefined();
    expect(smtp.messages).toHaveLength(0);
  });

  it('rejects without personal data when the SMTP server does not answer in time', async () => {
    // A listener that accepts and never greets.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const mailer = createMailer({
      url: `smtp://user:hunter2@127.0.0.1:${port}`,
      from: FROM,
      timeoutMs: 300,
    });
    const error = await mailer.send({ to: TO, subject: 's', text: CODE }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    mailer.close();
    silent.close();
    expect(error).toBeInstanceOf(MailError);
    expect(error!.message).toMatch(/^e-mail not sent: [A-Z]+/);
    expect(error!.message).not.toContain('hunter2');
    expect(error!.message).not.toContain('ayse');
  });
});
