// /v1/verifications: the widget's code step and the link a person opens (docs/verification.md#http).
// The flow lives in verification/verification-flow.ts; this maps its answers and refusals to HTTP,
// with CORS for the sites' origins and rate limits per IP and per address.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { excerpt } from '@izinli/core';
import type { Localized } from '@izinli/core';
import { LINK_PAGE_HEADERS, linkPage } from '../../verification/link-page.js';
import type { LinkPageView } from '../../verification/link-page.js';
import { resendCode, tryCode } from '../../verification/verification-code.js';
import { addressSha256 } from '../../capture/held-channels.js';
import { startCode } from '../../verification/verification-flow.js';
import type {
  FlowRefusal,
  FlowResult,
  VerificationFlowDeps,
} from '../../verification/verification-flow.js';
import { confirmLink, lookUpLink } from '../../verification/verification-link.js';
import type { LinkLookup } from '../../verification/verification-link.js';
import { ApiError, requestLocale } from '../api-error.js';
import { JSON_OBJECT, parseJsonBody, requireMediaType } from '../json-body.js';
import { limitBody } from '../body-limit.js';
import type { AppDeps } from '../app-deps.js';
import { RateLimiter } from '../rate-limiter.js';

const JSON_TYPES = ['application/json', 'text/plain'];
const BODY_BYTES = 4096;

const limiterError = (retryAfterSeconds: number, what: Localized) =>
  new ApiError(
    429,
    'rate.limited',
    {
      en: `Too many verification requests ${what.en}; retry after ${retryAfterSeconds} s.`,
      tr: `${what.tr} çok fazla doğrulama isteği geldi; ${retryAfterSeconds} saniye sonra yeniden deneyin.`,
    },
    [],
    { 'Retry-After': String(retryAfterSeconds) },
  );

function flowError(refusal: FlowRefusal): ApiError {
  const headers: Record<string, string> =
    refusal.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(refusal.retryAfterSeconds) };
  // The widget says how many codes are left (docs/verification.md#http).
  return new ApiError(
    refusal.status,
    refusal.code,
    refusal.message,
    refusal.problems ?? [],
    headers,
    refusal.attemptsLeft === undefined ? {} : { attemptsLeft: refusal.attemptsLeft },
  );
}

function answer<T>(result: FlowResult<T>): T {
  if (!result.ok) throw flowError(result.refusal);
  return result.value;
}

