// The person's side of a verification (docs/verification.md#the-flow): start a code for an
// address, try a code, ask for another, confirm a link. Each returns what happened or a refusal
// that says what to change; http/routes/verifications.ts only maps them to HTTP.
import { addressSha256 } from '../capture/held-channels.js';
import {
  applyIpPolicy,
  described,
  excerpt,
  normalizeEmail,
  normalizePhone,
  phoneKind,
  valueAt,
  verificationOf,
} from '@izinli/core';
import type { Localized, Problem, SiteConfig } from '@izinli/core';
import { z } from 'zod';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';

/** Wrong codes a verification takes before it locks (as İYS's own confirmation flow). */
export const MAX_CODE_ATTEMPTS = 3;
/** The least time between two sends of one verification. */
export const RESEND_AFTER_MS = 30_000;

/** A refusal the HTTP layer answers as is. */
export interface FlowRefusal {
  status: 400 | 404 | 410 | 422 | 429;
  code: string;
  message: Localized;
  problems?: Problem[];
  retryAfterSeconds?: number;
  attemptsLeft?: number;
}

export type FlowResult<T> = { ok: true; value: T } | { ok: false; refusal: FlowRefusal };

/** What sending does: the verification with its new secret and send time, or why it did not. */
export type SendResult =
  { ok: true; verification: Verification } | { ok: false; reason: 'sendsSpent' | 'failed' };

/** What the flow needs; the server wires the real senders and the group commit in. */
export interface VerificationFlowDeps {
  store: VerificationStore;
  /** The site a key names, or undefined. */
  site(siteKey: string): SiteConfig | undefined;
  /** Makes a new secret, stores its hash and sends it (mail or SMS). */
  send(verification: Verification, site: SiteConfig): Promise<SendResult>;
  /** Whether `secret` is the verification's current code or link token (constant time). */
  secretMatches(verification: Verification, secret: string): boolean;
  /** Chains the confirmation record of a confirmed verification tied to a capture. */
  release(verification: Verification): Promise<void>;
  newId(): string;
  now(): Date;
}

/** The request's facts a confirmation keeps, under the site's IP policy (B10). */
export interface RequestSeen {
  ip?: string;
  userAgent?: string;
}

const StartBody = z.strictObject({
  siteKey: z.string().min(1).max(128),
  channel: z.enum(['MESAJ', 'EPOSTA']),
  phone: z.string().min(1).max(40).optional(),
  email: z.string().min(1).max(300).optional(),
  locale: z.enum(['tr', 'en']).default('tr'),
});

/** A refused step. */
export const refuse = <T>(refusal: FlowRefusal): FlowResult<T> => ({ ok: false, refusal });

/** 422 for a request body that does not fit. */
export const bodyRefusal = (problems: Problem[]): FlowRefusal => ({
  status: 422,
  code: 'verification.rejected',
  message: {
    en: 'The verification request is not valid; see the issues.',
    tr: 'Doğrulama isteği geçerli değil; ayrıntılara bakın.',
  },
  problems,
});

/** The problems of a body zod refused, each saying what was expected. */
export function zodProblems(error: z.ZodError, input: unknown, expected: Localized): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return {
      code: 'verification.field',
      path,
      expected,
      received: excerpt(valueAt(input, path), 60),
    };
  });
}

const START_EXPECTED = {
  en: '{ siteKey, channel: "MESAJ" or "EPOSTA", phone for MESAJ or email for EPOSTA, locale "tr" or "en" }',
  tr: '{ siteKey, channel: "MESAJ" ya da "EPOSTA", MESAJ için phone ya da EPOSTA için email, locale "tr" ya da "en" }',
};

// The address a start request names for its channel, normalised, or the problem with it.
function addressOf(
  body: z.infer<typeof StartBody>,
  site: SiteConfig,
): FlowResult<{ address: string; kind: 'phone' | 'email' }> {
  if (body.channel === 'EPOSTA') {
    if (body.email === undefined) return refuse(bodyRefusal(missing('email')));
    const email = normalizeEmail(body.email);
    if (!email.ok) return refuse(bodyRefusal([{ ...email.error, path: ['email'] }]));
    return { ok: true, value: { address: email.value, kind: 'email' } };
  }
  if (body.phone === undefined) return refuse(bodyRefusal(missing('phone')));
  const phone = normalizePhone(body.phone);
  if (!phone.ok) return refuse(bodyRefusal([{ ...phone.error, path: ['phone'] }]));
  const kind = phoneKind(phone.value);
  const foreign = kind === 'foreign' || kind === 'foreign-mobile';
  // A code goes by SMS: the number must take one, whatever the site accepts for MESAJ itself.
  if (
    (foreign && site.phones.foreign === 'refuse') ||
    !(kind === 'mobile' || kind === 'foreign-mobile')
  ) {
    return refuse(
      bodyRefusal([
        {
          code: 'verification.notMobile',
          path: ['phone'],
          expected: {
            en: 'a mobile number this site accepts: the code is sent by SMS',
            tr: 'bu sitenin kabul ettiği bir cep telefonu numarası: kod SMS ile gönderilir',
          },
          received: excerpt(body.phone, 40),
        },
      ]),
    );
  }
  return { ok: true, value: { address: phone.value, kind: 'phone' } };
}

