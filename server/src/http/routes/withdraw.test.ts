import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { loadKeyRing, verifyReceipt } from '../../proof/index.js';
import { signWithdrawalToken } from '../../withdrawal/withdrawal-token.js';
import type { WithdrawalGrant } from '../../withdrawal/withdrawal-token.js';
import type { ApiErrorBody } from '../api-error.js';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
let clock: Date;
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const DAY = 86_400_000;

beforeEach(async () => {
  clock = new Date('2026-11-26T09:15:30.000Z');
  h = await makeHarness({ now: () => clock });
});
afterEach(async () => {
  await h.close();
});

/** The ONAY capture (MESAJ, EPOSTA; ARAMA unticked), then a link for the phone's channels. */
async function linkAfterOnay(extra: Record<string, unknown> = {}): Promise<string> {
  expect((await postCapture(h.app, validCapture())).status).toBe(201);
  clock = new Date(clock.getTime() + 60_000);
  const response = await h.app.request('/v1/admin/withdrawal-links', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '0532 123 45 67' },
      ...extra,
    }),
  });
  expect(response.status).toBe(201);
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get('t')!;
}

const open = (token: string, headers: Record<string, string> = {}, query = '') =>
  h.app.request(`/v1/withdraw?t=${encodeURIComponent(token)}${query}`, { headers });
const submit = (token: string, headers: Record<string, string> = {}) =>
  h.app.request('/v1/withdraw', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ t: token, lang: 'tr' }).toString(),
  });
const submitJson = (token: string) =>
  h.app.request('/v1/withdraw', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ t: token }),
  });

interface Recorded {
  captureId: string;
  receipt: string;
  movements: { type: string; status: string }[];
}

const withdrawals = async () =>
  (await h.store.listCaptures({ kind: 'withdrawal' })).items.map((c) => c.captureId);

