import { exampleSiteConfig } from '@izinli/core/fixtures';
import type { VerificationPolicy } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { WebhookEvent } from '../store/types.js';
import type { Mailer } from './mailer.js';
import { parseLinkSegment, secretMatches } from './secrets.js';
import { sendVerification, verificationLink } from './send-verification.js';
import type { SendVerificationDeps } from './send-verification.js';
import type { VerificationSmsPayload } from './sms.js';
import { smtpMailersPerTest } from './smtp-server.test-support.js';

const NOW = new Date('2031-03-20T09:00:00.000Z');
const PUBLIC_URL = 'https://izin.example.com.tr/';
const policy: VerificationPolicy = {
  channels: { MESAJ: 'code', EPOSTA: 'link' },
  holdHours: 72,
  codeMinutes: 3,
  maxSends: 3,
  messages: {},
};
const site = { ...exampleSiteConfig, verification: policy };

function verification(edit: Partial<Verification> = {}): Verification {
  return {
    id: 'ver_1',
    siteKey: site.siteKey,
    method: 'code',
    addressKind: 'phone',
    destination: '+905321234567',
    destinationSha256: 'a'.repeat(64),
    locale: 'tr',
    createdAt: NOW.toISOString(),
    sends: 0,
    holdUntil: new Date(NOW.getTime() + 72 * 3600_000).toISOString(),
    attempts: 0,
    state: 'pending',
    channels: ['MESAJ'],
    ...edit,
  };
}

/** The two port methods sending uses, over one in-memory row, as the port describes them. */
function memoryStore(row: Verification) {
  const store: Pick<VerificationStore, 'renewSecret' | 'markSent'> & { row: Verification } = {
    row,
    async renewSecret(id, secretHash, expiresAt) {
      if (id !== store.row.id || store.row.state !== 'pending') return undefined;
      const { sentAt: _sent, ...rest } = store.row;
      store.row = { ...rest, secretHash, expiresAt, sends: store.row.sends + 1 };
      return store.row;
    },
    async markSent(id, at) {
      if (id === store.row.id) store.row = { ...store.row, sentAt: at };
    },
  };
  return store;
}

function depsFor(row: Verification, mailer?: Mailer) {
  const store = memoryStore(row);
  const events: WebhookEvent[] = [];
  let n = 0;
  const deps: SendVerificationDeps = {
    store,
    mailer,
    insertWebhookEvent: async (event) => {
      events.push(event);
    },
    now: () => NOW,
    newId: () => `evt_${++n}`,
  };
  return { deps, store, events };
}

