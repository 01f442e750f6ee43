// GET/POST /v1/withdraw: the page a signed withdrawal link opens (A10, B7). GET only shows what
// the button will do — mail scanners prefetch links — and POST records the withdrawal through the
// same path as the admin API. HTML by default, JSON for `Accept: application/json`.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { applyIpPolicy, described, excerpt } from '@izinli/core';
import type { Locale, Localized, SiteConfig } from '@izinli/core';
import { bodyFingerprint } from '../../capture/prepare-capture.js';
import { commitWithdrawal } from '../../withdrawal/commit-withdrawal.js';
import { prepareWithdrawal } from '../../withdrawal/withdrawal-draft.js';
import {
  WITHDRAWAL_PAGE_HEADERS,
  confirmPage,
  donePage,
  maskAddress,
  refusalPage,
} from '../../withdrawal/withdrawal-page.js';
import type { LinkView } from '../../withdrawal/withdrawal-page.js';
import { WITHDRAWAL_CSS } from '../../withdrawal/withdrawal-style.js';
import type { LinkRefusalKind } from '../../withdrawal/withdrawal-texts.js';
import { verifyWithdrawalToken, withdrawalCaptureId } from '../../withdrawal/withdrawal-token.js';
import type { WithdrawalClaims } from '../../withdrawal/withdrawal-token.js';
import { ApiError, refusalError, requestLocale } from '../api-error.js';
import { mediaType, parseJsonBody, requireMediaType } from '../json-body.js';
import { limitBody } from '../body-limit.js';
import { refuseUnstorableText } from '../request-text.js';
import type { DepsWith } from '../app-deps.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { MovementStore } from '../../store/ports/movement-store.js';

type Redeemable =
  | { ok: true; claims: WithdrawalClaims; site: SiteConfig }
  | { ok: false; kind: LinkRefusalKind; received: Localized };

const REFUSALS: Record<
  LinkRefusalKind,
  { status: 400 | 404 | 410; code: string; message: Localized }
> = {
  missing: {
    status: 400,
    code: 'withdrawal.tokenMissing',
    message: { en: 'No withdrawal token.', tr: 'Geri alma belirteci yok.' },
  },
  invalid: {
    status: 400,
    code: 'withdrawal.tokenInvalid',
    message: {
      en: 'The withdrawal token is not valid: malformed, altered or not signed by this server.',
      tr: 'Geri alma belirteci geçersiz: bozuk, değiştirilmiş ya da bu sunucunun imzası değil.',
    },
  },
  expired: {
    status: 410,
    code: 'withdrawal.tokenExpired',
    message: { en: 'The withdrawal link expired.', tr: 'Geri alma bağlantısının süresi dolmuş.' },
  },
  site: {
    status: 404,
    code: 'withdrawal.siteUnknown',
    message: {
      en: 'The withdrawal link names a site this server does not hold for its tenant.',
      tr: 'Geri alma bağlantısı, bu sunucunun kiracısı için tutmadığı bir siteyi gösteriyor.',
    },
  },
};

// The claims of a token this server signed no longer make a withdrawal (prepareWithdrawal).
const CLAIMS = { en: 'claims', tr: 'artık geçerli bir geri alma oluşturmayan talepler' };

