// The typed client against a real server over HTTP: the single pre-send check (A2, A16), the
// admin API with the tenant's token, and error answers as IzinliApiError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecipient } from './check.js';
import { IzinliApiError, createIzinliClient, dataOf } from './client.js';
import type { IzinliClient } from './client.js';
import {
  EXAMPLE_ADMIN_TOKEN,
  mirrorEntry,
  postCapture,
  startTestServer,
} from './server.test-support.js';

let started: Awaited<ReturnType<typeof startTestServer>>;
let client: IzinliClient;

beforeAll(async () => {
  started = await startTestServer();
  await started.server.store.upsertMirror([
    mirrorEntry('+905321000001', 'ONAY'),
    mirrorEntry('+905321000002', 'RET'),
  ]);
  client = createIzinliClient({ baseUrl: `${started.url}/`, token: EXAMPLE_ADMIN_TOKEN });
});
afterAll(() => started.close());

describe('checkRecipient (GET /v1/check)', () => {
  it('A2: allows ONAY on İYS, in any common phone form; RET and no record do not allow', async () => {
    expect(await checkRecipient(client, { recipient: '0532 100 00 01', type: 'MESAJ' })).toEqual({
      allowed: true,
      status: 'ONAY',
      source: 'IYS_WEB',
      since: '2025-10-15 10:00:00',
    });
    expect(
      await checkRecipient(client, { recipient: '+905321000002', type: 'MESAJ' }),
    ).toMatchObject({ allowed: false, status: 'RET' });
    expect(
      await checkRecipient(client, { recipient: '+905329999999', type: 'MESAJ' }),
    ).toMatchObject({ allowed: false, status: null });
  });

  it('A16: a TACIR without a record is allowed', async () => {
    const answer = await checkRecipient(client, {
      recipient: '+905329999999',
      type: 'MESAJ',
      recipientType: 'TACIR',
    });
    expect(answer.allowed).toBe(true);
  });

  it('an unreadable recipient is an IzinliApiError with the server’s code, issues and request id', async () => {
    const english = createIzinliClient({
      baseUrl: started.url,
      token: EXAMPLE_ADMIN_TOKEN,
      language: 'en',
    });
    const error = await checkRecipient(english, { recipient: 'telefon yok', type: 'MESAJ' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IzinliApiError);
    const apiError = error as IzinliApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('query.invalid');
    expect(apiError.issues?.[0]?.path).toBe('recipient');
    expect(apiError.message).toMatch(/[a-z]/);
    expect(apiError.requestId).toMatch(/\S/);
  });

  it('without the admin token: 401', async () => {
    const anonymous = createIzinliClient({ baseUrl: started.url });
    const error = (await checkRecipient(anonymous, {
      recipient: '+905321000001',
      type: 'MESAJ',
    }).catch((e: unknown) => e)) as IzinliApiError;
    expect(error.status).toBe(401);
  });
});

describe('the admin API', () => {
  it('lists and reads a capture, and reads delivery stats, with the tenant’s token', async () => {
    const captureId = await postCapture(started.url, '0532 555 00 01');
    const list = await dataOf(
      client.GET('/v1/admin/captures', { params: { query: { limit: '10' } } }),
    );
    expect(list.items.map((c) => c.captureId)).toContain(captureId);
    const one = await dataOf(
      client.GET('/v1/admin/captures/{captureId}', { params: { path: { captureId } } }),
    );
    expect(one.captureId).toBe(captureId);
    expect(one.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const stats = await dataOf(client.GET('/v1/admin/movements/stats'));
    expect(Object.values(stats.byState).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('an unknown capture is a 404 IzinliApiError', async () => {
    const error = (await dataOf(
      client.GET('/v1/admin/captures/{captureId}', {
        params: { path: { captureId: '00000000-0000-4000-8000-000000000000' } },
      }),
    ).catch((e: unknown) => e)) as IzinliApiError;
    expect(error).toBeInstanceOf(IzinliApiError);
    expect(error.status).toBe(404);
  });
});
