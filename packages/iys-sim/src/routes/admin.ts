import {
  ConsentStatus,
  IysSource,
  RecipientType,
  Channel,
  formatIysDate,
  parseIysDate,
} from '@izinli/core';
import type { Source } from '@izinli/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimContext, SimEnv } from '../context.js';
import { recordMovement } from '../consent-rules.js';
import { NO_FAULTS, faultSettingsProblem } from '../fault-settings.js';
import type { FaultSettings } from '../fault-settings.js';
import { readJson } from '../http.js';
import { checkRecipient } from '../recipient.js';
import { consentKey, isIysSource } from '../state.js';
import type { MovementOrigin, NormalizedConsent } from '../state.js';
import { statusAnswer } from './consents-status.js';
import { movementAnswer } from './consents-history.js';

/** An error of the simulator's own endpoints, in izinli's `{ error: { code, message } }` shape. */
function simError(c: Context<SimEnv>, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/**
 * One entry of `GET /__sim/movements[?source=HS|IYS]`: a change the simulator accepted, in
 * acceptance order, with the fields history and pull answer (İYS's key order) and where it came from.
 */
export interface SimMovementEntry {
  seq: number;
  origin: MovementOrigin;
  iysCode: number;
  brandCode: number;
  consentDate: string;
  source: Source;
  recipient: string;
  recipientType: RecipientType;
  status: ConsentStatus;
  type: Channel;
  creationDate: string;
  transactionId: string;
  /** Set on a citizen's change made through `POST /__sim/citizen/consents`. */
  citizenName?: string;
}

/** The simulator's inspection and control API, under `/__sim` (never part of İYS's API). */
export function adminRoutes(
  ctx: SimContext,
  hooks: { reset(): void; stats(): unknown },
): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.get('/', (c) =>
    c.json({
      simulator: '@izinli/iys-sim',
      now: ctx.clock.now().toISOString(),
      accounts: ctx.options.accounts.map((a) => ({
        username: a.username,
        iysCode: a.iysCode,
        brands: a.brands.map((b) => b.brandCode),
      })),
      endpoints: [
        'consents',
        'movements',
        'batches',
        'stats',
        'faults',
        'clock',
        'citizen/consents',
        'push',
        'reset',
        'tokens/revoke',
        'accounts',
        'whitelist',
        'tsa.pem',
      ],
    }),
  );

  app.get('/consents', (c) => {
    const recipient = c.req.query('recipient');
    const brandCode = c.req.query('brandCode');
    return c.json(
      [...ctx.state.consents.values()]
        .filter(
          (r) =>
            recipient === undefined ||
            r.recipient === recipient.toLowerCase() ||
            r.recipient === recipient,
        )
        .filter((r) => brandCode === undefined || String(r.brandCode) === brandCode)
        .map((r) => ({ iysCode: r.iysCode, brandCode: r.brandCode, ...statusAnswer(r) })),
    );
  });

  app.get('/movements', (c) => {
    const source = c.req.query('source');
    return c.json(
      ctx.state.movements
        .filter((m) => source === undefined || (source === 'IYS') === isIysSource(m.source))
        .map(
          (m) =>
            ({
              seq: m.seq,
              origin: m.origin,
              iysCode: m.iysCode,
              brandCode: m.brandCode,
              ...movementAnswer(m),
              ...(m.citizenName === undefined ? {} : { citizenName: m.citizenName }),
            }) as SimMovementEntry,
        ),
    );
  });

  app.get('/batches', (c) =>
    c.json(
      [...ctx.state.batches.values()].map((b) => ({
        requestId: b.requestId,
        version: b.version,
        brandCode: b.brandCode,
        items: b.items.length,
        submittedAt: new Date(b.submittedMs).toISOString(),
        dueAt: new Date(b.dueMs).toISOString(),
        processed: b.results !== undefined,
        failures: b.results?.filter((r) => r.status === 'failure').length ?? 0,
      })),
    ),
  );

  app.get('/stats', (c) => c.json(hooks.stats()));

  app.post('/reset', (c) => {
    hooks.reset();
    return c.body(null, 204);
  });

  app.post('/tokens/revoke', (c) => {
    ctx.tokens.revokeAll();
    return c.body(null, 204);
  });

  app.get('/faults', (c) => c.json(ctx.faults));
  app.put('/faults', async (c) => {
    const body = await readJson(c);
    const problem = body.ok ? faultSettingsProblem(body.value) : 'expected JSON';
    if (problem) return simError(c, 400, 'faults.invalid', problem);
    Object.assign(ctx.faults, body.ok ? (body.value as Partial<FaultSettings>) : {});
    return c.json(ctx.faults);
  });
  app.delete('/faults', (c) => {
    Object.assign(ctx.faults, NO_FAULTS, { errorKinds: [...NO_FAULTS.errorKinds] });
    return c.json(ctx.faults);
  });

  app.get('/clock', (c) =>
    c.json({
      now: ctx.clock.now().toISOString(),
      iysNow: formatIysDate(ctx.clock.now()),
      speed: ctx.clock.speed,
    }),
  );
  app.post('/clock', async (c) => {
    const body = await readJson(c);
    const b = (body.ok ? body.value : null) as {
      advanceMs?: unknown;
      set?: unknown;
      speed?: unknown;
    } | null;
    if (b === null || typeof b !== 'object')
      return simError(c, 400, 'clock.invalid', 'expected { advanceMs?, set?, speed? }');
    try {
      if (b.set !== undefined) ctx.clock.set(b.set as string);
      if (b.advanceMs !== undefined) ctx.clock.advance(Number(b.advanceMs));
      if (b.speed !== undefined) ctx.clock.speed = Number(b.speed);
    } catch (error) {
      return simError(c, 400, 'clock.invalid', (error as Error).message);
    }
    ctx.settle();
    return c.json({
      now: ctx.clock.now().toISOString(),
      iysNow: formatIysDate(ctx.clock.now()),
      speed: ctx.clock.speed,
    });
  });

  // The citizen's side: a RET or ONAY made on İYS itself (web, app, SMS 3338, call centre …).
  app.post('/citizen/consents', async (c) => {
    const body = await readJson(c);
    const b = (
      body.ok && body.value !== null && typeof body.value === 'object' ? body.value : {}
    ) as Record<string, unknown>;
    const account = ctx.options.accounts.find(
      (a) =>
        (b.iysCode === undefined || a.iysCode === b.iysCode) &&
        a.brands.some((br) => br.brandCode === (b.brandCode ?? a.iysCode)),
    );
    const type = Channel.safeParse(b.type);
    const status = ConsentStatus.safeParse(b.status);
    const recipientType = RecipientType.safeParse(b.recipientType ?? 'BIREYSEL');
    if (!account) return simError(c, 400, 'citizen.brand', 'no account has that iysCode/brandCode');
    if (!type.success || !status.success || !recipientType.success) {
      return simError(
        c,
        400,
        'citizen.invalid',
        'expected type MESAJ|ARAMA|EPOSTA, status ONAY|RET, recipientType BIREYSEL|TACIR',
      );
    }
    const recipient = checkRecipient(
      String(b.recipient ?? ''),
      type.data,
      ctx.options.limits,
      ctx.options.policy,
    );
    if (!recipient.ok)
      return simError(c, 400, 'citizen.recipient', `recipient is not valid for ${type.data}`);
    const brandCode = typeof b.brandCode === 'number' ? b.brandCode : account.iysCode;
    const consent: NormalizedConsent = {
      iysCode: account.iysCode,
      brandCode,
      recipient: recipient.recipient,
      recipientType: recipientType.data,
      type: type.data,
      status: status.data,
    };
    const existing = ctx.state.consents.get(consentKey(consent));
    const source = IysSource.safeParse(
      b.source ?? (existing || status.data === 'RET' ? 'IYS_WEB' : 'IYS_WEB_YENI'),
    );
    if (!source.success)
      return simError(
        c,
        400,
        'citizen.source',
        `source must be one of ${IysSource.options.join(', ')}`,
      );
    consent.source = source.data;
    const date = typeof b.consentDate === 'string' ? parseIysDate(b.consentDate) : undefined;
    if (date && !date.ok)
      return simError(c, 400, 'citizen.consentDate', 'consentDate must be YYYY-MM-DD HH:mm:ss');
    const consentMs = date?.ok ? date.value.getTime() : Math.floor(ctx.clock.nowMs() / 1000) * 1000;
    consent.consentDate = formatIysDate(new Date(consentMs));
    consent.consentDateMs = consentMs;
    const citizenName =
      typeof b.citizenName === 'string' && source.data === 'IYS_WEB_YENI'
        ? b.citizenName
        : undefined;
    const movement = recordMovement(ctx.state, consent, ctx.clock.nowMs(), 'citizen', citizenName);
    ctx.push.enqueue(movement);
    return c.json(
      { iysCode: movement.iysCode, brandCode: movement.brandCode, ...movementAnswer(movement) },
      201,
    );
  });

  app.get('/push', (c) =>
    c.json({
      connections: ctx.state.pushConnections.map(({ password: _password, ...rest }) => rest),
      deliveries: ctx.push
        .records()
        .map((r) => ({ ...r, nextAttemptAt: new Date(r.nextAttemptMs).toISOString() })),
    }),
  );
  app.post('/push/flush', async (c) => {
    await ctx.push.flush();
    return c.json(ctx.push.records());
  });

  return app;
}
