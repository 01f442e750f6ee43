// A code typed into the widget, and another one asked for (docs/verification.md#the-flow).
import { described } from '@izinli/core';
import type { Verification } from '../store/ports/verification-store.js';
import {
  MAX_CODE_ATTEMPTS,
  RESEND_AFTER_MS,
  SEND_FAILED,
  bodyRefusal,
  confirm,
  refuse,
  sentAnswer,
  zodProblems,
} from './verification-flow.js';
import type {
  CodeSent,
  FlowRefusal,
  FlowResult,
  RequestSeen,
  VerificationFlowDeps,
} from './verification-flow.js';
import { z } from 'zod';

const CodeBody = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/) });

const UNKNOWN: FlowRefusal = {
  status: 404,
  code: 'verification.unknown',
  message: {
    en: 'No verification with this id; ask for a new code.',
    tr: 'Bu kimlikle bir doğrulama yok; yeni bir kod isteyin.',
  },
};

/** The refusal for a verification that can no longer be confirmed, or undefined when it can. */
function closed(v: Verification): FlowRefusal | undefined {
  if (v.state === 'locked') {
    return {
      status: 410,
      code: 'verification.locked',
      message: {
        en: 'Too many wrong codes: this verification is locked. Send a new code to start again.',
        tr: 'Çok fazla yanlış kod girildi: bu doğrulama kilitlendi. Yeniden başlamak için yeni kod gönderin.',
      },
    };
  }
  if (v.state === 'expired' || v.state === 'superseded') {
    return {
      status: 410,
      code: 'verification.expired',
      message: {
        en: 'This verification is no longer open; send a new code.',
        tr: 'Bu doğrulama artık açık değil; yeni bir kod gönderin.',
      },
    };
  }
  return undefined;
}

/** `POST /v1/verifications/{id}/code`: the person typed a code. */
export async function tryCode(
  deps: VerificationFlowDeps,
  id: string,
  input: unknown,
  seen: RequestSeen,
): Promise<FlowResult<{ state: 'confirmed' }>> {
  const parsed = CodeBody.safeParse(input);
  if (!parsed.success) {
    return refuse(
      bodyRefusal(
        zodProblems(parsed.error, input, {
          en: '{ code: six digits }',
          tr: '{ code: altı rakam }',
        }),
      ),
    );
  }
  const verification = await deps.store.verification(id);
  if (!verification || verification.method !== 'code') return refuse(UNKNOWN);
  if (verification.state === 'confirmed') return { ok: true, value: { state: 'confirmed' } };
  const shut = closed(verification);
  if (shut) return refuse(shut);
  const now = deps.now();
  if (verification.expiresAt === undefined || Date.parse(verification.expiresAt) <= now.getTime()) {
    return refuse({
      status: 410,
      code: 'verification.codeExpired',
      message: {
        en: 'The code expired; send a new one.',
        tr: 'Kodun süresi doldu; yeni bir kod gönderin.',
      },
    });
  }
  if (!deps.secretMatches(verification, parsed.data.code)) {
    const after = await deps.store.recordWrongCode(id, MAX_CODE_ATTEMPTS);
    if (!after || after.state === 'locked')
      return refuse(closed({ ...verification, state: 'locked' })!);
    const attemptsLeft = MAX_CODE_ATTEMPTS - after.attempts;
    return refuse({
      status: 422,
      code: 'verification.codeWrong',
      message: {
        en: `The code is not right; ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
        tr: `Kod doğru değil; ${attemptsLeft} deneme hakkınız kaldı.`,
      },
      attemptsLeft,
      problems: [
        {
          code: 'verification.codeWrong',
          path: ['code'],
          expected: {
            en: 'the code sent to the address',
            tr: 'adrese gönderilen kod',
          },
          ...described({ en: 'another code', tr: 'başka bir kod' }),
          params: { attemptsLeft },
        },
      ],
    });
  }
  await confirm(deps, verification, seen);
  return { ok: true, value: { state: 'confirmed' } };
}

/** `POST /v1/verifications/{id}/resend`: another code, within the site's sends and pace. */
export async function resendCode(
  deps: VerificationFlowDeps,
  id: string,
): Promise<FlowResult<CodeSent>> {
  const verification = await deps.store.verification(id);
  if (!verification || verification.method !== 'code') return refuse(UNKNOWN);
  if (verification.state === 'confirmed') {
    return refuse({
      status: 410,
      code: 'verification.confirmed',
      message: { en: 'This address is already confirmed.', tr: 'Bu adres zaten doğrulandı.' },
    });
  }
  // Locked is not closed here: a new code starts a new attempt, within maxSends.
  const shut = verification.state === 'locked' ? undefined : closed(verification);
  if (shut) return refuse(shut);
  const site = deps.site(verification.siteKey);
  if (!site) return refuse(UNKNOWN);
  if (verification.sends >= site.verification.maxSends) {
    return refuse({
      status: 429,
      code: 'verification.sendsSpent',
      message: {
        en: `No more codes for this verification (${site.verification.maxSends} sent); check the number or e-mail address and start again later.`,
        tr: `Bu doğrulama için başka kod gönderilemez (${site.verification.maxSends} gönderildi); numarayı ya da e-posta adresini kontrol edip daha sonra yeniden başlayın.`,
      },
      retryAfterSeconds: 3600,
    });
  }
  const sentAt = verification.sentAt === undefined ? 0 : Date.parse(verification.sentAt);
  const wait = sentAt + RESEND_AFTER_MS - deps.now().getTime();
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return refuse({
      status: 429,
      code: 'verification.tooSoon',
      message: {
        en: `A code was just sent; ask for another in ${seconds} s.`,
        tr: `Az önce bir kod gönderildi; ${seconds} saniye sonra yenisini isteyin.`,
      },
      retryAfterSeconds: seconds,
    });
  }
  const sent = await deps.send(verification, site);
  if (!sent.ok) {
    return refuse(
      sent.reason === 'sendsSpent'
        ? { ...SEND_FAILED, code: 'verification.sendsSpent', retryAfterSeconds: 3600 }
        : SEND_FAILED,
    );
  }
  return { ok: true, value: sentAnswer(sent.verification) };
}
