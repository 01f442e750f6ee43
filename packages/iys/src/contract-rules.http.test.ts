import { describe, it, expect } from 'vitest';
import { DEMO_ACCOUNT } from '@izinli/iys-sim';
import { formatIysDate, type IysErrorEntry } from '@izinli/core';
import type { IysConsentInput } from './consent-request.js';
import type { IysError } from './iys-error.js';
import { codesOf, servedSim } from './contract-harness.test-support.js';

// docs/iys.md#rules, one row at a time, against the simulator on a real port: what the client gets
// back (status, code, retryable) and, where the client refuses to send, what İYS itself answers.
const BRAND = DEMO_ACCOUNT.iysCode;
const DAY = 86_400_000;

describe('contract: consent rules over HTTP', () => {
  const { sim, client, raw, brandPath, onay } = servedSim();
  const errorOf = (result: { ok: boolean; error?: unknown }) => {
    expect(result.ok).toBe(false);
    return (result as { error: IysError }).error;
  };

  it('H175: a first record cannot be RET (400, not retryable)', async () => {
    const e = errorOf(await client().addConsent(BRAND, onay({ status: 'RET' })));
    expect(e).toMatchObject({ status: 400, code: 'H175', retryable: false, sent: true });
  });

  it('H174: RET over RET is refused, the message ending with the current status', async () => {
    const iys = client();
    const first = onay();
    expect((await iys.addConsent(BRAND, first)).ok).toBe(true);
    sim.advance(1_000);
    const ret = { ...first, status: 'RET', consentDate: sim.now() } as IysConsentInput;
    expect((await iys.addConsent(BRAND, ret)).ok).toBe(true);
    sim.advance(1_000);
    const e = errorOf(await iys.addConsent(BRAND, { ...ret, consentDate: sim.now() }));
    expect(e).toMatchObject({ status: 400, code: 'H174', retryable: false });
    expect(e.errors[0]?.message).toMatch(/İzin durumu: RET$/);
  });

  it('H178: a consentDate older than the stored one is refused (400)', async () => {
    const iys = client();
    const first = onay();
    expect((await iys.addConsent(BRAND, first)).ok).toBe(true);
    sim.advance(1_000);
    const older = { ...first, status: 'RET', consentDate: new Date(sim.now().getTime() - 60_000) };
    const e = errorOf(await iys.addConsent(BRAND, older as IysConsentInput));
    expect(e).toMatchObject({ status: 400, code: 'H178', retryable: false });
  });

  it('H162: a consentDate in the future is refused (422)', async () => {
    const future = new Date(sim.now().getTime() + 3_600_000);
    const e = errorOf(await client().addConsent(BRAND, onay({ consentDate: future })));
    expect(e).toMatchObject({ status: 422, code: 'H162', retryable: false });
  });

  it('H156: a consentDate before 2015-05-01 is refused (422)', async () => {
    const e = errorOf(
      await client().addConsent(BRAND, onay({ consentDate: '2015-04-30 23:59:59' })),
    );
    expect(e).toMatchObject({ status: 422, code: 'H156', retryable: false });
  });

  it('A8: a consent taken more than three business days ago is refused with H467 (422)', async () => {
    // SIM_START is a Monday: the Monday before is five business days back.
    const e = errorOf(
      await client().addConsent(
        BRAND,
        onay({ consentDate: new Date(sim.now().getTime() - 7 * DAY) }),
      ),
    );
    expect(e).toMatchObject({ status: 422, code: 'H467', retryable: false });
  });

  it('A8: a consent taken on the previous business day (over a weekend) is accepted', async () => {
    const friday = new Date(sim.now().getTime() - 3 * DAY);
    expect((await client().addConsent(BRAND, onay({ consentDate: friday }))).ok).toBe(true);
  });

  it('H462 / H463: a TACIR update needs its consentDate, then its source (400)', async () => {
    const iys = client();
    const first = onay({ recipient: 'tacir@ornek.com.tr', type: 'EPOSTA', recipientType: 'TACIR' });
    expect((await iys.addConsent(BRAND, first)).ok).toBe(true);
    sim.advance(1_000);
    const noDate = { ...first, status: 'RET', consentDate: undefined } as IysConsentInput;
    expect(errorOf(await iys.addConsent(BRAND, noDate))).toMatchObject({
      status: 400,
      code: 'H462',
    });
    const noSource = { ...first, status: 'RET', source: undefined, consentDate: sim.now() };
    expect(errorOf(await iys.addConsent(BRAND, noSource as IysConsentInput))).toMatchObject({
      status: 400,
      code: 'H463',
    });
  });

  it('H123: "service busy" reaches the client as a retryable 400', async () => {
    sim.setFaults({ errorRate: 1, errorKinds: ['H123'] });
    try {
      const e = errorOf(await client().addConsent(BRAND, onay()));
      expect(e).toMatchObject({ status: 400, code: 'H123', retryable: true });
    } finally {
      sim.clearFaults();
    }
  });

  it('H014: a body that is not JSON is refused with 400 (the client always sends JSON)', async () => {
    const answer = await raw(brandPath('/consents'), { body: '{"recipient":', token: true });
    expect(answer.status).toBe(400);
    expect(codesOf(answer)).toEqual(['H014']);
  });

  it('H118: İYS refuses an unknown field (422); the client never sends one', async () => {
    const body = { ...wire(onay()), campaign: 'bahar' };
    const answer = await raw(brandPath('/consents'), { body, token: true });
    expect(answer.status).toBe(422);
    expect(codesOf(answer)).toEqual(['H118']);
    const sent = await client().addConsent(BRAND, {
      ...onay(),
      campaign: 'bahar',
    } as unknown as IysConsentInput);
    expect(sent.ok).toBe(true);
  });

  it.each([
    ['""', ''],
    ['null', null],
  ])('optional fields as %s: İYS refuses them, the client leaves them out', async (_, empty) => {
    const body = { ...wire(onay()), retailerCode: empty };
    const answer = await raw(brandPath('/consents'), { body, token: true });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(codesOf(answer).length).toBeGreaterThan(0);
    const input = { ...onay(), retailerCode: empty, retailerAccess: empty };
    expect((await client().addConsent(BRAND, input as unknown as IysConsentInput)).ok).toBe(true);
  });

  it('H170 is not reachable: a body without recipientType is taken as BIREYSEL', async () => {
    const answer = await raw(brandPath('/consents'), { body: wire(onay()), token: true });
    expect(answer.status).toBe(200);
  });

  // A18: what İYS would refuse for its format, the client refuses before sending.
  describe.each([
    ['H110', 'status missing', { status: undefined }],
    ['H111', 'type missing', { type: undefined }],
    ['H112', 'consentDate missing', { consentDate: undefined }],
    ['H113', 'source missing', { source: undefined }],
    ['H114', 'recipient missing', { recipient: undefined }],
    ['H115', 'status not ONAY/RET', { status: 'EVET' }],
    ['H116', 'recipientType not BIREYSEL/TACIR', { recipientType: 'SIRKET' }],
    ['H117', 'type not ARAMA/MESAJ/EPOSTA', { type: 'FAKS' }],
    ['H119', 'source not an HS_ source', { source: 'HS_KAPI' }],
    ['H157', 'consentDate not a real date', { consentDate: '2026-02-30 10:00:00' }],
    ['H158', 'consentDate not in İYS format', { consentDate: '02.03.2026 10:00' }],
  ] as const)('A18: %s (%s)', (code, _what, change) => {
    it(`A18: the client refuses it locally without sending`, async () => {
      const input = { ...onay(), ...change } as unknown as IysConsentInput;
      const e = errorOf(await client().addConsent(BRAND, input));
      expect(e).toMatchObject({ status: 0, sent: false, retryable: false });
      expect(e.problems.length).toBeGreaterThan(0);
    });
    it(`İYS answers ${code} with 422`, async () => {
      const body = { ...wire(onay()), ...change };
      const answer = await raw(brandPath('/consents'), { body, token: true });
      expect(answer.status).toBe(422);
      expect(codesOf(answer)).toContain(code);
      const entry = (answer.body as { errors: IysErrorEntry[] }).errors.find(
        (x) => x.code === code,
      );
      expect(entry?.message).toBeTruthy();
    });
  });

  /** The JSON İYS gets for an input (the date formatted as the client would). */
  function wire(input: IysConsentInput): Record<string, unknown> {
    const { consentDate, ...rest } = input;
    return {
      ...rest,
      consentDate: consentDate instanceof Date ? formatIysDate(consentDate) : consentDate,
    };
  }
});