describe('sendVerification', () => {
  const smtpAndMailer = smtpMailersPerTest('izin@ornek.com.tr');

  it('texts a fresh code as a verification.sms event, stores only its hash, marks the send', async () => {
    const { deps, store, events } = depsFor(verification());
    const result = await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL });
    expect(result).toMatchObject({ sent: true, via: 'sms', expiresAt: '2031-03-20T09:03:00.000Z' });
    expect(events).toHaveLength(1);
    const payload = events[0]!.payload as VerificationSmsPayload;
    expect(events[0]).toMatchObject({ type: 'verification.sms', siteKey: site.siteKey });
    expect(payload).toMatchObject({
      verificationId: 'ver_1',
      to: '+905321234567',
      locale: 'tr',
      expiresAt: '2031-03-20T09:03:00.000Z',
    });
    const code = /\b(\d{6})\b/.exec(payload.text)![1]!;
    expect(payload.text).toContain(site.name);
    expect(payload.text).toContain('3 dakika');
    expect(store.row).toMatchObject({ sends: 1, sentAt: NOW.toISOString() });
    expect(store.row.secretHash).not.toContain(code);
    expect(secretMatches('code', 'ver_1', code, store.row.secretHash)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(code);
  });

  it('e-mails a link over a real SMTP server; the link’s token checks against the stored hash', async () => {
    const { smtp, mailer } = await smtpAndMailer();
    const row = verification({
      method: 'link',
      addressKind: 'email',
      destination: 'ayse@example.com.tr',
      channels: ['EPOSTA'],
      locale: 'en',
    });
    const { deps, store, events } = depsFor(row, mailer);
    const result = await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL });
    expect(result).toMatchObject({ sent: true, via: 'email', expiresAt: row.holdUntil });
    expect(events).toEqual([]);
    const [mail] = smtp.messages;
    expect(mail!.envelopeTo).toEqual(['ayse@example.com.tr']);
    expect(mail!.subject).toBe(`${site.name}: confirm your permission`);
    const link = /https:\/\/izin\.example\.com\.tr\/v1\/confirm\/(\S+)/.exec(mail!.text!);
    expect(link).not.toBeNull();
    const parsed = parseLinkSegment(link![1]!)!;
    expect(parsed.id).toBe('ver_1');
    expect(verificationLink(PUBLIC_URL, 'ver_1', parsed.token)).toBe(link![0]);
    expect(mail!.text).toContain('3 days');
    expect(mail!.html).toContain(`<a href="${link![0]}">`);
    expect(secretMatches('link', 'ver_1', parsed.token, store.row.secretHash)).toBe(true);
    expect(store.row).toMatchObject({
      sends: 1,
      expiresAt: row.holdUntil,
      sentAt: NOW.toISOString(),
    });
  });

  it('uses the site’s own text for the locale', async () => {
    const own = {
      ...site,
      verification: { ...policy, messages: { tr: { sms: '{brand}: {code} ({minutes} dk)' } } },
    };
    const { deps, store, events } = depsFor(verification());
    await sendVerification(deps, store.row, own, { publicUrl: PUBLIC_URL });
    expect((events[0]!.payload as VerificationSmsPayload).text).toMatch(
      new RegExp(`^${site.name}: \\d{6} \\(3 dk\\)$`),
    );
  });

  it('refuses once sends reached maxSends, and for a settled or held-over verification', async () => {
    const cases: [Partial<Verification>, string][] = [
      [{ sends: 3, sentAt: NOW.toISOString() }, 'maxSends'],
      [{ state: 'confirmed' }, 'settled'],
      [{ state: 'expired', destination: undefined }, 'settled'],
      [{ holdUntil: NOW.toISOString() }, 'holdOver'],
      [{ addressKind: 'email', destination: 'a@example.com.tr' }, 'noMailer'],
    ];
    for (const [edit, reason] of cases) {
      const { deps, store, events } = depsFor(verification(edit));
      const before = store.row;
      expect(await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL })).toEqual({
        sent: false,
        reason,
      });
      expect(store.row).toBe(before);
      expect(events).toEqual([]);
    }
    // Another resend got in between: the store counted it, this one does not go out.
    const raced = depsFor(verification({ sends: 2 }));
    const stale = raced.store.row;
    raced.store.row = { ...stale, sends: 3 };
    expect(await sendVerification(raced.deps, stale, site, { publicUrl: PUBLIC_URL })).toEqual({
      sent: false,
      reason: 'maxSends',
    });
    expect(raced.events).toEqual([]);
    const { deps, store } = depsFor(verification({ sends: 2 }));
    expect(await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL })).toMatchObject({
      sent: true,
    });
    expect(await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL })).toEqual({
      sent: false,
      reason: 'maxSends',
    });
  });

  it('reports a refused e-mail without personal data and leaves the send unmarked', async () => {
    const { mailer } = await smtpAndMailer({ refuseRecipients: true });
    const row = verification({ addressKind: 'email', destination: 'ayse@example.com.tr' });
    const { deps, store } = depsFor(row, mailer);
    const result = await sendVerification(deps, store.row, site, { publicUrl: PUBLIC_URL });
    expect(result).toMatchObject({ sent: false, reason: 'mailFailed' });
    if (result.sent || result.reason !== 'mailFailed') return;
    expect(result.error).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    expect(result.error.message).not.toContain('ayse');
    expect(store.row.sends).toBe(1);
    expect(store.row.sentAt).toBeUndefined();
  });
});
