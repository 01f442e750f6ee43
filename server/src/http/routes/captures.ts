// POST /v1/captures: the browser's capture, answered only after it is durably committed.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { excerpt } from '@izinli/core';
import { prepareCapture } from '../../capture/prepare-capture.js';
import type { RequestFacts } from '../../capture/prepare-capture.js';
import type { StoredCapture } from '../../store/store.js';
import { ApiError } from '../api-error.js';
import type { AppDeps, AppLimits } from '../app-deps.js';
import { RateLimiter } from '../rate-limiter.js';
import { parseJsonBody, requireMediaType } from '../request-text.js';

/** What a 201 or a replay's 200 carries. */
export interface CaptureCreated {
  captureId: string;
  receipt: string;
}

// text/plain too: a page may send the capture as a CORS-simple request (no preflight).
const JSON_TYPES = ['application/json', 'text/plain'];

function created(capture: StoredCapture): CaptureCreated {
  return { captureId: capture.captureId, receipt: capture.receipt! };
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
  const limited = (retryAfterSeconds: number, what: string) =>
    new ApiError(
      429,
      'rate.limited',
      `Too many captures ${what}; retry after ${retryAfterSeconds} s.`,
      [],
      {
        'Retry-After': String(retryAfterSeconds),
      },
    );

  return new Hono().post(
    '/',
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'body.tooLarge',
          `The body is larger than ${limits.bodyBytes} bytes.`,
          [
            {
              code: 'body.tooLarge',
              path: [],
              expected: `at most ${limits.bodyBytes} bytes`,
              received: 'more',
            },
          ],
        );
      },
    }),
    async (c) => {
      const ip = clientIp(c);
      const ipVerdict = perIp.hit(ip ?? 'unknown');
      if (!ipVerdict.ok) throw limited(ipVerdict.retryAfterSeconds, 'from this address');
      requireMediaType(c, JSON_TYPES, 'Send the capture as JSON');
      const body = parseJsonBody(await c.req.text(), 'a JSON object');
      const facts: RequestFacts = {
        receivedAt: now(),
        origin: c.req.header('origin'),
        ip,
        userAgent: c.req.header('user-agent'),
      };
      const prepared = prepareCapture(body, facts, deps.config);
      if (!prepared.ok) {
        deps.metrics.captures.inc({ outcome: 'refused' });
        const { status, code, message, problems } = prepared.refusal;
        if (code === 'origin.forbidden' && body !== null && typeof body === 'object') {
          const siteKey = (body as { siteKey?: unknown }).siteKey;
          if (typeof siteKey === 'string') {
            deps.originRefusals?.record(siteKey, facts.origin ?? '(no Origin header)', 'capture');
          }
        }
        throw new ApiError(status, code, message, problems);
      }
      const siteVerdict = perSite.hit(prepared.draft.siteKey);
      if (!siteVerdict.ok) throw limited(siteVerdict.retryAfterSeconds, 'for this site');
      const outcome = await deps.committer.submit(prepared.draft);
      deps.metrics.captures.inc({ outcome: outcome.kind });
      if (outcome.kind === 'unstorable') {
        throw new ApiError(
          422,
          'capture.unstorable',
          'The capture cannot be stored as sent; the server logged why. Sending it again will not help.',
          outcome.problems,
        );
      }
      if (outcome.kind === 'conflict') {
        throw new ApiError(
          409,
          'capture.conflict',
          'A different capture with this id is already stored.',
          [
            {
              code: 'capture.conflict',
              path: ['id'],
              expected: 'a new UUID for a new capture, or the identical body to replay one',
              received: excerpt(prepared.draft.captureId, 60),
            },
          ],
        );
      }
      if (outcome.kind === 'replayed') return c.json(created(outcome.capture), 200);
      return c.json(created(outcome.capture), 201);
    },
  );
}
