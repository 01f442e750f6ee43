// GET /v1/admin/captures.csv: the captures of a date range for a spreadsheet, without the person.
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';
import { CAPTURE_CSV_COLUMNS } from './captures-csv.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const ids: string[] = [];

beforeAll(async () => {
  h = await makeHarness();
  for (let i = 0; i < 3; i += 1) {
    const response = await postCapture(h.app, validCapture());
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { captureId: string }).captureId);
  }
});
afterAll(async () => {
  await h.close();
});

const csv = (query: string) => h.app.request(`/v1/admin/captures.csv?${query}`, { headers: auth });

describe('captures as CSV', () => {
  it('has a BOM, the documented header and a row per capture of the range, no name, phone or e-mail', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const response = await csv(`from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="izinli-captures-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(header!.split(',')).toEqual([...CAPTURE_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const cells = rows.map((r) => r.split(','));
    expect(cells.map((c) => c[0]).sort()).toEqual([...ids].sort());
    const first = Object.fromEntries(CAPTURE_CSV_COLUMNS.map((k, i) => [k, cells[0]![i]]));
    expect(first).toMatchObject({
      siteKey: EXAMPLE_SITE_KEY,
      kind: 'capture',
      origin: 'https://www.ornekkitabevi.com.tr',
      MESAJ: 'ONAY',
    });
    expect(first.notices).toMatch(/^kvkk-aydinlatma v\d+ tr /);
    for (const personal of ['Ayşe', 'Yılmaz', '532', 'ornek.com.tr', '@']) {
      expect(text).not.toContain(personal);
    }
  });

  it('a range with nothing in it is the header only; semicolons on request', async () => {
    const response = await csv(
      'from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z&delimiter=semicolon',
    );
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/^\uFEFF/, '');
    expect(text).toBe(`${CAPTURE_CSV_COLUMNS.join(';')}\n`);
  });

  it('a bad date or delimiter is a 400 naming what was expected', async () => {
    const bad = await csv('from=dün');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('query.invalid');
    expect((await csv('delimiter=tab')).status).toBe(400);
    expect((await h.app.request('/v1/admin/captures.csv')).status).toBe(401);
  });
});