const wantsJson = (c: Context) => {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

function pageLocale(c: Context, chosen: string | undefined): Locale {
  return chosen === 'en' || chosen === 'tr' ? chosen : requestLocale(c);
}

function view(claims: WithdrawalClaims, site: SiteConfig): LinkView {
  return { siteName: site.name, channels: claims.channels, recipient: claims.recipient };
}

/** Mounted at /v1/withdraw. */
export function withdrawRoutes(
  deps: DepsWith<CaptureStore & MovementStore>,
  clientIp: (c: Context) => string | undefined,
) {
  const now = deps.now ?? (() => new Date());

  async function redeem(token: string | undefined): Promise<Redeemable> {
    if (!token) {
      return {
        ok: false,
        kind: 'missing',
        received: { en: 'no t parameter', tr: 't parametresi yok' },
      };
    }
    const verified = await verifyWithdrawalToken(token, deps.jwks(), now());
    if (!verified.ok) {
      const { failure } = verified;
      return failure.kind === 'expired'
        ? {
            ok: false,
            kind: 'expired',
            received: {
              en: `a token that expired at ${failure.expiredAt.toISOString()}`,
              tr: `süresi ${failure.expiredAt.toISOString()} anında dolmuş bir belirteç`,
            },
          }
        : {
            ok: false,
            kind: 'invalid',
            received: {
              en: `a token that fails verification (${failure.why})`,
              tr: `doğrulanamayan bir belirteç (${failure.why})`,
            },
          };
    }
    const { claims } = verified;
    const found = deps.config.sites.get(claims.site);
    if (!found || found.tenant.id !== claims.tenant) {
      const site = excerpt(claims.site, 60);
      return { ok: false, kind: 'site', received: { en: site, tr: site } };
    }
    return { ok: true, claims, site: found.site };
  }

  function refused(c: Context, failure: Extract<Redeemable, { ok: false }>, locale: Locale) {
    const { status, code, message } = REFUSALS[failure.kind];
    if (wantsJson(c)) {
      throw new ApiError(status, code, message, {
        path: ['t'],
        expected: {
          en: 'a withdrawal token signed by this server, unaltered and not expired',
          tr: 'bu sunucunun imzaladığı, değiştirilmemiş ve süresi dolmamış bir geri alma belirteci',
        },
        ...described(failure.received),
      });
    }
    return c.body(refusalPage(locale, failure.kind), status, WITHDRAWAL_PAGE_HEADERS);
  }

  return new Hono()
    .get('/style.css', (c) =>
      c.body(WITHDRAWAL_CSS, 200, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      }),
    )
    .get('/', async (c) => {
      const token = c.req.query('t');
      const locale = pageLocale(c, c.req.query('lang'));
      const redeemable = await redeem(token);
      if (!redeemable.ok) return refused(c, redeemable, locale);
      const { claims, site } = redeemable;
      // Already clicked: say so (still a GET that changes nothing).
      const captureId = withdrawalCaptureId(claims.jti);
      const withdrawn = (await deps.store.getCapture(captureId)) !== undefined;
      if (wantsJson(c)) {
        return c.json({
          captureId,
          withdrawn,
          siteKey: site.siteKey,
          siteName: site.name,
          channels: claims.channels,
          recipient: Object.fromEntries(
            Object.entries(claims.recipient).map(([k, v]) => [k, maskAddress(v)]),
          ),
          expiresAt: new Date(claims.exp * 1000).toISOString(),
        });
      }
      const html = withdrawn
        ? donePage(locale, view(claims, site), captureId)
        : confirmPage(locale, view(claims, site), token!);
      return c.body(html, 200, WITHDRAWAL_PAGE_HEADERS);
    })
    .post('/', limitBody(16 * 1024, { en: '16384 bytes', tr: '16384 bayt' }), async (c) => {
      const fields = await readFields(c);
      // The token from the form, or from the URL: RFC 8058 one-click unsubscribe POSTs to the link.
      const token = fields.t ?? c.req.query('t');
      const locale = pageLocale(c, fields.lang ?? c.req.query('lang'));
      const redeemable = await redeem(token);
      if (!redeemable.ok) return refused(c, redeemable, locale);
      const { claims, site } = redeemable;
      const prepared = prepareWithdrawal(
        {
          captureId: withdrawalCaptureId(claims.jti),
          // The token is the whole request: the same token is the same withdrawal.
          bodyHash: bodyFingerprint(claims),
          siteKey: claims.site,
          recipient: claims.recipient,
          recipientType: claims.recipientType,
          channels: claims.channels,
          purposes: [],
          source: 'HS_WEB',
          locale,
          receivedAt: now(),
          origin: new URL(deps.publicUrl ?? c.req.url).origin,
          seen: applyIpPolicy(site.ipPolicy, {
            ip: clientIp(c),
            userAgent: c.req.header('user-agent'),
          }),
          serverVersion: deps.version ?? '0.1.0',
        },
        { id: claims.tenant },
        deps.config,
      );
      if (!prepared.ok) return refused(c, { ok: false, kind: 'invalid', received: CLAIMS }, locale);
      const committed = await commitWithdrawal(deps, prepared.draft);
      if (!committed.ok) {
        throw refusalError(committed.refusal);
      }
      const { created, body } = committed;
      if (wantsJson(c)) return c.json(body, created ? 201 : 200);
      return c.body(
        donePage(locale, view(claims, site), body.captureId),
        200,
        WITHDRAWAL_PAGE_HEADERS,
      );
    });
}

/** The POST's `t` and `lang`, from a form (urlencoded or multipart) or a JSON object. */
async function readFields(c: Context): Promise<{ t?: string; lang?: string }> {
  let raw: Record<string, unknown> = {};
  // A bodiless POST (the token in the URL) needs no type; a body must be one the route reads.
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > 0 || mediaType(c) !== '') {
    const type = requireMediaType(c, [
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json',
    ]);
    if (type === 'application/json') {
      const parsed = parseJsonBody(new TextDecoder().decode(bytes), {
        en: 'a JSON object {"t": "<token>"}',
        tr: 'bir JSON nesnesi {"t": "<belirteç>"}',
      });
      if (parsed !== null && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
    } else {
      raw = await parseForm(c, type, bytes);
    }
  }
  const field = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const t = field(raw.t);
  const lang = field(raw.lang);
  return { ...(t ? { t } : {}), ...(lang ? { lang } : {}) };
}

/** A form body's fields; a malformed one (a broken multipart boundary…) is the client's 400. */
async function parseForm(
  c: Context,
  type: string,
  bytes: ArrayBuffer,
): Promise<Record<string, unknown>> {
  let fields: Record<string, unknown>;
  try {
    // Parsed from the bytes already read (the stream is spent); undici deprecates formData() for
    // untrusted multipart, but this body is size-limited and a bad one answers 400.
    const type = { 'content-type': c.req.header('content-type')! };
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await new Response(bytes, { headers: type }).formData();
    fields = {};
    for (const [name, value] of form) fields[name] = value;
  } catch (error) {
    throw new ApiError(
      400,
      'body.malformed',
      { en: 'The form body cannot be read.', tr: 'Form gövdesi okunamıyor.' },
      {
        path: [],
        expected: { en: `a well-formed ${type} body`, tr: `düzgün biçimli bir ${type} gövdesi` },
        received: excerpt((error as Error).message, 100),
        receivedText: {
          en: `a body that cannot be read as ${type}`,
          tr: `${type} olarak okunamayan bir gövde`,
        },
      },
    );
  }
  refuseUnstorableText(fields);
  return fields;
}
