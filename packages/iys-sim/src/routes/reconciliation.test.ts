import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  inTempDir,
  openssl,
  opensslMissing,
  tsVerify,
} from '../reconciliation/tsa.test-support.js';
import { BASE, BRAND, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';

const HOUR = 3_600_000;

/**
 * A simulator at 2025-10-15 10:00 Turkey time with movements on the 15th: the provider's ONAY at
 * 10:00, a citizen's RET on İYS at 23:59:59, then, past midnight Turkey time (21:00 UTC), one on
 * the 16th. Then the clock moves to the 17th so both days are complete.
 */
async function setup() {
  const sim = testSim({ limits: { requestsPerSecond: 1000 } });
  let token = await login(sim);
  const get = (path: string) => call(sim, 'GET', `${BASE}${path}`, { token });
  const put = (path: string, body: unknown) => call(sim, 'PUT', `${BASE}${path}`, { body, token });
  expect((await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token })).status).toBe(
    200,
  );
  sim.advance(14 * HOUR - 1000); // 23:59:59 Turkey time
  const citizen = await call(sim, 'POST', '/__sim/citizen/consents', {
    body: { brandCode: BRAND, recipient: '+905321234567', type: 'MESAJ', status: 'RET' },
  });
  expect(citizen.status).toBe(201);
  sim.advance(2000); // 00:00:01 on the 16th
  token = await login(sim); // two hours of token life are long gone
  const late = await call(sim, 'POST', `${BASE}/consents`, {
    body: consent({
      recipient: 'ayse@example.com',
      type: 'EPOSTA',
      consentDate: '2025-10-15 23:00:00',
    }),
    token,
  });
  expect(late.status).toBe(200);
  sim.advance(36 * HOUR); // 2025-10-17 12:00:01 Turkey time
  token = await login(sim);
  return { sim, token, get, put, relogin: async () => (token = await login(sim)) };
}

