// The bookshop's own backend, reduced to what the demo needs, answering on the izinli server's
// port through its `fallback` hook: the static pages, the signup form's target (which keeps only
// the capture id: the password is never read), and a few demo-only JSON endpoints that reach
// the admin API with the demo token and the İYS simulator server-side, so every page keeps
// `connect-src 'self'` and the simulator needs no CORS, and that list the e-mails and SMS the
// demo caught. Never expose this beyond localhost.
import { Channel, ConsentStatus, normalizeRecipient } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { DEMO_ACCOUNT } from '@izinli/iys-sim';
import { serveStatic } from './static-files.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where each language's form posts, and the receipt page it leads to.
 * @type {Record<string, string>}
 */
const SIGNUP_TARGETS = { '/uye-ol': '/makbuz.html', '/en/signup': '/en/receipt.html' };

/**
 * The server's error shape `{ error: { code, message, issues? } }`, with one issue when `expected`.
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {string} [expected]
 * @param {string} [received]
 */
function problem(status, code, message, expected, received) {
  return Response.json(
    {
      error: {
        code,
        message,
        ...(expected ? { issues: [{ code, path: [], expected, received }] } : {}),
      },
    },
    { status },
  );
}

/** @param {Response} response */
async function passThrough(response) {
  return new Response(await response.text(), {
    status: response.status,
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
  });
}

/**
 * @param {{ serverUrl: () => string, iysUrl: string, webhooks: () => unknown[],
 *   mails?: () => unknown[], sms?: () => unknown[] }} deps
 * @returns {(request: Request) => Promise<Response | undefined>}
 */
export function siteBackend({ serverUrl, iysUrl, webhooks, mails = () => [], sms = () => [] }) {
  /** @param {string} path */
  const admin = (path) =>
    fetch(`${serverUrl()}${path}`, {
      headers: { authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`, 'accept-language': 'en' },
    });
  const [brand] = DEMO_ACCOUNT.brands;
  if (!brand) throw new Error("the simulator's demo account has no brand");
  const brandCode = brand.brandCode;

  /**
   * `?recipient=` as İYS stores it for `type`, or a 400 naming what was expected.
   * @param {URL} url
   * @param {import('@izinli/core').Channel} type
   * @returns {{ value: string, error?: undefined } | { error: Response }}
   */
  function recipientOf(url, type) {
    const raw = url.searchParams.get('recipient') ?? '';
    const normalized = normalizeRecipient(type, raw);
    if (normalized.ok) return { value: normalized.value };
    return {
      error: problem(
        400,
        'query.invalid',
        'The recipient is not a valid address.',
        type === 'EPOSTA' ? 'an e-mail address' : 'a Turkish mobile number such as 0532 123 45 67',
        raw.slice(0, 80),
      ),
    };
  }

  /** @type {Record<string, (url: URL, request: Request) => Response | Promise<Response>>} */
  const routes = {
    'GET /demo/api/webhooks': () => Response.json({ items: webhooks() }),
    'GET /demo/api/mails': () => Response.json({ items: mails() }),
    'GET /demo/api/sms': () => Response.json({ items: sms() }),

    'GET /demo/api/iys': async (url) => {
      const type = Channel.safeParse(url.searchParams.get('type') ?? 'MESAJ');
      if (!type.success)
        return problem(400, 'query.invalid', 'Unknown channel.', 'MESAJ, ARAMA or EPOSTA', '');
      const recipient = recipientOf(url, type.data);
      if (recipient.error) return recipient.error;
      const query = new URLSearchParams({ recipient: recipient.value, brandCode: `${brandCode}` });
      return passThrough(await fetch(`${iysUrl}/__sim/consents?${query}`));
    },

    'GET /demo/api/check': async (url) => {
      const type = Channel.safeParse(url.searchParams.get('type'));
      if (!type.success) {
        const received = url.searchParams.get('type') ?? '';
        return problem(
          400,
          'query.invalid',
          'Unknown channel.',
          'MESAJ, ARAMA or EPOSTA',
          received,
        );
      }
      const recipient = recipientOf(url, type.data);
      if (recipient.error) return recipient.error;
      const query = new URLSearchParams({ type: type.data, recipient: recipient.value });
      return passThrough(await admin(`/v1/check?${query}`));
    },

    'POST /demo/api/citizen': async (_url, request) => {
      // Any JSON: a property of a non-object reads as undefined and fails the checks below.
      /** @type {{ type?: unknown, status?: unknown, recipient?: unknown } | null | undefined} */
      let body;
      try {
        body = /** @type {typeof body} */ (await request.json());
      } catch {
        return problem(400, 'body.invalid', 'Expected a JSON body.', '{ recipient, type, status }');
      }
      const type = Channel.safeParse(body?.type);
      const status = ConsentStatus.safeParse(body?.status);
      if (!type.success || !status.success) {
        return problem(
          400,
          'body.invalid',
          'Expected a channel and a status.',
          'type MESAJ|ARAMA|EPOSTA and status ONAY|RET',
          JSON.stringify({ type: body?.type, status: body?.status }).slice(0, 80),
        );
      }
      const normalized = normalizeRecipient(type.data, String(body?.recipient ?? ''));
      if (!normalized.ok) {
        return problem(
          400,
          'body.invalid',
          'The recipient is not a valid address for this channel.',
          type.data === 'EPOSTA' ? 'an e-mail address' : 'a Turkish mobile number',
          String(body?.recipient ?? '').slice(0, 80),
        );
      }
      const response = await fetch(`${iysUrl}/__sim/citizen/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          brandCode,
          recipient: normalized.value,
          type: type.data,
          status: status.data,
        }),
      });
      return passThrough(response);
    },
  };

  return async function handle(request) {
    const url = new URL(request.url);
    const { pathname } = url;
    const method = request.method;

    if (method === 'POST' && Object.hasOwn(SIGNUP_TARGETS, pathname)) {
      // The site's signup handler: it would create the account; the demo keeps only the capture
      // id the form submitted (the widget's value), to show its receipt.
      const form = await request.formData().catch(() => undefined);
      const id = String(form?.get('izinliCaptureId') ?? '');
      const next = SIGNUP_TARGETS[pathname] + (UUID.test(id) ? `?id=${id}` : '');
      return new Response(null, { status: 303, headers: { location: next } });
    }

    const capture = /^\/demo\/api\/captures\/([^/]+)(\/receipt\.jws)?$/.exec(pathname);
    if (method === 'GET' && capture) {
      const [, id = '', jws] = capture;
      if (!UUID.test(id))
        return problem(400, 'capture.id', 'Not a capture id.', 'a UUID', id.slice(0, 60));
      const response = await admin(`/v1/admin/captures/${id}`);
      if (!jws || !response.ok) return passThrough(response);
      const { receipt } = /** @type {{ receipt: string }} */ (await response.json());
      return new Response(`${receipt}\n`, {
        headers: {
          'content-type': 'application/jose; charset=utf-8',
          'content-disposition': `attachment; filename="izinli-receipt-${id}.jws"`,
        },
      });
    }

    if (method === 'GET' && pathname === '/en') {
      return new Response(null, { status: 301, headers: { location: '/en/' } });
    }
    const route = routes[`${method} ${pathname}`];
    if (route) return route(url, request);
    if (method === 'GET' || method === 'HEAD') return serveStatic(method, pathname);
    return undefined;
  };
}
