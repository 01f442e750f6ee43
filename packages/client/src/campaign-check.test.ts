// "May I send this campaign?" for 100,000 recipients against a real server over HTTP (A2): batched
// to the batch check's limit, paced, progress after each batch, answers in the list's order; a
// busy server's 429/503 is retried after its Retry-After.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_BATCH_MAX, checkCampaign } from './campaign-check.js';
import type { CampaignProgress } from './campaign-check.js';
import { IzinliApiError, createIzinliClient } from './client.js';
import type { IzinliClient } from './client.js';
import { EXAMPLE_ADMIN_TOKEN, mirrorEntry, startTestServer } from './server.test-support.js';

const phone = (i: number) => `+90532${String(1_000_000 + i).padStart(7, '0')}`;
const TOTAL = 100_000;

let started: Awaited<ReturnType<typeof startTestServer>>;
let client: IzinliClient;

beforeAll(async () => {
  started = await startTestServer();
  // Every tenth recipient has ONAY on İYS, every seventieth (from the first) RET; the rest no record.
  const entries = [];
  for (let i = 0; i < TOTAL; i += 10) entries.push(mirrorEntry(phone(i), 'ONAY'));
  for (let i = 1; i < TOTAL; i += 70) entries.push(mirrorEntry(phone(i), 'RET'));
  await started.server.store.upsertMirror(entries);
  client = createIzinliClient({ baseUrl: started.url, token: EXAMPLE_ADMIN_TOKEN });
}, 60_000);
afterAll(() => started.close());

describe('checkCampaign', () => {
  it('A2: 100,000 recipients in batches of the batch check’s limit, with progress; only ONAY allowed', async () => {
    const recipients = Array.from({ length: TOTAL }, (_, i) => phone(i));
    // Two unreadable addresses, and one written as a person would type it.
    recipients[5] = 'telefon yok';
    recipients[99_999] = '12';
    recipients[20] = '0532 100 00 20';
    const progress: CampaignProgress[] = [];
    const started = Date.now();
    const result = await checkCampaign(client, {
      type: 'MESAJ',
      recipients,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`checkCampaign: ${String(TOTAL)} recipients in ${seconds.toFixed(1)} s`);

    expect(result.total).toBe(TOTAL);
    expect(result.allowed).toHaveLength(TOTAL / 10);
    expect(result.allowed[0]).toBe(phone(0));
    expect(result.allowed[2]).toBe('0532 100 00 20');
    expect(result.invalid.map((i) => i.recipient)).toEqual(['telefon yok', '12']);
    expect(result.invalid.map((i) => i.index)).toEqual([5, 99_999]);
    expect(result.invalid[1]!.issue.path).toBe('recipients[999]');
    expect(result.refused).toHaveLength(TOTAL - TOTAL / 10 - 2);
    expect(result.refused.filter((r) => r.status === 'RET')).toHaveLength(Math.ceil(TOTAL / 70));
    expect(result.refused[0]).toEqual({ recipient: phone(1), normalized: phone(1), status: 'RET' });

    expect(progress).toHaveLength(TOTAL / CHECK_BATCH_MAX);
    expect(progress.map((p) => p.batchesDone)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.at(-1)).toEqual({
      checked: TOTAL,
      total: TOTAL,
      allowed: TOTAL / 10,
      batchesDone: 100,
      batches: 100,
    });
  }, 60_000);

  it('paces requests: requestsPerSecond spaces their starts', async () => {
    const starts: number[] = [];
    const paced = createIzinliClient({
      baseUrl: started.url,
      token: EXAMPLE_ADMIN_TOKEN,
      fetch: (request) => {
        starts.push(Date.now());
        return fetch(request);
      },
    });
    const recipients = Array.from({ length: 50 }, (_, i) => phone(i));
    await checkCampaign(paced, {
      type: 'MESAJ',
      recipients,
      batchSize: 10,
      concurrency: 5,
      requestsPerSecond: 20,
    });
    expect(starts).toHaveLength(5);
    // Five starts at 20 a second span at least four gaps of 50 ms (timers may fire a little late, never early).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(195);
  });

  it('refuses a batch size over the server’s limit before sending anything', async () => {
    await expect(
      checkCampaign(client, { type: 'MESAJ', recipients: ['+905321000000'], batchSize: 1001 }),
    ).rejects.toThrow(RangeError);
  });

  it('retries a 503 after its Retry-After, and gives up on a 400 at once', async () => {
    // A proxy in front of the server that answers the first request 503 (Retry-After: 0).
    let calls = 0;
    const proxy = createServer((request, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '0' });
        response.end(JSON.stringify({ error: { code: 'store.unavailable', message: 'busy' } }));
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void fetch(`${started.url}${request.url ?? ''}`, {
          method: request.method ?? 'GET',
          headers: request.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }).then(async (answer) => {
          response.writeHead(answer.status, { 'Content-Type': 'application/json' });
          response.end(await answer.text());
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const viaProxy = createIzinliClient({
        baseUrl: `http://127.0.0.1:${String(port)}`,
        token: EXAMPLE_ADMIN_TOKEN,
      });
      const result = await checkCampaign(viaProxy, { type: 'MESAJ', recipients: [phone(0)] });
      expect(result.allowed).toEqual([phone(0)]);
      expect(calls).toBe(2);

      const badBrand = await checkCampaign(viaProxy, {
        type: 'MESAJ',
        recipients: [phone(0)],
        brandCode: 7,
      }).catch((e: unknown) => e);
      expect(badBrand).toBeInstanceOf(IzinliApiError);
      expect((badBrand as IzinliApiError).status).toBe(400);
      expect(calls).toBe(3);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
