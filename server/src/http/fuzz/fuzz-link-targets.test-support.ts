// Fuzz targets a person or İYS reaches without an admin token: the withdrawal link's page and
// button (hostile, truncated and bit-flipped tokens, every content type), and İYS push (hostile
// Basic auth, then hostile bodies with the right credentials).
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import fc from 'fast-check';
import { expect } from 'vitest';
import { PUSH_AUTH, fuzzCase, post } from './fuzz-harness.test-support.js';
import type { FuzzHarness, Run } from './fuzz-harness.test-support.js';
import {
  headerString,
  hostileJson,
  hostileString,
  mutate,
  mutation,
  rawBodies,
  uri,
} from './fuzz-inputs.test-support.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A signed link token of the example site, from the admin API. */
async function linkToken(h: FuzzHarness): Promise<string> {
  const response = await post(
    h,
    '/v1/admin/withdrawal-links',
    JSON.stringify({ siteKey: EXAMPLE_SITE_KEY, recipient: { email: 'ayse@ornek.com.tr' } }),
  );
  expect(response.status).toBe(201);
  return new URL(((await response.json()) as { url: string }).url).searchParams.get('t')!;
}

/** GET and POST /v1/withdraw with tokens the server never signed. */
export async function fuzzWithdrawLink(h: FuzzHarness, run: Run, scale: number) {
  const good = await linkToken(h);
  // A changed character anywhere (or a cut) breaks the signature; a change that only touches the
  // unused bits of the last base64url character may leave it valid, which then withdraws once.
  const token = fc.oneof(
    hostileString,
    fc
      .tuple(fc.nat(), fc.constantFrom(...BASE64URL))
      .map(
        ([at, ch]) =>
          `${good.slice(0, at % good.length)}${ch}${good.slice((at % good.length) + 1)}`,
      ),
    fc.nat().map((cut) => good.slice(0, cut % good.length)),
    fc.constantFrom(
      good.split('.').slice(0, 2).join('.'),
      `${good.split('.')[0]}.${Buffer.from('{"exp":99999999999}').toString('base64url')}.${good.split('.')[2]}`,
      `eyJhbGciOiJub25lIn0.${good.split('.')[1]}.`,
    ),
  );
  const accept = fc.constantFrom('application/json', 'text/html', '*/*');
  const lang = fc.option(fc.oneof(hostileString, fc.constantFrom('tr', 'en')));
  await run(fc.tuple(token, accept, lang), 800 * scale, ([t, wants, l]) =>
    fuzzCase(
      h,
      'withdraw page',
      () =>
        h.app.request(`/v1/withdraw?t=${uri(t)}${l === null ? '' : `&lang=${uri(l)}`}`, {
          headers: { Accept: wants },
        }),
      { accept: [200], html: true },
    ),
  );
  const body = fc.oneof(
    token.map((t) => ({
      type: 'application/x-www-form-urlencoded',
      text: new URLSearchParams({ t }).toString(),
    })),
    token.map((t) => ({ type: 'application/json', text: JSON.stringify({ t }) })),
    hostileJson.map((v) => ({ type: 'application/json', text: JSON.stringify(v) })),
    rawBodies(() => JSON.stringify({ t: good })).map((text) => ({
      type: 'application/json',
      text,
    })),
    fc.tuple(headerString, hostileString).map(([type, text]) => ({ type, text })),
  );
  await run(fc.tuple(body, accept), 800 * scale, ([{ type, text }, wants]) =>
    fuzzCase(
      h,
      'withdraw button',
      () =>
        h.app.request('/v1/withdraw', {
          method: 'POST',
          headers: { 'Content-Type': type, Accept: wants },
          body: text,
        }),
      { accept: [200, 201], writes: true, html: true },
    ),
  );
}

/** POST /v1/iys/push/{iysCode}: hostile credentials, then hostile bodies with the right ones. */
export async function fuzzIysPush(h: FuzzHarness, run: Run, scale: number) {
  const authorization = fc.option(
    fc.oneof(
      headerString,
      headerString.map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.constantFrom(
        `Basic ${Buffer.from('iys-push:demO').toString('base64')}`,
        `Basic ${Buffer.from('iys-push').toString('base64')}`,
        `Basic ${Buffer.from(':demo').toString('base64')}`,
        `Basic ${Buffer.from('iys-push:demo\u0000').toString('base64')}`,
        `Bearer ${PUSH_AUTH.slice(6)}`,
        'Basic !!!!',
      ),
    ),
  );
  const code = fc.oneof(
    fc.constantFrom('100000', '100001', '0', '-1', '1e5', '100000.0'),
    hostileString,
  );
  await run(fc.tuple(authorization, code), 500 * scale, ([auth, iysCode]) =>
    fuzzCase(h, 'iys push auth', async () => {
      const response = await post(
        h,
        `/v1/iys/push/${uri(iysCode)}`,
        JSON.stringify({ list: [] }),
        auth === null ? {} : { Authorization: auth },
      );
      // A NUL in the path is refused before anything reads it.
      if (iysCode.includes('\u0000')) expect(response.status).toBe(400);
      else expect([401, 404]).toContain(response.status);
      return response;
    }),
  );
  const movement = {
    list: [
      {
        iysCode: 100000,
        brandCode: 100000,
        recipient: '+905327778899',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_KISAMESAJ',
        consentDate: '2025-10-15 10:00:00',
        creationDate: '2025-10-15 10:00:00',
        transactionId: 'tx-1',
      },
    ],
  };
  const bodies = fc.oneof(
    rawBodies(() => JSON.stringify(movement)),
    hostileJson.map((v) => JSON.stringify(v)),
    fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m) => mutate(movement, m)),
  );
  await run(bodies, 700 * scale, (text) =>
    fuzzCase(
      h,
      'iys push body',
      () => post(h, '/v1/iys/push/100000', text, { Authorization: PUSH_AUTH }),
      // A still-valid push is acknowledged with its counts; what it applied is İYS's to say.
      {
        accept: [200],
        writes: true,
        onAccepted: (_, body) => {
          expect(body).toMatchObject({ received: expect.any(Number) as number });
        },
      },
    ),
  );
}
