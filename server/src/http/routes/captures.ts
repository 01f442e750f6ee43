// POST /v1/captures: the browser's capture, answered only after it is durably committed.
import { Hono } from 'hono';
import type { Localized } from '@izinli/core';
import { draftRefusal } from '../../capture/commit-draft.js';
import type { DraftWords } from '../../capture/commit-draft.js';
import { prepareCapture } from '../../capture/prepare-capture.js';
import type { RequestFacts } from '../../capture/prepare-capture.js';
import type { StoredCapture } from '../../store/store.js';
import { attachVerifications } from '../../verification/release-attach.js';
import type { HeldChannelState } from '../../verification/release-attach.js';
import { ApiError, refusalError } from '../api-error.js';
import { JSON_OBJECT, parseJsonBody, requireMediaType } from '../json-body.js';
import { limitBody } from '../body-limit.js';
import type { AppDeps, AppLimits } from '../app-deps.js';
import { RateLimiter } from '../rate-limiter.js';

/** What a 201 or a replay's 200 carries. */
export interface CaptureCreated {
  captureId: string;
  receipt: string;
  /** Per held channel, where its confirmation stands (docs/verification.md#http). */
  verification?: HeldChannelState[];
}

// text/plain too: a page may send the capture as a CORS-simple request (no preflight).
const JSON_TYPES = ['application/json', 'text/plain'];
const FROM_THIS_ADDRESS = { en: 'from this address', tr: 'Bu adresten' };
const FOR_THIS_SITE = { en: 'for this site', tr: 'Bu site için' };
const CAPTURE_WORDS: DraftWords = {
  unstorableCode: 'capture.unstorable',
  unstorable: {
    en: 'The capture cannot be stored as sent; the server logged why. Sending it again will not help.',
    tr: 'Kayıt gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı. Yeniden göndermek işe yaramaz.',
  },
  newId: {
    en: 'a new UUID for a new capture, or the identical body to replay one',
    tr: 'yeni bir kayıt için yeni bir UUID ya da bir kaydı yinelemek için aynı gövde',
  },
  taken: {
    en: 'A different capture with this id is already stored.',
    tr: 'Bu kimlikle farklı bir kayıt zaten saklanmış.',
  },
};

function created(capture: StoredCapture, held: HeldChannelState[]): CaptureCreated {
  return {
    captureId: capture.captureId,
    receipt: capture.receipt!,
    ...(held.length > 0 ? { verification: held } : {}),
  };
}

/** The capture routes. */
export function captureRoutes(
  deps: AppDeps,
  limits: AppLimits,
  clientIp: (c: Parameters<NonNullable<AppDeps['clientIp']>>[0]) => string | undefined,
) {
  const now = deps.now ?? (() => new Date());
  const perIp = new RateLimiter({ limit: limits.perIpPerMinute, now: () => now().getTime() });
  const perSite = new RateLimiter({ limit: limits.perSitePerMinute, now: () => now().getTime() });
  const limited = (retryAfterSeconds: number, what: Localized) =>
    new ApiError(
      429,
      'rate.limited',
      {
        en: `Too many captures ${what.en}; retry after ${retryAfterSeconds} s.`,
        tr: `${what.tr} çok fazla kayıt geldi; ${retryAfterSeconds} saniye sonra yeniden deneyin.`,
      },
      [],
      {
        'Retry-After': String(retryAfterSeconds),
      },
    );

  return new Hono().post(
    '/',
    limitBody(limits.bodyBytes, {
      en: `${limits.bodyBytes} bytes`,
      tr: `${limits.bodyBytes} bayt`,
    }),
    async (c) => {
      const ip = clientIp(c);
      const ipVerdict = perIp.hit(ip ?? 'unknown');
      if (!ipVerdict.ok) throw limited(ipVerdict.retryAfterSeconds, FROM_THIS_ADDRESS);
      requireMediaType(c, JSON_TYPES);
      const body = parseJsonBody(await c.req.text(), JSON_OBJECT);
      const facts: RequestFacts = {
        receivedAt: now(),
        origin: c.req.header('origin'),
        ip,
        userAgent: c.req.header('user-agent'),
      };
      const prepared = prepareCapture(body, facts, deps.config);
      if (!prepared.ok) {
        deps.metrics.captures.inc({ outcome: 'refused' });
        const { code } = prepared.refusal;
        if (code === 'origin.forbidden' && body !== null && typeof body === 'object') {
          const siteKey = (body as { siteKey?: unknown }).siteKey;
          if (typeof siteKey === 'string') {
            deps.originRefusals?.record(siteKey, facts.origin ?? '(no Origin header)', 'capture');
          }
        }
        throw refusalError(prepared.refusal);
      }
      const siteVerdict = perSite.hit(prepared.draft.siteKey);
      if (!siteVerdict.ok) throw limited(siteVerdict.retryAfterSeconds, FOR_THIS_SITE);
      const outcome = await deps.committer.submit(prepared.draft);
      deps.metrics.captures.inc({ outcome: outcome.kind });
      if (outcome.kind === 'unstorable' || outcome.kind === 'conflict') {
        throw refusalError(draftRefusal(outcome, prepared.draft, CAPTURE_WORDS));
      }
      // The code verifications the form named are tied to the capture (and released when
      // confirmed already); a link to send wakes the verification pass.
      const { held } = await attachVerifications(
        { committer: deps.committer, store: deps.store, sites: deps.config.sites, now },
        outcome.capture,
        prepared.draft.verificationIds ?? [],
      );
      if (held.some((h) => h.method === 'link')) deps.kickVerifications?.();
      const answer = created(outcome.capture, held);
      return c.json(answer, outcome.kind === 'replayed' ? 200 : 201);
    },
  );
}