describe('GET /v1/withdraw (the link’s page)', () => {
  it('B7: names the site and the channels, offers one POST button, and withdraws nothing on GET', async () => {
    const token = await linkAfterOnay();
    const response = await open(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Örnek Kitabevi ticari ileti izninizi geri alın');
    expect(html).toContain('<li>Kısa mesaj (SMS)</li><li>Telefon araması</li>');
    expect(html).toContain('<form method="post" action="withdraw">');
    expect(html).toContain('<button type="submit">İzni geri al</button>');
    expect(html).toContain('+90532*****67');
    expect(html).not.toContain('+905321234567');
    // Strict CSP: no script, no inline style anywhere.
    expect(html).not.toMatch(/<script|style=|<style/i);
    expect(await withdrawals()).toEqual([]);
    expect((await h.store.movements({})).every((m) => m.status === 'ONAY')).toBe(true);
  });

  it('speaks English with ?lang=en or Accept-Language: en', async () => {
    const token = await linkAfterOnay();
    for (const [headers, query] of [
      [{}, '&lang=en'],
      [{ 'Accept-Language': 'en-GB,en' }, ''],
    ] as const) {
      const html = await (await open(token, headers, query)).text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<button type="submit">Withdraw permission</button>');
      expect(html).toContain('<li>Text messages (SMS)</li><li>Phone calls</li>');
    }
  });

  it('serves its stylesheet as a file, so the page needs no inline style', async () => {
    const response = await h.app.request('/v1/withdraw/style.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('button');
  });
});

describe('POST /v1/withdraw', () => {
  it('A10, B7: one click records a signed withdrawal with RET for the ONAY channel only', async () => {
    const token = await linkAfterOnay();
    h.setIp('198.51.100.77');
    const response = await submit(token, { 'User-Agent': 'Mozilla/5.0 test' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('İzniniz geri alındı');
    expect(html).toContain('3 iş günü');
    const [id] = await withdrawals();
    const stored = await h.store.getCapture(id!);
    const verified = await verifyReceipt(stored!.receipt!, h.ring.jwks());
    expect(verified.ok && verified.value).toMatchObject({
      kind: 'withdrawal',
      source: 'HS_WEB',
      consentDate: '2026-11-26 12:16:30',
      ip: '198.51.100.0',
      userAgent: 'Mozilla/5.0 test',
      person: { phone: '+905321234567' },
      channels: [
        { type: 'MESAJ', checked: false, status: 'RET' },
        { type: 'ARAMA', checked: false },
      ],
    });
    expect(html).toContain(id!);
    const movements = await h.store.movements({ captureId: id! });
    expect(movements.map((m) => `${m.type}:${m.status}`)).toEqual(['MESAJ:RET']);
  });

  it('B7: a replayed token gives the same result, never a second withdrawal', async () => {
    const token = await linkAfterOnay();
    const first = await submitJson(token);
    expect(first.status).toBe(201);
    const a = (await first.json()) as Recorded;
    clock = new Date(clock.getTime() + 3_600_000);
    const again = await submitJson(token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(a);
    expect((await submit(token)).status).toBe(200);
    expect(await withdrawals()).toEqual([a.captureId]);
    // Opening the link again says it is done, without a button.
    const reopened = await (await open(token)).text();
    expect(reopened).toContain('İzniniz geri alındı');
    expect(reopened).not.toContain('<form');
    const view = await open(token, { Accept: 'application/json' });
    expect(await view.json()).toMatchObject({ captureId: a.captureId, withdrawn: true });
    expect((await h.store.movements({})).filter((m) => m.status === 'RET')).toHaveLength(1);
  });

  it('accepts RFC 8058 one-click unsubscribe: a POST to the link itself', async () => {
    const token = await linkAfterOnay();
    const response = await h.app.request(`/v1/withdraw?t=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await withdrawals()).toHaveLength(1);
  });

  it('refuses a tampered token with a 400 page, or the JSON error when JSON is asked for', async () => {
    const token = await linkAfterOnay();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as {
      recipient: { phone: string };
    };
    claims.recipient.phone = '+905339999999';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${token.slice(0, -2)}xx`, 'not-a-token']) {
      const page = await submit(bad);
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('Bağlantı geçersiz');
      const json = await submitJson(bad);
      expect(json.status).toBe(400);
      const { error } = (await json.json()) as ApiErrorBody;
      expect(error.code).toBe('withdrawal.tokenInvalid');
      expect(error.issues?.[0]).toMatchObject({ path: 't' });
    }
    expect((await open(forged)).status).toBe(400);
    expect((await h.app.request('/v1/withdraw')).status).toBe(400);
    expect(await withdrawals()).toEqual([]);
  });

  it('refuses an expired link with 410 and points to the other ways to withdraw (A10)', async () => {
    const token = await linkAfterOnay({ expiresInDays: 7 });
    clock = new Date(clock.getTime() + 7 * DAY + 1000);
    const page = await open(token);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('vatandas.iys.org.tr');
    const json = await submitJson(token);
    expect(json.status).toBe(410);
    expect(((await json.json()) as ApiErrorBody).error.code).toBe('withdrawal.tokenExpired');
    expect(await withdrawals()).toEqual([]);
  });

  it('refuses a token for another tenant’s site, or signed by another key', async () => {
    const grant: WithdrawalGrant = {
      jti: randomUUID(),
      tenant: 'baska-magaza',
      site: EXAMPLE_SITE_KEY,
      recipient: { phone: '+905321234567' },
      recipientType: 'BIREYSEL',
      channels: ['MESAJ'],
    };
    const sign = (payload: unknown, typ: string) => h.ring.sign(payload, typ);
    const otherTenant = await signWithdrawalToken(
      sign,
      grant,
      clock,
      new Date(clock.getTime() + DAY),
    );
    const page = await submit(otherTenant);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Site bulunamadı');
    const dir = mkdtempSync(join(tmpdir(), 'izinli-other-key-'));
    try {
      const stranger = await loadKeyRing({ dataDir: dir });
      const foreign = await signWithdrawalToken(
        (payload, typ) => stranger.sign(payload, typ),
        { ...grant, tenant: 'ornek-kitabevi' },
        clock,
        new Date(clock.getTime() + DAY),
      );
      expect((await submit(foreign)).status).toBe(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A receipt is signed by the same key but is not a withdrawal token (typ).
    expect((await postCapture(h.app, validCapture())).status).toBe(201);
    const [capture] = (await h.store.listCaptures({})).items;
    expect((await submit(capture!.receipt!)).status).toBe(400);
    expect(await withdrawals()).toEqual([]);
  });
});
