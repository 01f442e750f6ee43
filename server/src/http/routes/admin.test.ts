import { describe, expect, it } from 'vitest';
import { noticeHash } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { verifyReceipt } from '../../proof/index.js';
import type { ApiErrorBody } from '../api-error.js';
import {
  OTHER_SITE,
  OTHER_TOKEN,
  TWO_TENANTS,
  harnessPerTest,
  postCapture,
  validCapture,
} from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;

const otherSite = { siteKey: OTHER_SITE };

harnessPerTest((made) => (h = made), { config: TWO_TENANTS });

const get = (path: string, headers: Record<string, string> = auth) =>
  h.app.request(path, { headers });

describe('admin API', () => {
  it('refuses a missing or unknown token with 401 and a WWW-Authenticate challenge', async () => {
    const none = await get('/v1/admin/captures', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as ApiErrorBody).error.issues?.[0]?.received).toBe(
      'no Authorization header',
    );
    expect((await get('/v1/admin/captures', { Authorization: 'Bearer yanlis' })).status).toBe(401);
    expect((await get('/v1/admin/captures', { Authorization: 'Basic eDp5' })).status).toBe(401);
  });

  it('lists the tenant’s captures newest first, filtered by phone in any common form', async () => {
    const ayse = validCapture();
    const mehmet = validCapture({
      person: { fullName: 'Mehmet Demir', phone: '+90 (533) 765 43 21' },
      channels: { MESAJ: true },
    });
    await postCapture(h.app, ayse);
    await postCapture(h.app, mehmet);
    const all = (await (await get('/v1/admin/captures')).json()) as {
      items: { captureId: string }[];
    };
    expect(all.items.map((i) => i.captureId)).toEqual([mehmet.id, ayse.id]);
    const filtered = (await (
      await get('/v1/admin/captures?phone=0533%20765%2043%2021')
    ).json()) as { items: { captureId: string }[] };
    expect(filtered.items.map((i) => i.captureId)).toEqual([mehmet.id]);
  });

  it('pages with a cursor', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const c = validCapture();
      ids.push(c.id);
      await postCapture(h.app, c);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (
        await get(
          `/v1/admin/captures?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
      ).json()) as {
        items: { captureId: string }[];
        nextCursor?: string;
      };
      seen.push(...page.items.map((i) => i.captureId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids.reverse());
  });

  it('answers bad filters with 400 naming the parameter', async () => {
    const bad = await get('/v1/admin/captures?limit=9999');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiErrorBody).error.issues?.[0]?.path).toBe('limit');
    expect((await get('/v1/admin/captures?from=dun')).status).toBe(400);
    expect((await get('/v1/admin/captures?site=baska-magaza-demo-0002')).status).toBe(400);
    expect((await get('/v1/admin/captures?phone=12')).status).toBe(400);
    expect((await get('/v1/admin/captures?cursor=bozuk')).status).toBe(400);
    for (const query of ['channel=SMS', 'state=gonderildi']) {
      const refused = await get(`/v1/admin/captures?${query}`);
      expect(refused.status).toBe(400);
      const issue = ((await refused.json()) as ApiErrorBody).error.issues?.[0];
      expect(issue?.path).toBe(query.split('=')[0]);
      expect(issue?.expected).toMatch(/MESAJ|pending/);
    }
  });

  it('filters captures by a channel moved and by its delivery state', async () => {
    const both = validCapture();
    const mesajOnly = validCapture({
      person: { fullName: 'Mehmet Demir', phone: '+905337654321' },
      channels: { MESAJ: true, ARAMA: false },
    });
    for (const capture of [both, mesajOnly]) {
      expect((await postCapture(h.app, capture)).status).toBe(201);
    }
    const list = async (query: string) =>
      (
        (await (await get(`/v1/admin/captures?${query}`)).json()) as {
          items: { captureId: string }[];
        }
      ).items.map((c) => c.captureId);
    expect(await list('channel=MESAJ')).toEqual([mesajOnly.id, both.id]);
    expect(await list('channel=EPOSTA')).toEqual([both.id]);
    expect(await list('channel=ARAMA')).toEqual([]);
    expect(await list('state=pending&channel=EPOSTA')).toEqual([both.id]);
    expect(await list('state=delivered')).toEqual([]);
  });

  it('returns one capture with its receipt and movements, and 404 for another tenant’s capture', async () => {
    const mine = validCapture();
    const theirs = validCapture({ siteKey: otherSite.siteKey });
    await postCapture(h.app, mine);
    expect((await postCapture(h.app, theirs)).status).toBe(201);
    const one = (await (await get(`/v1/admin/captures/${mine.id}`)).json()) as {
      receipt: string;
      movements: unknown[];
    };
    expect((await verifyReceipt(one.receipt, h.ring.jwks())).ok).toBe(true);
    expect(one.movements).toHaveLength(2);
    expect((await get(`/v1/admin/captures/${theirs.id}`)).status).toBe(404);
    expect(
      (await get(`/v1/admin/captures/${theirs.id}`, { Authorization: `Bearer ${OTHER_TOKEN}` }))
        .status,
    ).toBe(200);
  });

  it('gives a recipient’s timeline across captures and channels with the current intent', async () => {
    await postCapture(h.app, validCapture());
    await postCapture(h.app, validCapture({ channels: { MESAJ: false, EPOSTA: true } }));
    const timeline = (await (
      await get('/v1/admin/recipients/timeline?phone=05321234567')
    ).json()) as {
      events: { channels: { type: string; status?: string }[] }[];
      current: { type: string; intended: string; delivery: string }[];
    };
    expect(timeline.events).toHaveLength(2);
    expect(
      timeline.events.map((e) => e.channels.map((c) => `${c.type}:${c.status ?? '-'}`)),
    ).toEqual([['MESAJ:ONAY', 'ARAMA:-'], ['MESAJ:RET']]);
    expect(timeline.current).toEqual([
      expect.objectContaining({ type: 'MESAJ', intended: 'RET', delivery: 'pending' }),
    ]);
  });

  it('A13: the evidence bundle holds records, verifiable receipts, the exact texts shown and the keys', async () => {
    const capture = validCapture();
    await postCapture(h.app, capture);
    const response = await get('/v1/admin/recipients/evidence?email=AYSE@ornek.com.tr');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bundle = (await response.json()) as {
      records: {
        receipt: string;
        record: { captureId: string; notices: { id: string; sha256: string }[] };
      }[];
      notices: { id: string; text: string; sha256: string }[];
      jwks: Parameters<typeof verifyReceipt>[1];
    };
    expect(bundle.records.map((r) => r.record.captureId)).toEqual([capture.id]);
    expect((await verifyReceipt(bundle.records[0]!.receipt, bundle.jwks)).ok).toBe(true);
    for (const shown of bundle.records[0]!.record.notices) {
      const text = bundle.notices.find((n) => n.id === shown.id && n.sha256 === shown.sha256);
      expect(text, shown.id).toBeDefined();
      expect(await noticeHash(text!.text)).toBe(shown.sha256);
    }
  });

  it('never shows one tenant’s recipient to another tenant', async () => {
    await postCapture(h.app, validCapture());
    const other = (await (
      await get('/v1/admin/recipients/evidence?phone=05321234567', {
        Authorization: `Bearer ${OTHER_TOKEN}`,
      })
    ).json()) as {
      records: unknown[];
    };
    expect(other.records).toEqual([]);
    expect(EXAMPLE_SITE_KEY).not.toBe(otherSite.siteKey);
  });
});