describe('reconciliation (MUTABAKAT YÖNETİMİ)', () => {
  it("lists a Turkey day's movements, the citizen's included, as İYS's CSV", async () => {
    const { get } = await setup();
    const res = await get('/changes/2025-10-15/file');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'creationDate,transactionId,recipient,recipientType,type,status,consentDate,source',
    );
    expect(lines).toHaveLength(4); // header, two rows, and the empty string after the last \n
    expect(lines[1]).toMatch(
      /^2025-10-15 10:00:00,[0-9a-f]{64},\+905321234567,BIREYSEL,MESAJ,ONAY,2025-10-15 09:30:00,HS_WEB$/,
    );
    expect(lines[2]).toMatch(
      /^2025-10-15 23:59:59,[0-9a-f]{64},\+905321234567,BIREYSEL,MESAJ,RET,2025-10-15 23:59:59,IYS_WEB$/,
    );
    expect(text.endsWith('\n')).toBe(true);
    const next = await (await get('/changes/2025-10-16/file')).text();
    expect(next.split('\n')[1]).toContain('ayse@example.com');
  });

  it('summarises a day per channel and source; ONAY counts as approval, RET as rejection', async () => {
    const { get } = await setup();
    const res = await get('/changes/2025-10-15/recipients/BIREYSEL');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      changeStats: [
        {
          type: 'ARAMA',
          consents: [{ source: 'HS', approval: 0, rejection: 0, pending: 0, total: 0 }],
        },
        {
          type: 'MESAJ',
          consents: [
            { source: 'HS', approval: 1, rejection: 0, pending: 0, total: 1 },
            { source: 'IYS', approval: 0, rejection: 1, pending: 0, total: 1 },
          ],
        },
        {
          type: 'EPOSTA',
          consents: [{ source: 'HS', approval: 0, rejection: 0, pending: 0, total: 0 }],
        },
      ],
    });
    const tacir = await get('/changes/2025-10-15/recipients/TACIRR');
    expect(tacir.status).toBe(422);
    expect(await errorsOf(tacir)).toMatchObject([{ code: 'H116', value: 'TACIRR' }]);
  });

  it('gives the SHA-384 of the file, and records the agreement', async () => {
    const { get, put } = await setup();
    const csv = await (await get('/changes/2025-10-15/file')).text();
    const before = await get('/agreements/2025-10-15');
    expect(await before.json()).toEqual({
      processStatus: 'completed',
      hashValue: createHash('sha384').update(csv).digest('hex'),
      hashMethod: 'SHA-384',
      agreementStatus: false,
    });
    const refused = await put('/agreements/2025-10-15', { agreementStatus: false });
    expect(refused.status).toBe(422);
    expect(await errorsOf(refused)).toEqual([
      {
        code: 'H512',
        location: ['agreementStatus'],
        message: 'false kabul edilemedi. İzin verilen değerler: true',
      },
    ]);
    const agreed = await put('/agreements/2025-10-15', { agreementStatus: true });
    expect(await agreed.json()).toEqual({ agreementCaptured: true });
    expect(await (await get('/agreements/2025-10-15')).json()).toMatchObject({
      agreementStatus: true,
    });
    expect(await (await get('/agreements/2025-10-16')).json()).toMatchObject({
      agreementStatus: false,
    });
  });

  it('answers a bad date H501, more than 7 days back H502, and today, later or quiet days 204', async () => {
    const { get, put } = await setup();
    expect(await errorsOf(await get('/changes/17.10.2025/file'))).toEqual([
      {
        code: 'H501',
        location: ['reportDate'],
        value: '17.10.2025',
        message: 'Tarih formatı yyyy-aa-gg şeklinde olmalıdır.',
      },
    ]);
    expect((await get('/agreements/2025-02-30')).status).toBe(422);
    expect((await get('/changes/2025-10-10/file')).status).toBe(204); // 7 days back: in range
    const old = await get('/agreements/2025-10-09/timestamp');
    expect(old.status).toBe(422);
    expect(await errorsOf(old)).toEqual([
      {
        code: 'H502',
        location: ['reportDate'],
        value: '2025-10-09',
        message: 'reportDate alanı en fazla 7 gün önce olabilir.',
      },
    ]);
    for (const day of ['2025-10-17', '2025-10-18', '2025-10-14']) {
      expect((await get(`/changes/${day}/file`)).status).toBe(204);
      expect((await get(`/agreements/${day}`)).status).toBe(204);
      expect((await put(`/agreements/${day}`, { agreementStatus: true })).status).toBe(204);
      expect((await get(`/agreements/${day}/timestamp`)).status).toBe(204);
    }
  });

  it('keeps one row per transactionId: two movements of a key in one second share it', async () => {
    const { sim, get, relogin } = await setup();
    for (const status of ['ONAY', 'RET']) {
      const res = await call(sim, 'POST', '/__sim/citizen/consents', {
        body: { brandCode: BRAND, recipient: 'ali@example.com', type: 'EPOSTA', status },
      });
      expect(res.status).toBe(201);
    }
    sim.advance(24 * HOUR);
    await relogin();
    const rows = (await (await get('/changes/2025-10-17/file')).text()).trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(',RET,');
  });

  it.skipIf(opensslMissing)(
    'stamps the daily file with an RFC 3161 response that openssl ts -verify accepts',
    async () => {
      const { sim, get } = await setup();
      const csv = Buffer.from(await (await get('/changes/2025-10-15/file')).arrayBuffer());
      const stamp = await get('/agreements/2025-10-15/timestamp');
      expect(stamp.status).toBe(200);
      expect(stamp.headers.get('content-type')).toBe('application/timestamp-reply');
      const tsr = Buffer.from(await stamp.arrayBuffer());
      const pem = await (await call(sim, 'GET', '/__sim/tsa.pem')).text();
      expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      await inTempDir('iys-sim-tsr-', async (dir) => {
        await writeFile(join(dir, 'day.csv'), csv);
        await writeFile(join(dir, 'day.tsr'), tsr);
        await writeFile(join(dir, 'tsa.pem'), pem);
        expect(await tsVerify(dir, 'day.tsr', 'day.csv')).toContain('Verification: OK');
        const text = await openssl(dir, ['ts', '-reply', '-in', 'day.tsr', '-text']);
        // Stamped at the end of the Turkey day: 2025-10-16 00:00 Turkey time.
        expect(text).toContain('Time stamp: Oct 15 21:00:00 2025 GMT');
        expect(text).toContain('Status: Granted.');
        // Another day's file does not match this stamp.
        const other = await (await get('/changes/2025-10-16/file')).arrayBuffer();
        await writeFile(join(dir, 'other.csv'), Buffer.from(other));
        await expect(tsVerify(dir, 'day.tsr', 'other.csv')).rejects.toThrow();
      });
    },
  );
});