function missing(field: 'phone' | 'email'): Problem[] {
  return [
    {
      code: 'verification.addressMissing',
      path: [field],
      expected:
        field === 'phone'
          ? {
              en: 'the phone number to send the code to',
              tr: 'kodun gönderileceği telefon numarası',
            }
          : {
              en: 'the e-mail address to send the code to',
              tr: 'kodun gönderileceği e-posta adresi',
            },
      ...described({ en: 'nothing', tr: 'hiçbir şey' }),
    },
  ];
}

/** What a started or resent code answers. */
export interface CodeSent {
  verificationId: string;
  method: 'code';
  expiresAt: string;
  resendAfter: string;
}

/** What a sent code answers. */
export const sentAnswer = (v: Verification): CodeSent => ({
  verificationId: v.id,
  method: 'code',
  expiresAt: v.expiresAt!,
  resendAfter: new Date(Date.parse(v.sentAt!) + RESEND_AFTER_MS).toISOString(),
});

/** The code could not go out (the worker tries again). */
export const SEND_FAILED: FlowRefusal = {
  status: 429,
  code: 'verification.sendFailed',
  message: {
    en: 'The code could not be sent just now; try again in a minute.',
    tr: 'Kod şu anda gönderilemedi; bir dakika sonra yeniden deneyin.',
  },
  retryAfterSeconds: 60,
};

/** `POST /v1/verifications`: a code for an address, for a channel the site verifies by code. */
export async function startCode(
  deps: VerificationFlowDeps,
  input: unknown,
): Promise<FlowResult<CodeSent>> {
  const parsed = StartBody.safeParse(input);
  if (!parsed.success) return refuse(bodyRefusal(zodProblems(parsed.error, input, START_EXPECTED)));
  const body = parsed.data;
  const site = deps.site(body.siteKey);
  if (!site) {
    return refuse({
      status: 404,
      code: 'site.unknown',
      message: { en: 'No site with this key.', tr: 'Bu anahtarla bir site yok.' },
      problems: [
        {
          code: 'site.unknown',
          path: ['siteKey'],
          expected: {
            en: 'the key of a configured site',
            tr: 'yapılandırılmış bir sitenin anahtarı',
          },
          received: excerpt(body.siteKey, 60),
        },
      ],
    });
  }
  const method = verificationOf(site.verification, body.channel);
  if (method !== 'code') {
    return refuse(
      bodyRefusal([
        {
          code: 'verification.notByCode',
          path: ['channel'],
          expected: {
            en: `a channel this site verifies by code (${codeChannels(site).join(', ') || 'none'})`,
            tr: `bu sitenin kodla doğruladığı bir kanal (${codeChannels(site).join(', ') || 'yok'})`,
          },
          ...described({
            en: `${body.channel} (${method})`,
            tr: `${body.channel} (${method === 'link' ? 'bağlantıyla' : 'doğrulanmıyor'})`,
          }),
        },
      ]),
    );
  }
  const address = addressOf(body, site);
  if (!address.ok) return address;
  const now = deps.now();
  const verification: Verification = {
    id: deps.newId(),
    siteKey: site.siteKey,
    method: 'code',
    addressKind: address.value.kind,
    destination: address.value.address,
    destinationSha256: addressSha256(address.value.address),
    locale: body.locale,
    createdAt: now.toISOString(),
    sends: 0,
    holdUntil: new Date(now.getTime() + site.verification.holdHours * 3_600_000).toISOString(),
    attempts: 0,
    state: 'pending',
    channels: [],
  };
  await deps.store.insertVerification(verification);
  const sent = await deps.send(verification, site);
  // A failed send stays due: the worker sends it again, and the widget may ask again.
  if (!sent.ok) return refuse(SEND_FAILED);
  return { ok: true, value: sentAnswer(sent.verification) };
}

const codeChannels = (site: SiteConfig) =>
  site.channels.map((c) => c.type).filter((t) => verificationOf(site.verification, t) === 'code');

/** Confirms once, then releases the held channels when the capture is already known. */
export async function confirm(
  deps: VerificationFlowDeps,
  verification: Verification,
  seen: RequestSeen,
): Promise<Verification | undefined> {
  const site = deps.site(verification.siteKey);
  const kept = applyIpPolicy(site?.ipPolicy ?? 'none', seen);
  const confirmed = await deps.store.confirmVerification(verification.id, {
    at: deps.now().toISOString(),
    ...kept,
  });
  if (confirmed?.captureId !== undefined) await deps.release(confirmed);
  return confirmed;
}
