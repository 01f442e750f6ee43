// The admin API: captures, one capture with its receipt, a recipient's timeline and evidence.
import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  Channel,
  MovementState,
  excerpt,
  normalizeEmail,
  normalizePhone,
  problemMessage,
} from '@izinli/core';
import type { Localized, Problem, TenantConfig } from '@izinli/core';
import { isCaptureCursor } from '../../store/sql/capture-query.js';
import type { CaptureFilter } from '../../store/store.js';
import { captureVerifications } from '../../verification/verification-views.js';
import { ApiError, requestLocale } from '../api-error.js';
import { verifyBundle } from '../../proof/bundle-verify.js';
import { problemJson } from '../../proof/index.js';
import type { AppDeps } from '../app-deps.js';
import { adminAuth } from './admin-auth.js';
import { adminLogVerifyRoutes } from './admin-log-verify.js';
import { adminMovementRoutes } from './admin-movements.js';
import { adminReconciliationRoutes } from './admin-reconciliation.js';
import { adminSyncRoutes } from './admin-sync.js';
import { adminWebhookRoutes } from './admin-webhooks.js';
import { INVALID_RECIPIENT, NEXT_CURSOR, wholeNumber } from './query-texts.js';
import type { AdminEnv } from './admin-auth.js';
import { badQuery } from './bad-query.js';
import { evidenceBundle, recipientTimeline } from './admin-recipient.js';
import { capturesCsv } from './captures-csv.js';
import { heldOf, summary } from './capture-summary.js';
import { adminWithdrawalRoutes } from './withdrawal-admin.js';
import { adminConsentRoutes } from './consent-admin.js';
import { adminImportRoutes } from './import-admin.js';

/** The 404 of a capture id that no capture of the tenant has. */
const UNKNOWN_CAPTURE: Localized = {
  en: 'This tenant has no capture with this id.',
  tr: 'Bu kiracının bu kimlikle bir kaydı yok.',
};

/** The query parameter `name` as one of `values`' options, or undefined when absent (400 if bad). */
function optionalEnum<T extends string>(
  c: Context,
  name: string,
  values: { options: readonly T[] },
): T | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  if (!(values.options as readonly string[]).includes(text))
    throw badQuery(
      name,
      { en: values.options.join(', '), tr: `şunlardan biri: ${values.options.join(', ')}` },
      text,
    );
  return text as T;
}

/** The recipient named by `phone` or `email`, normalised as records store it. */
export function recipientQuery(c: Context): { phone?: string; email?: string } {
  const phone = c.req.query('phone');
  const email = c.req.query('email');
  if ((phone === undefined) === (email === undefined)) {
    const expected = {
      en: 'exactly one of phone or email',
      tr: 'phone ya da email parametrelerinden yalnızca biri',
    };
    throw badQuery('phone', expected, { phone, email });
  }
  const normalised = phone !== undefined ? normalizePhone(phone) : normalizeEmail(email!);
  if (!normalised.ok) {
    const problem: Problem = {
      ...normalised.error,
      path: [phone !== undefined ? 'phone' : 'email'],
    };
    throw new ApiError(400, 'query.invalid', INVALID_RECIPIENT, [problem]);
  }
  return phone !== undefined ? { phone: normalised.value } : { email: normalised.value };
}

function siteScope(tenant: TenantConfig, site: string | undefined): string[] {
  const mine = tenant.sites.map((s) => s.siteKey);
  if (site === undefined) return mine;
  if (!mine.includes(site))
    throw badQuery(
      'site',
      {
        en: `one of this tenant's sites: ${mine.join(', ')}`,
        tr: `bu kiracının sitelerinden biri: ${mine.join(', ')}`,
      },
      site,
    );
  return [site];
}

function isoQuery(c: Context, name: 'from' | 'to'): string | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw badQuery(
      name,
      {
        en: 'an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z',
        tr: 'ISO 8601 biçiminde bir tarih ve saat, ör. 2026-11-01T00:00:00Z',
      },
      value,
    );
  return new Date(time).toISOString();
}

