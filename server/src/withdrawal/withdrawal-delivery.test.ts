// End to end over real HTTP: a capture's ONAY delivered to the İYS simulator, then the signed
// withdrawal link opened and clicked, then the delivery worker: İYS holds RET (A10, A11, B7).
import type { CaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { postAdmin, postCaptureTo, validCapture } from '../http/app-harness.test-support.js';
import { servedSimPerTest } from '../http/sim-harness.test-support.js';
import { verifyReceipt } from '../proof/index.js';

describe('withdrawal link → RET at İYS, over HTTP', () => {
  const t = servedSimPerTest();

  it('A10, A11, B7: ONAY delivered → link → one click → RET for that channel at İYS, later consentDate; no H175 for a channel never given', async () => {
    const capture = validCapture({ channels: { MESAJ: true, ARAMA: false, EPOSTA: true } });
    const captured = await postCaptureTo(t.base, capture);
    expect(captured.status).toBe(201);
    await t.deliver();
    const phone = '+905321234567';
    const before = await t.simConsents(phone);
    expect(before.map((c) => [c.type, c.status])).toEqual([['MESAJ', 'ONAY']]);

    t.sim.advance(2 * 3_600_000);
    // ARAMA was never given: the withdrawal must not send İYS a first-record RET (H175).
    const linked = await postAdmin(t.http, '/v1/admin/withdrawal-links', {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '0532 123 45 67' },
    });
    expect(linked.status).toBe(201);
    const link = (await linked.json()) as { url: string; channels: string[] };
    expect(link.channels).toEqual(['MESAJ', 'ARAMA']);
    const url = new URL(link.url);
    expect(url.origin).toBe(t.base);

    // A mail scanner's prefetch: GET shows the page and changes nothing.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const token = /name="t" value="([^"]+)"/.exec(html)![1]!;
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!, url);
    expect((await t.h.store.movements({})).filter((m) => m.status === 'RET')).toEqual([]);

    const clicked = await fetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: t.base },
      body: new URLSearchParams({ t: token, lang: 'tr' }),
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('İzniniz geri alındı');

    t.sim.advance(1000);
    const [report] = await t.deliver();
    expect(report).toMatchObject({ sent: 1, delivered: 1, dead: 0 });
    const after = await t.simConsents(phone);
    expect(after.map((c) => [c.type, c.status])).toEqual([['MESAJ', 'RET']]);
    expect(after[0]!.consentDate > before[0]!.consentDate).toBe(true);
    expect(t.sim.stats().byCode).toEqual({});

    const [withdrawal] = (await t.h.store.listCaptures({ kind: 'withdrawal' })).items;
    const verified = await verifyReceipt(withdrawal!.receipt!, t.h.ring.jwks());
    expect(verified.ok && verified.value.kind).toBe('withdrawal');
    expect(verified.ok && (verified.value as CaptureRecord).consentDate).toBe(
      after[0]!.consentDate,
    );
    const ret = await t.h.store.movements({ captureId: withdrawal!.captureId });
    expect(ret.map((m) => [m.type, m.status, m.state])).toEqual([['MESAJ', 'RET', 'delivered']]);
  });
});
