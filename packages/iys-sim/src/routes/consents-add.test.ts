// Long because: every rule İYS applies to adding one consent (v1, v2), a case each.
import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysAddConsentResponse } from '@izinli/core';
import { BASE, IYS, BRAND, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';
import type { IysSim } from '../app.js';

async function setup(options: Parameters<typeof testSim>[0] = {}) {
  const sim = testSim({ limits: { requestsPerSecond: 1000 }, ...options });
  const token = await login(sim);
  const add = (body: unknown, version: 'v1' | 'v2' = 'v1') =>
    call(sim, 'POST', `${version === 'v2' ? '/v2' : ''}${BASE}/consents`, { body, token });
  return { sim, token, add };
}

async function expectError(res: Response, status: number, errors: object[]) {
  expect(res.status).toBe(status);
  expect(await errorsOf(res)).toEqual(errors);
}

/** One entry of İYS's error answer: the code, its documented message, where and what it refused. */
const iysError = (code: keyof typeof IYS_ERRORS, field?: string, value?: unknown) => ({
  code,
  message: IYS_ERRORS[code].message,
  ...(field === undefined ? {} : { location: [field] }),
  ...(value === undefined ? {} : { value }),
});

/** Adds a consent dated `consentDate` (and `over`): İYS refuses it with 422 `code`, quoting the date. */
async function expectDateRefused(
  add: (body: unknown) => Promise<Response>,
  code: keyof typeof IYS_ERRORS,
  consentDate: string,
  over: Record<string, unknown> = {},
) {
  await expectError(await add(consent({ ...over, consentDate })), 422, [
    iysError(code, 'consentDate', consentDate),
  ]);
}

describe('add one consent', () => {
  it('A17: records an HS_WEB ONAY and answers transactionId and creationDate in İYS format', async () => {
    const { add } = await setup();
    const res = await add(consent());
    expect(res.status).toBe(200);
    const body = IysAddConsentResponse.parse(await res.json());
    expect(body.transactionId).toMatch(/^[0-9a-f]{64}$/);
    expect(body.creationDate).toBe('2025-10-15 10:00:00');
  });

  it('stores e-mail addresses lower-cased', async () => {
    const { sim, add } = await setup();
    expect(
      (await add(consent({ recipient: 'Ayse.Yilmaz+news@Example.COM', type: 'EPOSTA' }))).status,
    ).toBe(200);
    expect([...sim.context.state.consents.values()][0]!.recipient).toBe(
      'ayse.yilmaz+news@example.com',
    );
  });

  it('answers invalid JSON with 400 H014 and a non-object with 400 H085', async () => {
    const { sim, token, add } = await setup();
    await expectError(
      await call(sim, 'POST', `${BASE}/consents`, { raw: '{"recipient":', token }),
      400,
      [iysError('H014')],
    );
    await expectError(await add([consent()]), 400, [iysError('H085')]);
  });

  it.each([
    ['status', 'H110'],
    ['type', 'H111'],
    ['consentDate', 'H112'],
    ['source', 'H113'],
    ['recipient', 'H114'],
  ] as const)('answers a missing %s with 422 %s at its location', async (field, code) => {
    const { add } = await setup();
    const body = consent();
    delete body[field];
    await expectError(await add(body), 422, [iysError(code, field)]);
  });

  it.each([
    ['status', 'ONAYY', 'H115'],
    ['recipientType', 'TACIRR', 'H116'],
    ['type', 'EPOSTAa', 'H117'],
    ['source', 'HS_FIZIKSEL_OTAM', 'H119'],
    ['source', 'IYS_WEB', 'H119'],
  ] as const)('answers %s %j with 422 %s echoing the value', async (field, value, code) => {
    const { add } = await setup();
    await expectError(await add(consent({ [field]: value })), 422, [iysError(code, field, value)]);
  });

  it.each([
    ['an unknown field', { fullName: 'Ayşe Yılmaz' }, 422, 'H118', 'fullName', 'Ayşe Yılmaz'],
    ['HS_KARAR with ONAY', { source: 'HS_KARAR' }, 422, 'H408', 'status', 'ONAY'],
    ['a foreign retailer', { retailerCode: 12786531 }, 403, 'H180', 'retailerCode', 12786531],
  ] as const)(
    'answers %s with %i %s naming the field',
    async (_, over, status, code, field, value) => {
      const { add } = await setup();
      await expectError(await add(consent(over)), status, [iysError(code, field, value)]);
    },
  );

  it('refuses optional fields sent as empty string or null', async () => {
    const { add } = await setup();
    expect((await add(consent({ recipientType: '' }))).status).toBe(422);
    expect((await add(consent({ recipientType: null }))).status).toBe(422);
    await expectError(await add(consent({ retailerCode: '' })), 400, [
      { code: 'H267', message: 'retailerCode değeri boş string olmamalıdır!' },
    ]);
    expect(await add(consent({ retailerAccess: [] }))).toHaveProperty('status', 422);
  });

  it('answers a phone over 15 characters with H160 and H121 together, as the document shows', async () => {
    const { add } = await setup();
    await expectError(await add(consent({ recipient: '9055436100000000' })), 422, [
      iysError('H160', 'recipient', '9055436100000000'),
      iysError('H121', 'recipient', '9055436100000000'),
    ]);
  });

  it('records a +9005… mobile as sent: İYS accepts the trunk 0 after +90 (its add operations say so)', async () => {
    const { add } = await setup();
    const res = await add(consent({ recipient: '+9005321234567' }));
    expect(res.status).toBe(200);
  });

  it.each(['05321234567', '+90053212345', '+90532123', 'ayse@example.com'])(
    'answers the non-E.164 phone %j with 422 H121',
    async (recipient) => {
      const { add } = await setup();
      const errors = await errorsOf(await add(consent({ recipient })));
      expect(errors.map((e) => e.code)).toContain('H121');
    },
  );

  it.each([
    'örnek@mail.com',
    'ayse yilmaz@example.com',
    'ayse@example',
    'a@b.c',
    'ayse!@example.com',
    '+905321234567',
  ])('answers the e-mail %j with 422 H120', async (recipient) => {
    const { add } = await setup();
    await expectError(await add(consent({ recipient, type: 'EPOSTA' })), 422, [
      iysError('H120', 'recipient', recipient),
    ]);
  });

  it('answers a malformed consentDate with H158 and an impossible one with H157', async () => {
    const { add } = await setup();
    await expectDateRefused(add, 'H158', '2025-10-15T09:30:00Z');
    await expectDateRefused(add, 'H157', '2020-15-01 13:35:00');
  });

  it('answers a future consentDate with H162 and one before 2015-05-01 with H156', async () => {
    const { add } = await setup();
    await expectDateRefused(add, 'H162', '2025-10-15 10:00:01');
    expect((await add(consent({ consentDate: '2025-10-15 10:00:00' }))).status).toBe(200);
    await expectDateRefused(add, 'H156', '2015-04-30 23:59:00');
  });

  it('accepts HS_2015 only with consentDate 2015-05-01 00:00:00 (else H155)', async () => {
    const { add } = await setup();
    await expectDateRefused(add, 'H155', '2020-04-30 23:59:00', { source: 'HS_2015' });
    expect(
      (await add(consent({ source: 'HS_2015', consentDate: '2015-05-01 00:00:00' }))).status,
    ).toBe(200);
  });

  it('A8: a consent older than three business days is refused with H467', async () => {
    // Now: Wednesday 2025-10-15 10:00. Thursday 9th + Fri, Mon, Tue → its window ended at midnight.
    const { add } = await setup();
    await expectError(await add(consent({ consentDate: '2025-10-09 23:59:59' })), 422, [
      {
        code: 'H467',
        message: 'Üç iş günü öncesinde alınan izinler kaydedilemez.',
        location: ['consentDate'],
        value: '2025-10-09 23:59:59',
      },
    ]);
    expect((await add(consent({ consentDate: '2025-10-10 00:00:00' }))).status).toBe(200);
  });

  it('A8: a weekend does not count as business days', async () => {
    // Saturday 11th: Mon 13, Tue 14, Wed 15 → still inside on Wednesday.
    const { add } = await setup();
    expect((await add(consent({ consentDate: '2025-10-11 08:00:00' }))).status).toBe(200);
  });

  it('A8: a public holiday does not count as a business day', async () => {
    // 29 Oct 2025 (Wednesday) is Cumhuriyet Bayramı. Now: Thursday 30th, 23:00.
    // Friday 24th: Mon 27, Tue 28 (half day, counts), Thu 30 → still inside.
    const { add } = await setup({ clock: { start: '2025-10-30T20:00:00Z' } });
    expect((await add(consent({ consentDate: '2025-10-24 12:00:00' }))).status).toBe(200);
    expect((await add(consent({ consentDate: '2025-10-23 12:00:00' }))).status).toBe(422);
  });

  it('counts half-day eves as business days by default and not when configured', async () => {
    // Now: Friday 31 Oct. Friday 24th: 27, 28 (eve), 30 → out; without the eve: 27, 30, 31 → in.
    const start = { clock: { start: '2025-10-31T09:00:00Z' } };
    const byDefault = await setup(start);
    expect((await byDefault.add(consent({ consentDate: '2025-10-24 12:00:00' }))).status).toBe(422);
    const noEves = await setup({ ...start, policy: { halfDayIsBusinessDay: false } });
    expect((await noEves.add(consent({ consentDate: '2025-10-24 12:00:00' }))).status).toBe(200);
  });

  it('applies H467 to RET too by default, and not when the policy says otherwise', async () => {
    for (const [h467AppliesToRet, expected] of [
      [true, 422],
      [false, 200],
    ] as const) {
      const { sim, add } = await setup({
        clock: { start: '2025-10-08T09:00:00Z' },
        policy: { h467AppliesToRet },
      });
      expect((await add(consent({ consentDate: '2025-10-08 09:00:00' }))).status).toBe(200);
      sim.clock.set('2025-10-15T07:00:00Z');
      const token = await login(sim); // a week later, the first token has expired
      const res = await call(sim, 'POST', `${BASE}/consents`, {
        body: consent({ status: 'RET', consentDate: '2025-10-09 10:00:00' }),
        token,
      });
      expect(res.status).toBe(expected);
    }
  });

  it('accepts the brand own retailers', async () => {
    const { add } = await setup({
      accounts: [
        {
          username: 'demo',
          password: 'demo',
          iysCode: IYS,
          brands: [{ brandCode: BRAND, name: 'B', retailers: [11, 12] }],
        },
      ],
    });
    expect((await add(consent({ retailerCode: 11, retailerAccess: [11, 12] }))).status).toBe(200);
  });
});

describe('add one consent: rules against the stored record', () => {
  it('A18: refuses a first record with status RET with 400 H175', async () => {
    const { add } = await setup();
    await expectError(await add(consent({ status: 'RET' })), 400, [iysError('H175')]);
  });

  it('refuses RET over RET with 400 H174 ending with the current status', async () => {
    const { sim, add } = await setup();
    await add(consent());
    sim.advance(1000);
    expect((await add(consent({ status: 'RET', consentDate: '2025-10-15 09:40:00' }))).status).toBe(
      200,
    );
    await expectError(
      await add(consent({ status: 'RET', consentDate: '2025-10-15 09:50:00' })),
      400,
      [
        {
          code: 'H174',
          message:
            'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: RET',
        },
      ],
    );
  });

  it('accepts ONAY over ONAY with a newer date as a renewal, or refuses it with H174 when configured', async () => {
    const renewing = await setup();
    await renewing.add(consent());
    expect((await renewing.add(consent({ consentDate: '2025-10-15 09:45:00' }))).status).toBe(200);
    const strict = await setup({ policy: { onayRenewal: false } });
    await strict.add(consent());
    const res = await strict.add(consent({ consentDate: '2025-10-15 09:45:00' }));
    expect(res.status).toBe(400);
    expect((await errorsOf(res))[0]!.message).toMatch(/İzin durumu: ONAY$/);
  });

  it('refuses an older consentDate with 400 H178, and an equal one unless configured otherwise', async () => {
    const { add } = await setup();
    await add(consent());
    await expectError(
      await add(consent({ status: 'RET', consentDate: '2025-10-15 09:29:59' })),
      400,
      [iysError('H178')],
    );
    expect((await add(consent({ status: 'RET' }))).status).toBe(400);
    const lenient = await setup({ policy: { equalConsentDateIsOlder: false } });
    await lenient.add(consent());
    expect((await lenient.add(consent({ status: 'RET' }))).status).toBe(200);
  });

  it('lets a first TACIR record leave out consentDate and source, but not an update (H462, H463)', async () => {
    const { add } = await setup();
    const trader = {
      recipient: '+905321234567',
      type: 'ARAMA',
      status: 'ONAY',
      recipientType: 'TACIR',
    };
    expect((await add(trader)).status).toBe(200);
    await expectError(await add({ ...trader, status: 'RET', source: 'HS_WEB' }), 400, [
      iysError('H462'),
    ]);
    await expectError(
      await add({ ...trader, status: 'RET', consentDate: '2025-10-15 09:00:00' }),
      400,
      [iysError('H463')],
    );
    expect(
      (
        await add({
          ...trader,
          status: 'RET',
          consentDate: '2025-10-15 09:00:00',
          source: 'HS_WEB',
        })
      ).status,
    ).toBe(200);
  });

  it('keeps BIREYSEL and TACIR records of one address apart', async () => {
    const { add } = await setup();
    await add(consent());
    expect((await add(consent({ recipientType: 'TACIR', status: 'RET' }))).status).toBe(400); // first TACIR can't be RET
    expect((await add(consent({ recipientType: 'TACIR' }))).status).toBe(200);
  });

  it('gives two movements for one key in the same second the same transactionId', async () => {
    const { add } = await setup();
    const first = (await (await add(consent())).json()) as IysAddConsentResponse;
    const second = (await (
      await add(consent({ status: 'RET', consentDate: '2025-10-15 09:31:00' }))
    ).json()) as IysAddConsentResponse;
    expect(second.transactionId).toBe(first.transactionId);
    const other = (await (
      await add(consent({ recipient: '+905321234568' }))
    ).json()) as IysAddConsentResponse;
    expect(other.transactionId).not.toBe(first.transactionId);
  });
});

describe('add one consent v2', () => {
  it('answers a byte-identical replay with the same transactionId instead of an error', async () => {
    const { sim, add, token } = await setup();
    const body = JSON.stringify(consent());
    const first = await call(sim, 'POST', `/v2${BASE}/consents`, { raw: body, token });
    sim.advance(5000);
    const replay = await call(sim, 'POST', `/v2${BASE}/consents`, { raw: body, token });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(await first.json());
    expect(sim.context.state.movements).toHaveLength(1);
    // v1 judges the same body again: ONAY over ONAY with an equal date is H178.
    expect((await add(consent())).status).toBe(400);
  });

  it('judges a replay whose bytes differ (here: key order) as a new request', async () => {
    const { sim, token } = await setup();
    const a = consent();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    await call(sim, 'POST', `/v2${BASE}/consents`, { body: a, token });
    const res = await call(sim, 'POST', `/v2${BASE}/consents`, { body: reordered, token });
    expect(res.status).toBe(400);
  });

  it('does not remember failed requests', async () => {
    const { sim, token } = await setup();
    const body = consent({ status: 'RET' });
    expect((await call(sim, 'POST', `/v2${BASE}/consents`, { body, token })).status).toBe(400);
    await call(sim, 'POST', `/v2${BASE}/consents`, {
      body: consent({ consentDate: '2025-10-15 09:00:00' }),
      token,
    });
    expect((await call(sim, 'POST', `/v2${BASE}/consents`, { body, token })).status).toBe(200);
  });
});

export type { IysSim };