/** Mounted at /v1: /v1/verifications… for the widget, /v1/confirm/{token} for a link. */
export function verificationRoutes(
  deps: AppDeps & { verification: VerificationFlowDeps },
  clientIp: (c: Context) => string | undefined,
) {
  const flow = deps.verification;
  const clock = () => flow.now().getTime();
  const startsPerIp = new RateLimiter({ limit: 10, now: clock });
  // Codes to one address: a few per ten minutes, whoever asks (an SMS costs the site money).
  const startsPerAddress = new RateLimiter({ limit: 5, windowMs: 600_000, now: clock });
  const triesPerIp = new RateLimiter({ limit: 30, now: clock });
  const limit = (limiter: RateLimiter, key: string, what: Localized) => {
    const verdict = limiter.hit(key);
    if (!verdict.ok) throw limiterError(verdict.retryAfterSeconds, what);
  };
  const FROM_IP = { en: 'from this address', tr: 'Bu adresten' };
  const TO_ADDRESS = {
    en: 'for this phone number or e-mail address',
    tr: 'Bu telefon numarası ya da e-posta adresi için',
  };
  const jsonBody = async (c: Context) => {
    requireMediaType(c, JSON_TYPES);
    return parseJsonBody(await c.req.text(), JSON_OBJECT);
  };
  const limited = limitBody(BODY_BYTES, { en: `${BODY_BYTES} bytes`, tr: `${BODY_BYTES} bayt` });
  const seen = (c: Context) => ({ ip: clientIp(c), userAgent: c.req.header('user-agent') });

  const showLink = (c: Context, token: string, found: LinkLookup) => {
    const lang = c.req.query('lang');
    const locale = lang === 'en' || lang === 'tr' ? lang : requestLocale(c);
    const status = found.kind === 'unknown' ? 404 : found.kind === 'expired' ? 410 : 200;
    return c.body(linkPage(locale, linkView(token, found)), status, LINK_PAGE_HEADERS);
  };

  return new Hono()
    .post('/verifications', limited, async (c) => {
      limit(startsPerIp, clientIp(c) ?? 'unknown', FROM_IP);
      const body = await jsonBody(c);
      checkOrigin(deps, c, body);
      const address = addressKey(body);
      if (address) limit(startsPerAddress, address, TO_ADDRESS);
      return c.json(answer(await startCode(flow, body)), 201);
    })
    .post('/verifications/:verificationId/code', limited, async (c) => {
      limit(triesPerIp, clientIp(c) ?? 'unknown', FROM_IP);
      const body = await jsonBody(c);
      return c.json(answer(await tryCode(flow, c.req.param('verificationId'), body, seen(c))), 200);
    })
    .post('/verifications/:verificationId/resend', limited, async (c) => {
      limit(startsPerIp, clientIp(c) ?? 'unknown', FROM_IP);
      return c.json(answer(await resendCode(flow, c.req.param('verificationId'))), 200);
    })
    .get('/confirm/:token', async (c) => {
      const token = c.req.param('token');
      return showLink(c, token, await lookUpLink(flow, token));
    })
    .post('/confirm/:token', limited, async (c) => {
      limit(triesPerIp, clientIp(c) ?? 'unknown', FROM_IP);
      const token = c.req.param('token');
      return showLink(c, token, await confirmLink(flow, token, seen(c)));
    });
}

// The page for what a link lookup found.
function linkView(segment: string, found: LinkLookup): LinkPageView {
  switch (found.kind) {
    case 'open':
      return {
        state: 'ask',
        brand: found.site.name,
        channels: found.verification.channels,
        ...(found.verification.destination === undefined
          ? {}
          : { address: found.verification.destination }),
        segment,
      };
    case 'confirmed':
    case 'already':
      return { state: found.kind, brand: found.site.name, channels: found.verification.channels };
    default:
      return { state: found.kind };
  }
}

// The key a start request is limited by: the address as typed, hashed (never kept in clear).
function addressKey(body: unknown): string | undefined {
  const { phone, email } = body as { phone?: unknown; email?: unknown };
  const address = typeof phone === 'string' ? phone : typeof email === 'string' ? email : undefined;
  return address === undefined
    ? undefined
    : addressSha256(address.replace(/[\s()-]/g, '').toLowerCase());
}

// A code costs the site an SMS or an e-mail: only its own pages may ask for one.
function checkOrigin(deps: AppDeps, c: Context, body: unknown) {
  const siteKey = (body as { siteKey?: unknown }).siteKey;
  if (typeof siteKey !== 'string') return;
  const site = deps.config.sites.get(siteKey)?.site;
  const origin = c.req.header('origin');
  if (!site || (origin !== undefined && site.allowedOrigins.includes(origin))) return;
  deps.originRefusals?.record(siteKey, origin ?? '(no Origin header)', 'verification');
  throw new ApiError(
    403,
    'origin.forbidden',
    {
      en: 'This origin may not ask for verification codes for this site.',
      tr: 'Bu köken bu site için doğrulama kodu isteyemez.',
    },
    {
      path: [],
      expected: {
        en: `an Origin header among the site's allowed origins: ${site.allowedOrigins.join(', ')}`,
        tr: `sitenin izin verdiği kökenlerden biri: ${site.allowedOrigins.join(', ')}`,
      },
      received: excerpt(origin ?? 'no Origin header', 80),
    },
  );
}
