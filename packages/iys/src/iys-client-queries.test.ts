import { describe, it, expect } from 'vitest';
import { iysErrors, json } from './fake-fetch.test-support.js';
import { BRAND, IYS_CODE, fakeIysClient } from './fake-iys-client.test-support.js';

const base = `/sps/${IYS_CODE}/brands/${BRAND}`;
const key = { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' } as const;
const record = {
  ...key,
  status: 'ONAY',
  source: 'HS_WEB',
  consentDate: '2026-03-02 09:00:00',
  creationDate: '2026-03-02 09:00:03',
  transactionId: 'tx-1',
};

describe('getConsentStatus', () => {
  it('posts exactly the three key fields and returns the current record', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, record));
    const result = await client.getConsentStatus(BRAND, { ...key, extra: 1 } as typeof key);
    expect(result).toEqual({ ok: true, value: record });
    expect(apiCalls()[0]!.path).toBe(`${base}/consents/status`);
    expect(apiCalls()[0]!.rawBody).toBe(
      '{"recipient":"+905321234567","recipientType":"BIREYSEL","type":"MESAJ"}',
    );
  });

  it('treats a 404 with an errors body as "no record"', async () => {
    const { client } = fakeIysClient(() => iysErrors(404, 'H001'));
    expect(await client.getConsentStatus(BRAND, key)).toEqual({ ok: true, value: null });
  });

  it('treats a 404 without a body, a 204 and an empty 200 as "no record"', async () => {
    for (const answer of [
      () => new Response(null, { status: 404 }),
      () => new Response(null, { status: 204 }),
      () => json(200, {}),
    ]) {
      const { client } = fakeIysClient(answer);
      expect(await client.getConsentStatus(BRAND, key)).toEqual({ ok: true, value: null });
    }
  });

  it('reports the hourly status limit (H086) as retryable rate limiting', async () => {
    const { client } = fakeIysClient(() => iysErrors(429, 'H086'));
    const result = await client.getConsentStatus(BRAND, key);
    expect(!result.ok && result.error).toMatchObject({
      kind: 'rate-limited',
      code: 'H086',
      retryable: true,
    });
  });

  it('A18: refuses a query with a bad enum locally', async () => {
    const { client, calls } = fakeIysClient(() => json(200, record));
    const result = await client.getConsentStatus(BRAND, { ...key, type: 'SMS' as 'MESAJ' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'rejected', sent: false });
    expect(calls).toHaveLength(0);
  });

  it('turns a record with a status İYS does not have into an invalid-response error', async () => {
    const { client } = fakeIysClient(() => json(200, { ...record, status: 'BELKI' }));
    const result = await client.getConsentStatus(BRAND, key);
    expect(!result.ok && result.error.kind).toBe('invalid-response');
  });

  it('keeps recipients out of invalid-response problems', async () => {
    const { client } = fakeIysClient(() => json(200, { ...record, recipient: 42 }));
    const ok = await client.getConsentStatus(BRAND, key);
    expect(ok.ok).toBe(false);
    const { client: other } = fakeIysClient(() => json(200, { ...record, type: 'ayse@ornek.com' }));
    const result = await other.getConsentStatus(BRAND, key);
    expect(!result.ok && JSON.stringify(result.error.problems)).not.toContain('ayse@ornek.com');
  });
});

