// A fake izinli server for the browser tests, as @web/test-runner middleware. It answers the
// routes the widget uses (the verification routes in fake-verifications.js) as server/src/http does (same shapes, same status codes) and
// checks every capture with @izinli/core's own schema and site rules, so a test passing here
// means the real server would accept the body. Each test works in its own namespace
// (`/t/{session}/v1/...`), so test files can run side by side; `/__test/{session}/...` lets the
// test switch answers (503 and 429 with a Retry-After, 422, dropped connections, answers held
// until released) and read back what was posted.
import {
  canonicalJson,
  checkCaptureAgainstSite,
  normalizeEmail,
  normalizePhone,
  publicSiteConfig,
  validateCapture,
} from '@izinli/core';
import { exampleSiteConfig } from '@izinli/core/fixtures';
import { apiError, json, readBody } from './fake-http.js';
import { heldChannels, postCode, postResend, postVerification } from './fake-verifications.js';

export { FAKE_CODE } from './fake-verifications.js';

/** The site that verifies: MESAJ by a code, EPOSTA by a link, ARAMA not at all. */
export const VERIFYING_SITE = 'ornek-dogrulamali-0001';

/**
 * Sites the fake serves: the example bookshop, a copy of it that offers Turkish only, and a copy
 * that verifies (docs/verification.md#configuration).
 */
export const SITES = new Map([
  [exampleSiteConfig.siteKey, exampleSiteConfig],
  [
    'ornek-yalniz-turkce-0001',
    { ...exampleSiteConfig, siteKey: 'ornek-yalniz-turkce-0001', locales: ['tr'] },
  ],
  [
    VERIFYING_SITE,
    {
      ...exampleSiteConfig,
      siteKey: VERIFYING_SITE,
      verification: {
        channels: { MESAJ: 'code', EPOSTA: 'link', ARAMA: 'none' },
        holdHours: 72,
        codeMinutes: 3,
        maxSends: 3,
        messages: {},
      },
    },
  ],
]);

/** The strict policy the embed must work under (docs/architecture.md#security-model). */
export const STRICT_CSP = "script-src 'self'; style-src 'self'";

const sessions = new Map();

function session(name) {
  let state = sessions.get(name);
  if (!state) {
    state = {
      answer: 'ok',
      times: Infinity,
      retryAfter: undefined,
      posts: [],
      stored: new Map(),
      held: [],
      // Verifications by id; each send waits `resendSeconds` before another may be asked.
      verifications: new Map(),
      verificationPosts: [],
      resendSeconds: 30,
    };
    sessions.set(name, state);
  }
  return state;
}

/** A site key the fake treats as configured without this page's origin, as the server answers it. */
export const ORIGIN_REFUSED_SITE = 'koken-izinsiz-0000';

function widgetView(ctx, siteKey) {
  if (siteKey === ORIGIN_REFUSED_SITE) {
    return apiError(
      ctx,
      403,
      'origin.forbidden',
      `This page's origin may not use the widget of site ${siteKey}: add it to the site's allowedOrigins.`,
    );
  }
  const site = SITES.get(siteKey);
  if (!site) return apiError(ctx, 404, 'site.unknown', `No site has the key ${siteKey}.`);
  const locale = ctx.query.locale ?? site.locales[0];
  if (!site.locales.includes(locale)) {
    return apiError(ctx, 400, 'locale.notOffered', 'The site does not offer this language.');
  }
  const view = publicSiteConfig(site);
  json(ctx, 200, { ...view, locale, notices: view.notices.filter((n) => n.locale === locale) });
}

// What POST /v1/captures does before the database: schema, site rules, addresses.
function check(body) {
  const validated = validateCapture(body);
  if (!validated.ok) return { status: 422, code: 'capture.invalid', problems: validated.error };
  const capture = validated.value;
  const site = SITES.get(capture.siteKey);
  if (!site) return { status: 404, code: 'site.unknown', problems: [] };
  const problems = checkCaptureAgainstSite(capture, site);
  const { phone, email } = capture.person;
  const phoneResult = phone === undefined ? undefined : normalizePhone(phone);
  const emailResult = email === undefined ? undefined : normalizeEmail(email);
  if (phoneResult && !phoneResult.ok)
    problems.push({ ...phoneResult.error, path: ['person', 'phone'] });
  if (emailResult && !emailResult.ok)
    problems.push({ ...emailResult.error, path: ['person', 'email'] });
  return problems.length ? { status: 422, code: 'capture.rejected', problems } : { capture };
}

