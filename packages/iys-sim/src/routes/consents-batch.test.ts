import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysBatchResponse, IysBatchStatusResponse } from '@izinli/core';
import { BASE, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';

async function setup(options: Parameters<typeof testSim>[0] = {}) {
  const sim = testSim({ limits: { requestsPerSecond: 1000 }, ...options });
  const token = await login(sim);
  const submit = (body: unknown, version: 'v1' | 'v2' = 'v1') =>
    call(sim, 'POST', `${version === 'v2' ? '/v2' : ''}${BASE}/consents/request`, { body, token });
  const poll = async (requestId: string, version: 'v1' | 'v2' = 'v1') => {
    const res = await call(
      sim,
      'GET',
      `${version === 'v2' ? '/v2' : ''}${BASE}/consents/request/${requestId}`,
      { token },
    );
    expect(res.status).toBe(200);
    return IysBatchStatusResponse.parse(await res.json());
  };
  return { sim, token, submit, poll };
}

const phone = (n: number) => `+90532${String(10_000_000 + n).slice(1)}`;

describe('batch add', () => {
  it('answers 202 with a requestId and one sub-request per item, echoing the items', async () => {
    const { submit } = await setup();
    const res = await submit([
      consent(),
      consent({ recipient: 'AYSE@example.com', type: 'EPOSTA' }),
    ]);
    expect(res.status).toBe(202);
    const body = IysBatchResponse.parse(await res.json());
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.subRequests).toHaveLength(2);
    expect(body.subRequests[1]).toMatchObject({
      recipient: 'ayse@example.com',
      type: 'EPOSTA',
      recipientType: 'BIREYSEL',
      creationDate: '2025-10-15 10:00:00',
    });
  });

  it('answers an empty list before 300 s, then per-item results with business-rule failures', async () => {
    const { sim, submit, poll } = await setup();
    const { requestId } = (await (
      await submit([consent(), consent({ recipient: phone(2), status: 'RET' })])
    ).json()) as { requestId: string };
    expect(await poll(requestId)).toEqual([]);
    expect(sim.context.state.consents.size).toBe(0);
    sim.advance(299_999);
    expect(await poll(requestId)).toEqual([]);
    sim.advance(1);
    const items = await poll(requestId);
    expect(items[0]).toMatchObject({
      index: 0,
      status: 'success',
      transactionId: expect.stringMatching(/^[0-9a-f]{64}$/),
      creationDate: '2025-10-15 10:05:00',
    });
    expect(items[1]).toMatchObject({
      index: 1,
      status: 'failure',
      error: {
        code: 'H175',
        message:
          'İlk izin kayıt işlemlerinde RET durum (status) bilgisi içeren izinler kaydedilmez.',
      },
    });
    expect(items[1]!.transactionId).toBeUndefined();
    expect(sim.context.state.consents.size).toBe(1);
  });

  it('answers enqueue (spelled subrequestId) while a delayed batch waits', async () => {
    const { sim, submit, poll, token } = await setup({ faults: { batchDelayMs: 60_000 } });
    const { requestId } = (await (await submit([consent()])).json()) as { requestId: string };
    sim.advance(300_000);
    const raw = await call(sim, 'GET', `${BASE}/consents/request/${requestId}`, { token });
    expect(await raw.json()).toEqual([
      { index: 0, status: 'enqueue', subrequestId: expect.any(String) },
    ]);
    sim.advance(60_000);
    expect((await poll(requestId))[0]!.status).toBe('success');
  });

  it('reports H174 and H178 per item against the stored records', async () => {
    const { sim, submit, poll } = await setup();
    const first = (await (await submit([consent()])).json()) as { requestId: string };
    sim.advance(300_000);
    await poll(first.requestId);
    const second = (await (
      await submit([
        consent({ consentDate: '2025-10-15 09:00:00' }),
        consent({ recipient: phone(3) }),
      ])
    ).json()) as { requestId: string };
    sim.advance(300_000);
    const items = await poll(second.requestId);
    expect(items[0]).toMatchObject({
      status: 'failure',
      error: { code: 'H178', message: IYS_ERRORS.H178.message },
    });
    expect(items[1]!.status).toBe('success');
  });

  it('rejects the whole list synchronously on format errors, with each item index', async () => {
    const { sim, submit } = await setup();
    const res = await submit([
      consent({ recipient: phone(1) }),
      consent({ recipient: phone(2), type: 'EPOSTAA' }),
      consent({ recipient: phone(3), consentDate: '2042-02-10 09:30:00' }),
    ]);
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([
      {
        index: 1,
        code: 'H117',
        message: IYS_ERRORS.H117.message,
        location: ['type'],
        value: 'EPOSTAA',
      },
      {
        index: 2,
        code: 'H162',
        message: IYS_ERRORS.H162.message,
        location: ['consentDate'],
        value: '2042-02-10 09:30:00',
      },
    ]);
    expect(sim.context.state.batches.size).toBe(0);
  });

  it('A8: rejects a batch holding a consent older than three business days with 422 H467 and its index', async () => {
    const { submit } = await setup();
    const res = await submit([
      consent(),
      consent({ recipient: phone(2), consentDate: '2025-10-01 10:00:00' }),
    ]);
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([
      {
        index: 1,
        code: 'H467',
        message: 'Üç iş günü öncesinde alınan izinler kaydedilemez.',
        location: ['consentDate'],
        value: '2025-10-01 10:00:00',
      },
    ]);
  });

  it('refuses a key repeated in one list with H194 and the later index', async () => {
    const { submit } = await setup();
    const res = await submit([
      consent(),
      consent({ recipient: phone(2) }),
      consent({ status: 'RET', consentDate: '2025-10-15 09:40:00' }),
    ]);
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([
      { code: 'H194', message: IYS_ERRORS.H194.message, index: 2 },
    ]);
  });

  it('refuses more than 1000 items with H091 (or H125 when configured)', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => consent({ recipient: phone(i) }));
    const { submit } = await setup();
    const res = await submit(items);
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([{ code: 'H091', message: IYS_ERRORS.H091.message }]);
    const other = await setup({ policy: { batchTooLargeCode: 'H125' } });
    expect((await errorsOf(await other.submit(items)))[0]!.code).toBe('H125');
    expect(await (await submit(items.slice(0, 1000))).status).toBe(202);
  });

  it('answers a body that is not a list with 400 H092 and invalid JSON with 400 H014', async () => {
    const { sim, submit, token } = await setup();
    expect(await errorsOf(await submit(consent()))).toEqual([
      { code: 'H092', message: IYS_ERRORS.H092.message },
    ]);
    expect((await submit([])).status).toBe(400);
    const res = await call(sim, 'POST', `${BASE}/consents/request`, { raw: '[{', token });
    expect(res.status).toBe(400);
    expect((await errorsOf(res))[0]!.code).toBe('H014');
  });

  it('validates the requestId of a status query (H198, H199, H400) and answers [] for unknown ones', async () => {
    const { sim, token, poll } = await setup();
    const get = (id: string) => call(sim, 'GET', `${BASE}/consents/request/${id}`, { token });
    const long = 'a9817bd8-0642-4d8c-946b-cc47d5aac41ab-cc47d5aac41a';
    expect(await errorsOf(await get(long))).toEqual([
      { code: 'H198', message: IYS_ERRORS.H198.message, location: ['requestId'], value: long },
    ]);
    expect((await errorsOf(await get('abcde')))[0]!.code).toBe('H199');
    expect((await errorsOf(await get('12345')))[0]!.code).toBe('H400');
    expect(await poll('5a2edd8e-dd6e-4293-b09b-6180b2c5d021')).toEqual([]);
  });

  it('forgets a requestId after 60 days', async () => {
    const { sim, submit } = await setup();
    const { requestId } = (await (await submit([consent()])).json()) as { requestId: string };
    sim.advance(60 * 86_400_000 + 1);
    const token = await login(sim);
    const res = await call(sim, 'GET', `${BASE}/consents/request/${requestId}`, { token });
    expect(await res.json()).toEqual([]);
  });

  it('v2: answers a consent identical to an earlier write with that write ids', async () => {
    const { sim, submit, poll } = await setup();
    const first = (await (await submit([consent()], 'v2')).json()) as {
      requestId: string;
      subRequests: { subRequestId: string }[];
    };
    sim.advance(300_000);
    const [original] = await poll(first.requestId, 'v2');
    const second = (await (await submit([consent()], 'v2')).json()) as { requestId: string };
    expect(second.requestId).not.toBe(first.requestId);
    sim.advance(300_000);
    const [again] = await poll(second.requestId, 'v2');
    expect(again).toMatchObject({
      status: 'success',
      transactionId: original!.transactionId,
      isAddConsentV2Service: false,
      originalRequestInformation: {
        requestId: first.requestId,
        subRequestId: first.subRequests[0]!.subRequestId,
      },
    });
    expect(sim.context.state.movements).toHaveLength(1);
  });
});
