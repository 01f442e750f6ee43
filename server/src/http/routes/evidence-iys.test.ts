// The evidence bundle carries what İYS itself recorded of the recipient's consents: each delivery
// with İYS's transactionId, and on a day reconciled with İYS, the day file's line for it, the
// file's hashes and İYS's time stamp of the file — never the whole file, which lists other people.
import { createHash } from 'node:crypto';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { afterEach, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sha = (algorithm: string, text: string | Uint8Array) =>
  createHash(algorithm).update(text).digest('hex');

it('A13: a delivered consent’s İYS transaction, its line of the agreed day file and the day’s time stamp', async () => {
  h = await makeHarness();
  const capture = validCapture({ channels: { MESAJ: true, ARAMA: false, EPOSTA: false } });
  expect((await postCapture(h.app, capture)).status).toBe(201);
  const [claimed] = await h.store.claimMovements({
    now: new Date().toISOString(),
    leaseUntil: new Date(Date.now() + 60_000).toISOString(),
    limit: 10,
  });
  const delivered = { transactionId: 'tx-evidence-1', creationDate: '2026-11-30 10:15:00' };
  await h.store.finishMovements([
    {
      id: claimed!.id,
      leaseUntil: claimed!.leaseUntil!,
      outcome: { state: 'delivered', ...delivered },
    },
  ]);
  const header =
    'creationDate,transactionId,recipient,recipientType,type,status,consentDate,source';
  const line = `${delivered.creationDate},tx-evidence-1,${claimed!.recipient},BIREYSEL,MESAJ,ONAY,${claimed!.consentDate},HS_WEB`;
  const other =
    '2026-11-30 11:00:00,tx-someone-else,+905559998877,BIREYSEL,MESAJ,ONAY,2026-11-30 10:59:00,HS_WEB';
  const csv = new TextEncoder().encode(`${header}\n${line}\n${other}\n`);
  const tsr = new TextEncoder().encode('tsr-bytes');
  const file = { sha256: sha('sha256', csv), mediaType: 'text/csv', content: csv };
  const stamp = {
    sha256: sha('sha256', tsr),
    mediaType: 'application/timestamp-reply',
    content: tsr,
  };
  await h.store.saveReconciliationDay({
    day: {
      iysCode: claimed!.iysCode,
      brandCode: claimed!.brandCode,
      day: '2026-11-30',
      state: 'agreed',
      checkedAt: '2026-12-01T03:00:00.000Z',
      iysRows: 2,
      izinliRows: 2,
      hash: sha('sha384', csv),
      fileSha256: file.sha256,
      timestampSha256: stamp.sha256,
      agreedAt: '2026-12-01T03:00:00.000Z',
      differenceCount: 0,
      differences: [],
    },
    files: [file, stamp],
    events: [],
  });

  const response = await h.app.request(
    `/v1/admin/recipients/evidence?phone=${encodeURIComponent(claimed!.recipient)}`,
    { headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` } },
  );
  expect(response.status).toBe(200);
  const bundle = (await response.json()) as {
    iysDeliveries: { transactionId: string; reconciliation?: { day: string; fileLine: string } }[];
    iysDays: Record<string, unknown>[];
    howToVerify: string;
  };
  expect(bundle.iysDeliveries).toEqual([
    expect.objectContaining({
      transactionId: 'tx-evidence-1',
      creationDate: delivered.creationDate,
      reconciliation: { day: '2026-11-30', fileLine: line },
    }),
  ]);
  expect(bundle.iysDays).toEqual([
    expect.objectContaining({
      day: '2026-11-30',
      state: 'agreed',
      fileHeader: header,
      fileSha256: file.sha256,
      fileSha384: sha('sha384', csv),
      timestamp: Buffer.from(tsr).toString('base64'),
    }),
  ]);
  // Other people's lines stay out of this recipient's bundle.
  expect(JSON.stringify(bundle)).not.toContain('tx-someone-else');
  expect(bundle.howToVerify).toContain('openssl ts -verify');
});