async function postCapture(ctx, state) {
  const text = await readBody(ctx.req);
  let answer = state.answer;
  if (answer !== 'ok') {
    state.times -= 1;
    if (state.times <= 0) [state.answer, state.times] = ['ok', Infinity];
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const post = { id: body?.id, answer, status: 0, body, problems: [] };
  state.posts.push(post);
  if (answer === 'drop') {
    // A network failure as the browser sees it: the connection closes without an answer.
    ctx.status = 204; // for the dev server's log only: nothing is sent
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  if (answer === 'hold') {
    // A slow server: the answer waits until the test releases it.
    await new Promise((release) => state.held.push(release));
    answer = 'ok';
  }
  // Retry-After as the server sends it (5 s on a 503, the rate window's rest on a 429), or as
  // the test asked; `none` leaves it out, as a proxy's 503 might.
  const retryAfter = (usual) =>
    state.retryAfter === 'none' ? {} : { 'Retry-After': state.retryAfter ?? usual };
  if (answer === '503') {
    post.status = 503;
    return apiError(
      ctx,
      503,
      'server.unavailable',
      'The server could not complete the request; retry later.',
      [],
      retryAfter('5'),
    );
  }
  if (answer === '429') {
    post.status = 429;
    const headers = retryAfter('30');
    const seconds = headers['Retry-After'] ?? '?';
    return apiError(
      ctx,
      429,
      'rate.limited',
      `Too many captures for this site; retry after ${seconds} s.`,
      [],
      headers,
    );
  }
  if (answer === '422') {
    post.status = 422;
    return apiError(ctx, 422, 'capture.rejected', 'Refused on purpose by the test.');
  }
  // The capture's `verifications` (docs/verification.md#the-flow): ids of code verifications.
  const { verifications, ...capture } = body && typeof body === 'object' ? body : {};
  const idsOk =
    verifications === undefined ||
    (Array.isArray(verifications) && verifications.every((v) => typeof v === 'string'));
  const checked = idsOk
    ? check(verifications === undefined ? body : capture)
    : { status: 422, code: 'capture.invalid', problems: [] };
  if (!checked.capture) {
    post.status = checked.status;
    post.problems = checked.problems;
    return apiError(
      ctx,
      checked.status,
      checked.code,
      'The capture was refused.',
      checked.problems,
    );
  }
  const id = checked.capture.id;
  const fingerprint = canonicalJson(body);
  const stored = state.stored.get(id);
  if (stored && stored !== fingerprint) {
    post.status = 409;
    return apiError(ctx, 409, 'capture.conflict', 'A different capture with this id is stored.');
  }
  post.status = stored ? 200 : 201;
  state.stored.set(id, fingerprint);
  json(ctx, post.status, {
    captureId: id,
    receipt: `test-receipt.${id}`,
    verification: heldChannels(SITES, checked.capture, verifications ?? [], state),
  });
}

async function echo(ctx) {
  const fields = [...new URLSearchParams(await readBody(ctx.req))];
  const escaped = JSON.stringify(fields).replace(/</g, '\\u003c');
  ctx.type = 'text/html';
  ctx.body = `<!doctype html><html lang="en"><title>Sent</title><pre id="echo">${escaped}</pre></html>`;
}

/** The middleware: fake API routes and test controls. */
export function fakeIzinliServer() {
  return async function fakeIzinli(ctx, next) {
    const api = /^(?:\/t\/([\w-]+))?\/v1\/(.*)$/.exec(ctx.path);
    if (api) {
      const state = session(api[1] ?? 'default');
      const site = /^sites\/([^/]+)\/widget$/.exec(api[2]);
      if (site && ctx.method === 'GET') return widgetView(ctx, decodeURIComponent(site[1]));
      if (api[2] === 'captures' && ctx.method === 'POST') return postCapture(ctx, state);
      if (ctx.method === 'POST' && api[2] === 'verifications')
        return postVerification(ctx, state, SITES);
      const verification = /^verifications\/([\w-]+)\/(code|resend)$/.exec(api[2]);
      if (verification && ctx.method === 'POST') {
        const [, id, action] = verification;
        return (action === 'code' ? postCode : postResend)(ctx, state, id);
      }
      return apiError(ctx, 404, 'route.unknown', 'No such route.');
    }
    if (ctx.path === '/__test/echo' && ctx.method === 'POST') return echo(ctx);
    const control =
      /^\/__test\/([\w-]+)\/(reset|answer|release|posts|verifications|resendSeconds|expire)$/.exec(
        ctx.path,
      );
    if (control) {
      const [, name, action] = control;
      if (action === 'reset') sessions.delete(name);
      if (action === 'release')
        session(name)
          .held.splice(0)
          .forEach((release) => release());
      if (action === 'answer') {
        const state = session(name);
        state.answer = ctx.query.with ?? 'ok';
        state.times = ctx.query.times ? Number(ctx.query.times) : Infinity;
        state.retryAfter = ctx.query.retryAfter;
      }
      // Verification controls: how long before a new code may be asked; expire every code.
      if (action === 'resendSeconds') session(name).resendSeconds = Number(ctx.query.seconds);
      if (action === 'expire') session(name).verifications.forEach((v) => (v.expired = true));
      if (action === 'verifications') return json(ctx, 200, session(name).verificationPosts);
      return json(ctx, 200, action === 'posts' ? session(name).posts : { ok: true });
    }
    await next();
  };
}