describe('getConsentStatuses', () => {
  it('posts the recipients to the multi-status path and returns the ONAY ones', async () => {
    const { client, apiCalls } = fakeIysClient(() =>
      json(200, { requestId: 'm-1', list: ['+905321234567'] }),
    );
    const result = await client.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', [
      '+905321234567',
      '+905321234568',
    ]);
    expect(result).toEqual({ ok: true, value: { requestId: 'm-1', list: ['+905321234567'] } });
    expect(apiCalls()[0]!.path).toBe(`${base}/consents/BIREYSEL/status/MESAJ`);
    expect(apiCalls()[0]!.body).toEqual({ recipients: ['+905321234567', '+905321234568'] });
  });

  it('A18: refuses an empty list, more than 1000 recipients or a repeated one locally', async () => {
    const { client, calls } = fakeIysClient(() => json(200, { requestId: 'm', list: [] }));
    const empty = await client.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', []);
    expect(!empty.ok && empty.error.code).toBe('H164');
    const many = Array.from({ length: 1001 }, (_, i) => `+90532${String(i).padStart(7, '0')}`);
    const tooMany = await client.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', many);
    expect(!tooMany.ok && tooMany.error.problems[0]!.code).toBe('iys.recipientsTooMany');
    const repeated = await client.getConsentStatuses(BRAND, 'BIREYSEL', 'MESAJ', [
      '+905321234567',
      '+905321234567',
    ]);
    expect(!repeated.ok && repeated.error.code).toBe('H193');
    expect(!repeated.ok && repeated.error.problems[0]!.path).toEqual(['recipients', 1]);
    expect(calls).toHaveLength(0);
  });
});

describe('getHistory', () => {
  it('posts the key with limit and offset as query parameters', async () => {
    const history = { list: [record], pagination: { totalCount: 1, pageSize: 10, offset: 0 } };
    const { client, apiCalls } = fakeIysClient(() => json(200, history));
    expect(await client.getHistory(BRAND, key, { limit: 10, offset: 0 })).toEqual({
      ok: true,
      value: history,
    });
    const call = apiCalls()[0]!;
    expect(call.path).toBe(`${base}/consents/history`);
    expect(call.url.search).toBe('?limit=10&offset=0');
  });

  it('leaves out the paging parameters it was not given', async () => {
    const { client, apiCalls } = fakeIysClient(() =>
      json(200, { list: [], pagination: { totalCount: 0, pageSize: 100, offset: 0 } }),
    );
    await client.getHistory(BRAND, key);
    expect(apiCalls()[0]!.url.search).toBe('');
  });

  it('A18: refuses a limit above 100 or a negative offset locally', async () => {
    const { client, calls } = fakeIysClient(() => json(200, {}));
    const limit = await client.getHistory(BRAND, key, { limit: 101 });
    expect(!limit.ok && limit.error.problems[0]).toMatchObject({
      code: 'iys.limitOutOfRange',
      params: { max: 100 },
    });
    const offset = await client.getHistory(BRAND, key, { offset: -1 });
    expect(!offset.ok && offset.error.code).toBe('H183');
    expect(calls).toHaveLength(0);
  });

  it('reports the hourly history limit (H089) as retryable rate limiting', async () => {
    const { client } = fakeIysClient(() => iysErrors(429, 'H089'));
    const result = await client.getHistory(BRAND, key);
    expect(!result.ok && result.error.kind).toBe('rate-limited');
  });
});

