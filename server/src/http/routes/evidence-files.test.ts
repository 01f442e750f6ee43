// The admin API's evidence files (A19): type by content, per-file and per-tenant limits, read
// back by hash and only by their tenant.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { pdfScan, pngScan, evidenceUploads } from '../../evidence/evidence-files.test-support.js';
import type { ApiErrorBody } from '../api-error.js';
import { TWO_TENANTS, harnessPerTest } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;
const NOW = new Date('2026-11-26T09:15:30.000Z');
const harnesses = harnessPerTest((made) => (h = made), { config: TWO_TENANTS, now: () => NOW });

const { upload, uploaded } = evidenceUploads(() => h);

describe('POST /v1/admin/evidence-files', () => {
  it('A19: checks the type by content, not by what the client says', async () => {
    const text = await h.app.request('/v1/admin/evidence-files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', ...auth },
      body: 'merhaba, bu bir PDF değil',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ApiErrorBody).error.code).toBe('evidence.mediaType');
    const png = pngScan();
    const sent = await h.app.request('/v1/admin/evidence-files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', ...auth },
      body: png,
    });
    expect(await sent.json()).toMatchObject({ mediaType: 'image/png', size: png.byteLength });
    expect((await upload(png)).status).toBe(200);
  });

  it('serves the file back byte for byte, and 404 to another tenant', async () => {
    const scan = pdfScan('geri');
    const sha256 = await uploaded(scan);
    const read = await h.app.request(`/v1/admin/evidence-files/${sha256}`, { headers: auth });
    expect(read.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(scan);
    const other = await h.app.request(`/v1/admin/evidence-files/${sha256}`, {
      headers: { Authorization: 'Bearer baska-kiracinin-anahtari-0002' },
    });
    expect(other.status).toBe(404);
  });
});

describe('evidence limits', () => {
  it('A19: refuses a file over the tenant’s per-file limit and files past its total', async () => {
    const [tenant, ...rest] = TWO_TENANTS.tenants;
    await harnesses.replace({
      now: () => NOW,
      config: {
        ...TWO_TENANTS,
        tenants: [{ ...tenant!, evidence: { maxFileBytes: 2048, maxTotalBytes: 4096 } }, ...rest],
      },
    });
    const big = new Uint8Array(3000);
    big.set(pdfScan());
    const tooLarge = await upload(big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as ApiErrorBody).error.code).toBe('evidence.tooLarge');
    const file = (tag: string) => {
      const b = new Uint8Array(1500);
      b.set(pdfScan(tag));
      return b;
    };
    expect((await upload(file('1'))).status).toBe(201);
    expect((await upload(file('2'))).status).toBe(201);
    const over = await upload(file('3'));
    expect(over.status).toBe(413);
    expect(((await over.json()) as ApiErrorBody).error.code).toBe('evidence.quota');
  });
});