/** A query's captures filter (site, recipient, kind, channel, state, held, from, to); 400 if bad. */
function captureFilter(c: Context<AdminEnv>): Omit<CaptureFilter, 'limit' | 'cursor'> {
  const kind = c.req.query('kind');
  if (
    kind !== undefined &&
    kind !== 'capture' &&
    kind !== 'withdrawal' &&
    kind !== 'confirmation'
  ) {
    throw badQuery(
      'kind',
      { en: 'capture, withdrawal or confirmation', tr: 'capture, withdrawal ya da confirmation' },
      kind,
    );
  }
  const held = optionalEnum(c, 'held', { options: ['awaiting', 'expired'] as const });
  const channel = optionalEnum(c, 'channel', Channel);
  const state = optionalEnum(c, 'state', MovementState);
  const phone = c.req.query('phone');
  const email = c.req.query('email');
  const from = isoQuery(c, 'from');
  const to = isoQuery(c, 'to');
  return {
    siteKeys: siteScope(c.get('tenant'), c.req.query('site')),
    ...(phone !== undefined || email !== undefined ? recipientQuery(c) : {}),
    ...(kind ? { kind } : {}),
    ...(channel ? { channel } : {}),
    ...(state ? { state } : {}),
    ...(held ? { held } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** Mounted at /v1/admin. */
export function adminRoutes(deps: AppDeps) {
  return (
    new Hono<AdminEnv>()
      .use(adminAuth(deps.config))
      .route('/movements', adminMovementRoutes(deps))
      .route('/webhooks', adminWebhookRoutes(deps))
      .route('/sync', adminSyncRoutes(deps))
      .route('/reconciliation', adminReconciliationRoutes(deps))
      .route('/log', adminLogVerifyRoutes(deps))
      .route('/', adminWithdrawalRoutes(deps))
      .route('/', adminConsentRoutes(deps))
      .route('/', adminImportRoutes(deps))
      // Pages refused for their origin in the last 24 hours (this instance's count since start).
      .get('/origins/refused', (c) =>
        c.json({
          items: deps.originRefusals?.recent(c.get('tenant').sites.map((s) => s.siteKey)) ?? [],
        }),
      )
      .get('/captures', async (c) => {
        const limitText = c.req.query('limit') ?? '50';
        const limit = Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500)
          throw badQuery('limit', wholeNumber(500), limitText);
        const cursor = c.req.query('cursor');
        if (cursor !== undefined && !isCaptureCursor(cursor)) {
          throw badQuery('cursor', NEXT_CURSOR, cursor);
        }
        const filter: CaptureFilter = {
          ...captureFilter(c),
          ...(cursor ? { cursor } : {}),
          limit,
        };
        const page = await deps.store.listCaptures(filter);
        const held = await Promise.all(page.items.map((item) => heldOf(deps.store, item)));
        return c.json({
          items: page.items.map((item, i) => summary(item, held[i])),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        });
      })
      .get('/captures.csv', (c) => {
        const filter = captureFilter(c);
        const delimiter = optionalEnum(c, 'delimiter', { options: ['comma', 'semicolon'] });
        const day = (iso: string | undefined) => iso?.slice(0, 10) ?? 'all';
        const name = `izinli-captures-${day(filter.from)}-${day(filter.to)}.csv`;
        return new Response(
          capturesCsv(deps.store, filter, delimiter === 'semicolon' ? ';' : ','),
          {
            headers: {
              'Content-Type': 'text/csv; charset=utf-8',
              'Content-Disposition': `attachment; filename="${name}"`,
            },
          },
        );
      })
      .get('/captures/:captureId', async (c) => {
        const id = c.req.param('captureId');
        const capture = await deps.store.getCapture(id);
        const mine = c.get('tenant').sites.some((s) => s.siteKey === capture?.siteKey);
        if (!capture || !mine) {
          throw new ApiError(404, 'capture.unknown', UNKNOWN_CAPTURE, {
            path: ['captureId'],
            expected: {
              en: 'the id of a capture of this tenant',
              tr: 'bu kiracıya ait bir kaydın kimliği',
            },
            received: excerpt(id, 60),
          });
        }
        const movements = await deps.store.movements({ captureId: id });
        const { verifications } = await captureVerifications(deps.store, capture);
        // The answer names the verifications' states and times, never an address or secret.
        return c.json({ ...capture, movements, verifications });
      })
      .get('/recipients/timeline', async (c) => {
        const recipient = recipientQuery(c);
        return c.json(await recipientTimeline(deps, c.get('tenant'), recipient));
      })
      .get('/recipients/evidence', async (c) => {
        const recipient = recipientQuery(c);
        const bundle = await evidenceBundle(deps, c.get('tenant'), recipient);
        const name = `izinli-evidence-${(recipient.phone ?? recipient.email ?? 'recipient').replace(/[^A-Za-z0-9.+@-]/g, '_')}.json`;
        c.header('Content-Disposition', `attachment; filename="${name}"`);
        return c.json(bundle);
      })
      // The evidence bundle checked as `izinli verify bundle` checks it, with the server's keys:
      // what the console's printable evidence page shows beside each record.
      .get('/recipients/evidence/verification', async (c) => {
        const bundle = await evidenceBundle(deps, c.get('tenant'), recipientQuery(c));
        const report = await verifyBundle(bundle, deps.jwks());
        const locale = requestLocale(c);
        const say = (p: Problem) => problemJson(p, problemMessage(p, locale));
        return c.json({
          ok: report.ok,
          generatedAt: bundle.generatedAt,
          jwksUrl: '/.well-known/jwks.json',
          records: report.records.map(({ record: _record, problems, ...r }) => ({
            ...r,
            problems: problems.map(say),
          })),
          checkpoints: report.checkpoints.map(({ problem, ...cp }) => ({
            ...cp,
            ...(problem ? { problem: say(problem) } : {}),
          })),
          problems: report.problems.map(say),
        });
      })
  );
}
