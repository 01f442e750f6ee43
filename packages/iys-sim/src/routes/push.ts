import { Channel, IYS_MESSAGE_VARIANTS, formatIysDate, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { iysErrors, readJson } from '../http.js';
import type { SimPolicy } from '../options.js';
import { PUSH_TEST_BODY } from '../push-delivery.js';
import type { PushAttempt } from '../push-delivery.js';
import type { PushConnection } from '../state.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function urlAllowed(raw: string, policy: SimPolicy): boolean {
  const url = URL.parse(raw);
  if (url === null) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return (
    policy.pushAllowHttp === true ||
    (policy.pushAllowHttp === 'loopback' && LOOPBACK.has(url.hostname))
  );
}

type ConnectionInput = { url: string; type: Channel; username: string; password: string };

/** Checks one connection object the way the registration examples show (H531, H111, H117, H093). */
function checkConnection(
  raw: unknown,
  policy: SimPolicy,
): { ok: true; value: ConnectionInput } | { ok: false; errors: IysErrorEntry[] } {
  const c = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const errors: IysErrorEntry[] = [];
  if (typeof c.url !== 'string' || c.url === '') {
    errors.push(iysError('H531', { location: ['url'] }));
  } else if (!urlAllowed(c.url, policy)) errors.push(iysError('H531'));
  const type = Channel.safeParse(c.type);
  if (c.type === undefined || c.type === null || c.type === '') {
    errors.push(iysError('H111', { location: ['type'] }));
  } else if (!type.success) errors.push(iysError('H117', { location: ['type'], value: c.type }));
  if (typeof c.username !== 'string' || c.username === '') {
    const message = IYS_MESSAGE_VARIANTS.pushUsernameMissing;
    errors.push(iysError('H093', { message, location: ['username'] }));
  }
  if (typeof c.password !== 'string' || c.password === '') {
    const message = IYS_MESSAGE_VARIANTS.pushPasswordMissing;
    errors.push(iysError('H093', { message, location: ['password'] }));
  }
  if (errors.length || !type.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      url: c.url as string,
      type: type.data,
      username: c.username as string,
      password: c.password as string,
    },
  };
}

/**
 * "Temel kimlik doğrulama kontrolü sağlamayan erişim adresleri ile bağlantı sağlanmayacaktır":
 * the endpoint must refuse the test movement without credentials (401), then take it with them.
 */
async function registrationCheck(ctx: SimContext, input: ConnectionInput): Promise<PushAttempt> {
  if (ctx.options.policy.pushRequireBasicAuth) {
    const probe = await ctx.push.probe(input.url);
    if (probe === 'timeout') return 'timeout';
    if (probe !== 'demands-auth') return 'failed';
  }
  return ctx.push.post(input, PUSH_TEST_BODY);
}

/**
 * Push connections: `POST …/push/registration` (each endpoint must refuse İYS's test movement
 * without credentials, then answer it with them with a 2xx within 5 s, else H191 timeout / H530), `GET …/push/registration`,
 * `POST …/push/unregistration`.
 */
export function pushRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const base = '/:iysCode/brands/:brandCode/push';

  app.post(`${base}/registration`, async (c) => {
    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const list = (body.value as { connection?: unknown } | null)?.connection;
    if (!Array.isArray(list) || list.length === 0) return iysErrors(c, [iysError('H530')]);
    const inputs: ConnectionInput[] = [];
    const errors: IysErrorEntry[] = [];
    for (const raw of list) {
      const checked = checkConnection(raw, ctx.options.policy);
      if (checked.ok) inputs.push(checked.value);
      else errors.push(...checked.errors);
    }
    if (errors.length) return iysErrors(c, errors);

    const iysCode = c.get('iysCode');
    const brandCode = c.get('brand').brandCode;
    const state = ctx.state;
    for (const input of inputs) {
      const others = state.pushConnections.filter(
        (p) =>
          p.active &&
          p.iysCode === iysCode &&
          p.brandCode === brandCode &&
          p.type === input.type &&
          p.url !== input.url,
      );
      if (others.length >= ctx.options.limits.pushConnectionsPerType) {
        return iysErrors(c, [iysError('H530')]);
      }
      const outcome = await registrationCheck(ctx, input);
      const connection: PushConnection = {
        ...input,
        iysCode,
        brandCode,
        active: outcome === 'ok',
        status: outcome === 'ok' ? 'Bağlantı Oluşturuldu' : 'Bağlantı Oluşturulamadı',
        registerTime: formatIysDate(ctx.clock.now()),
      };
      state.pushConnections = state.pushConnections.filter(
        (p) =>
          !(
            p.iysCode === iysCode &&
            p.brandCode === brandCode &&
            p.type === input.type &&
            p.url === input.url
          ),
      );
      state.pushConnections.push(connection);
      if (outcome === 'timeout') {
        return iysErrors(c, [iysError('H191', { message: IYS_MESSAGE_VARIANTS.pushTimeout })], 422);
      }
      if (outcome === 'failed') return iysErrors(c, [iysError('H530')]);
    }
    return c.json({ message: 'Bağlantı oluşturuldu' });
  });

  app.get(`${base}/registration`, (c) =>
    c.json(
      ctx.state.pushConnections
        .filter((p) => p.iysCode === c.get('iysCode') && p.brandCode === c.get('brand').brandCode)
        .map((p) => ({ url: p.url, type: p.type, registerTime: p.registerTime, status: p.status })),
    ),
  );

  app.post(`${base}/unregistration`, async (c) => {
    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    // The same url rule as registration: an http url answers H531, not "not found" (H530).
    const checked = checkConnection(body.value, ctx.options.policy);
    if (!checked.ok) return iysErrors(c, checked.errors);
    const { url, type, username, password } = checked.value;
    const index = ctx.state.pushConnections.findIndex(
      (p) =>
        p.iysCode === c.get('iysCode') &&
        p.brandCode === c.get('brand').brandCode &&
        p.url === url &&
        p.type === type &&
        p.username === username &&
        p.password === password,
    );
    if (index < 0) {
      return iysErrors(c, [iysError('H530', { message: IYS_MESSAGE_VARIANTS.pushNotRemoved })]);
    }
    ctx.state.pushConnections.splice(index, 1);
    return c.json({ message: 'Bağlantı Kaldırıldı' });
  });

  return app;
}