describe('pullChanges', () => {
  const change = { ...record, source: 'IYS_MOBIL', status: 'RET' };

  it('sends source, cursor and limit and returns the next cursor with the list', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, { after: 'c-2', list: [change] }));
    const result = await client.pullChanges(BRAND, { source: 'IYS', after: 'c-1', limit: 500 });
    expect(result).toEqual({ ok: true, value: { after: 'c-2', list: [change] } });
    const call = apiCalls()[0]!;
    expect(call.method).toBe('GET');
    expect(call.path).toBe(`${base}/consents/changes`);
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      source: 'IYS',
      after: 'c-1',
      limit: '500',
    });
  });

  it('sends no after on the first pull', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, { after: 'c-1', list: [] }));
    await client.pullChanges(BRAND, { source: 'HS' });
    expect(apiCalls()[0]!.url.search).toBe('?source=HS');
  });

  it('returns an empty list with the same cursor on 204', async () => {
    const { client } = fakeIysClient(() => new Response(null, { status: 204 }));
    expect(await client.pullChanges(BRAND, { source: 'IYS', after: 'c-7' })).toEqual({
      ok: true,
      value: { after: 'c-7', list: [] },
    });
    const { client: first } = fakeIysClient(() => new Response(null, { status: 204 }));
    expect(await first.pullChanges(BRAND, { source: 'IYS' })).toEqual({
      ok: true,
      value: { after: undefined, list: [] },
    });
  });

  it('A18: refuses a limit above 1000 locally', async () => {
    const { client, calls } = fakeIysClient(() => json(200, { after: 'x', list: [] }));
    const result = await client.pullChanges(BRAND, { source: 'IYS', limit: 1001 });
    expect(!result.ok && result.error.problems[0]!.params).toEqual({ max: 1000 });
    expect(calls).toHaveLength(0);
  });

  it('turns a 200 without a cursor into an invalid-response error', async () => {
    const { client } = fakeIysClient(() => json(200, { list: [] }));
    const result = await client.pullChanges(BRAND, { source: 'IYS' });
    expect(!result.ok && result.error.kind).toBe('invalid-response');
  });
});

describe('listBrands', () => {
  it('gets the account’s brands', async () => {
    const brands = [{ brandCode: IYS_CODE, name: 'Ana Marka', master: true }];
    const { client, apiCalls } = fakeIysClient(() => json(200, brands));
    expect(await client.listBrands()).toEqual({ ok: true, value: brands });
    expect(apiCalls()[0]!.path).toBe(`/sps/${IYS_CODE}/brands`);
  });
});

describe('push registration', () => {
  const connection = {
    url: 'https://izinli.example/iys/push',
    type: 'EPOSTA',
    username: 'iys',
    password: 'push-secret',
  } as const;

  it('registers connections with exactly İYS’s fields', async () => {
    const { client, apiCalls } = fakeIysClient(() =>
      json(200, { message: 'Bağlantı oluşturuldu' }),
    );
    const result = await client.registerPush(BRAND, [
      { ...connection, extra: 1 } as typeof connection,
    ]);
    expect(result).toEqual({ ok: true, value: { message: 'Bağlantı oluşturuldu' } });
    expect(apiCalls()[0]!.path).toBe(`${base}/push/registration`);
    expect(apiCalls()[0]!.body).toEqual({ connection: [connection] });
  });

  it('lists and removes connections', async () => {
    const listed = [
      {
        url: connection.url,
        type: 'EPOSTA',
        status: 'Bağlantı Oluşturuldu',
        registerTime: '2026-03-02 10:00:00',
      },
    ];
    const { client, apiCalls } = fakeIysClient((_req, i) =>
      i === 0 ? json(200, listed) : json(200, { message: 'Bağlantı Kaldırıldı' }),
    );
    expect(await client.listPushRegistrations(BRAND)).toEqual({ ok: true, value: listed });
    expect((await client.unregisterPush(BRAND, connection)).ok).toBe(true);
    expect(apiCalls()[1]!.path).toBe(`${base}/push/unregistration`);
    expect(apiCalls()[1]!.body).toEqual(connection);
  });

  it('refuses an incomplete connection locally without echoing its password', async () => {
    const { client, calls } = fakeIysClient(() => json(200, {}));
    const result = await client.registerPush(BRAND, [
      { ...connection, username: '', password: 'push-secret' },
    ]);
    expect(!result.ok && result.error.problems[0]!.path).toEqual([0, 'username']);
    const none = await client.registerPush(BRAND, []);
    expect(none.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('push-secret');
    expect(calls).toHaveLength(0);
  });

  it('surfaces İYS’s refusal of a non-https endpoint', async () => {
    const { client } = fakeIysClient(() => iysErrors(422, 'H531'));
    const result = await client.registerPush(BRAND, [connection]);
    expect(!result.ok && result.error).toMatchObject({ kind: 'rejected', code: 'H531' });
  });
});
