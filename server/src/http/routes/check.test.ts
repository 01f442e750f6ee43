// The pre-send check API: every failure path, and answers from the İYS mirror only (A2, A16).
import {
  EXAMPLE_ADMIN_TOKEN,
  exampleMirrorEntry as mirrorEntry,
  exampleServerConfig,
} from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const BRAND = { iysCode: 100000, brandCode: 100000 };
let h: Awaited<ReturnType<typeof makeHarness>>;

const get = (query: Record<string, string>, headers: Record<string, string> = auth) =>
  h.app.request(`/v1/check?${new URLSearchParams(query)}`, { headers });
const post = (body: unknown, headers: Record<string, string> = auth, path = '/v1/check') =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
async function errorOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { code: string; issues?: { path: string }[] } })
    .error;
}

describe('GET /v1/check', () => {
  beforeEach(async () => {
    h = await makeHarness();
    await h.store.upsertMirror([
      mirrorEntry('+905321000001', 'ONAY'),
      mirrorEntry('+905321000002', 'RET'),
      mirrorEntry('+905321000003', 'RET', 'TACIR'),
    ]);
  });
  afterEach(async () => {
    await h.close();
  });

  it('A2: ONAY on İYS (mirror) allows, with status, source and since; any common phone form', async () => {
    const response = await get({ recipient: '0532 100 00 01', type: 'MESAJ' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      allowed: true,
      status: 'ONAY',
      source: 'IYS_WEB',
      since: '2025-10-15 10:00:00',
    });
  });

  it('A2: RET and no record at all do not allow', async () => {
    expect(await (await get({ recipient: '+905321000002', type: 'MESAJ' })).json()).toMatchObject({
      allowed: false,
      status: 'RET',
    });
    expect(await (await get({ recipient: '+905329999999', type: 'MESAJ' })).json()).toEqual({
      allowed: false,
      status: null,
      source: null,
      since: null,
    });
    // ONAY for MESAJ says nothing about ARAMA.
    expect(await (await get({ recipient: '+905321000001', type: 'ARAMA' })).json()).toMatchObject({
      allowed: false,
    });
  });

  it('A2: a pending ONAY movement not yet confirmed by İYS is not allowed (no local wishes)', async () => {
    const captured = await postCapture(h.app, validCapture());
    expect(captured.status).toBe(201);
    expect((await h.store.stats()).pendingMovements).toBeGreaterThan(0);
    expect(await (await get({ recipient: '+905321234567', type: 'MESAJ' })).json()).toMatchObject({
      allowed: false,
      status: null,
    });
  });

  it('B7, A11: a refusal recorded here refuses at once, before İYS confirms it', async () => {
    await h.store.upsertMirror([mirrorEntry('+905321234567', 'ONAY')]);
    const query = { recipient: '+905321234567', type: 'MESAJ' };
    expect(await (await get(query)).json()).toMatchObject({ allowed: true });
    const withdrawn = await post(
      {
        siteKey: exampleServerConfig.tenants[0]!.sites[0]!.siteKey,
        recipient: { phone: '+905321234567' },
        channels: ['MESAJ'],
      },
      auth,
      '/v1/admin/withdrawals',
    );
    expect(withdrawn.status).toBe(201);
    const { movements } = (await withdrawn.json()) as { movements: { consentDate: string }[] };
    const [ret] = movements;
    const answer = await (await get(query)).json();
    expect(answer).toEqual({
      allowed: false,
      status: 'RET',
      source: 'HS_EORTAM', // a withdrawal through the admin API
      since: ret!.consentDate,
      pending: true,
    });
    // Once İYS holds the RET, the answer is İYS's own.
    await h.store.upsertMirror([
      { ...mirrorEntry('+905321234567', 'RET'), consentDate: ret!.consentDate },
    ]);
    expect(await (await get(query)).json()).toEqual({
      allowed: false,
      status: 'RET',
      source: 'IYS_KISAMESAJ',
      since: ret!.consentDate,
    });
  });

  it('A16: a TACIR without a record is allowed; a TACIR RET is not', async () => {
    const tacir = { type: 'MESAJ', recipientType: 'TACIR' };
    expect(await (await get({ recipient: '+905329999999', ...tacir })).json()).toMatchObject({
      allowed: true,
      status: null,
    });
    expect(await (await get({ recipient: '+905321000003', ...tacir })).json()).toMatchObject({
      allowed: false,
      status: 'RET',
    });
  });

  it('401 without or with a wrong admin token', async () => {
    expect(
      (await errorOf(await get({ recipient: '+905321000001', type: 'MESAJ' }, {}), 401)).code,
    ).toBe('admin.unauthorized');
    const wrong = { Authorization: 'Bearer nope' };
    expect(
      (await errorOf(await get({ recipient: '+905321000001', type: 'MESAJ' }, wrong), 401)).code,
    ).toBe('admin.unauthorized');
  });

  it('400 naming the field: bad recipient, bad or missing type, bad recipientType, unknown brandCode', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ recipient: 'not-a-phone', type: 'MESAJ' }, 'recipient'],
      [{ type: 'MESAJ' }, 'recipient'],
      [{ recipient: 'ayse@ornek', type: 'EPOSTA' }, 'recipient'],
      [{ recipient: '+905321000001', type: 'SMS' }, 'type'],
      [{ recipient: '+905321000001' }, 'type'],
      [{ recipient: '+905321000001', type: 'MESAJ', recipientType: 'KURUM' }, 'recipientType'],
      [{ recipient: '+905321000001', type: 'MESAJ', brandCode: '42' }, 'brandCode'],
      [{ recipient: '+905321000001', type: 'MESAJ', brandCode: 'x' }, 'brandCode'],
    ];
    for (const [query, path] of cases) {
      const error = await errorOf(await get(query), 400);
      expect(error.issues?.[0]?.path, JSON.stringify(query)).toBe(path);
    }
  });

  it('POST: up to 1000 recipients answered one by one; a bad address is refused in its own answer', async () => {
    const response = await post({
      type: 'MESAJ',
      recipients: ['+905321000001', '0532 100 00 02', 'bozuk', '+905329999999'],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: Record<string, unknown>[] };
    expect(body).toMatchObject({ type: 'MESAJ', recipientType: 'BIREYSEL', ...BRAND });
    expect(body.results.map((r) => [r.recipient, r.allowed, r.status])).toEqual([
      ['+905321000001', true, 'ONAY'],
      ['+905321000002', false, 'RET'],
      ['bozuk', false, null],
      ['+905329999999', false, null],
    ]);
    expect(body.results[2]).toMatchObject({ issue: { path: 'recipients[2]' } });
  });

  it('POST: a number typed in a form the numbering plan rewrites is looked up as its E.164 form; one the plan refuses is refused', async () => {
    await h.store.upsertMirror([mirrorEntry('+447400123456', 'ONAY')]);
    const response = await post({
      type: 'MESAJ',
      recipients: ['+44 (0)7400 123456', '+447400123456', '+905601234567', '0532 100 00 01'],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: Record<string, unknown>[] };
    expect(body.results.map((r) => [r.recipient, r.allowed, r.status])).toEqual([
      ['+447400123456', true, 'ONAY'],
      ['+447400123456', true, 'ONAY'],
      ['+905601234567', false, null],
      ['+905321000001', true, 'ONAY'],
    ]);
    expect(body.results[2]).toMatchObject({
      issue: { code: 'phone.invalid', path: 'recipients[2]' },
    });
    const one = await get({ recipient: '+44 (0)7400 123456', type: 'MESAJ' });
    expect(await one.json()).toMatchObject({ allowed: true, status: 'ONAY' });
    const refused = await errorOf(await get({ recipient: '+905601234567', type: 'MESAJ' }), 400);
    expect(refused.issues?.[0]?.path).toBe('recipient');
  });

  it('POST: 400 on bad JSON, a bad shape, more than 1000 recipients; 401 without a token', async () => {
    expect((await errorOf(await post('{'), 400)).code).toBe('body.notJson');
    expect(
      (await errorOf(await post({ type: 'FAX', recipients: ['+905321000001'] }), 400)).issues?.[0]
        ?.path,
    ).toBe('type');
    expect((await errorOf(await post({ type: 'MESAJ', recipients: [] }), 400)).code).toBe(
      'body.invalid',
    );
    const many = Array.from({ length: 1001 }, (_, i) => `+9053210${String(i).padStart(5, '0')}`);
    expect(
      (await errorOf(await post({ type: 'MESAJ', recipients: many }), 400)).issues?.[0]?.path,
    ).toBe('recipients');
    expect(
      (await errorOf(await post({ type: 'MESAJ', recipients: ['+905321000001'] }, {}), 401)).code,
    ).toBe('admin.unauthorized');
  });
});

describe('/v1/check for a tenant with several brands', () => {
  const second = {
    ...exampleServerConfig.tenants[0]!.sites[0]!,
    siteKey: 'ikinci-marka-demo-0002',
    brand: { iysCode: 100000, brandCode: 100001 },
  };
  const config = {
    ...exampleServerConfig,
    tenants: [
      {
        ...exampleServerConfig.tenants[0]!,
        sites: [...exampleServerConfig.tenants[0]!.sites, second],
      },
    ],
  };
  beforeEach(async () => {
    h = await makeHarness({ config });
  });
  afterEach(async () => {
    await h.close();
  });

  it('400 naming brandCode when it is missing; answers once it is given', async () => {
    const error = await errorOf(await get({ recipient: '+905321000001', type: 'MESAJ' }), 400);
    expect(error.issues?.[0]?.path).toBe('brandCode');
    const batch = await errorOf(await post({ type: 'MESAJ', recipients: ['+905321000001'] }), 400);
    expect(batch.issues?.[0]?.path).toBe('brandCode');
    const named = await get({ recipient: '+905321000001', type: 'MESAJ', brandCode: '100001' });
    expect(await named.json()).toMatchObject({ allowed: false });
  });
});
