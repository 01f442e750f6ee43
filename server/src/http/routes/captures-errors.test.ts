import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../api-error.js';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
let clock = new Date('2026-11-26T09:15:30Z').getTime();

beforeEach(async () => {
  h = await makeHarness({
    now: () => new Date(clock),
    limits: { perIpPerMinute: 5, perSitePerMinute: 8, bodyBytes: 8 * 1024 },
  });
});
afterEach(async () => {
  await h.close();
});

/** Posts `body`, expects `status`, and returns the JSON error (always the API's shape). */
async function refused(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = await postCapture(h.app, body, headers);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const { error } = (await response.json()) as ApiErrorBody;
  expect(typeof error.code).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  return { error, response };
}

async function nothingStored() {
  expect((await h.store.stats()).captures).toBe(0);
}

describe('POST /v1/captures refusals', () => {
  it('answers malformed JSON with 400 body.notJson and says where it broke', async () => {
    const { error } = await refused(400, '{"id": "x",');
    expect(error.code).toBe('body.notJson');
    expect(error.issues?.[0]?.expected).toBe('a JSON object');
    await nothingStored();
  });

  it('answers a body that is not JSON-typed with 415', async () => {
    const { error } = await refused(415, validCapture(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(error.issues?.[0]?.received).toContain('x-www-form-urlencoded');
  });

  it('answers an oversize body with 413 before reading it all', async () => {
    const capture = validCapture({ person: { fullName: 'A'.repeat(100), phone: '05321234567' } });
    const { error } = await refused(413, JSON.stringify(capture) + ' '.repeat(9 * 1024));
    expect(error.code).toBe('body.tooLarge');
    await nothingStored();
  });

  const schemaCases: [string, Record<string, unknown>, string][] = [
    ['an id that is not a UUID', { id: 'not-a-uuid' }, 'id'],
    ['an unknown top-level field', { tracking: 'x' }, '(input)'],
    ['an unsupported locale', { locale: 'de' }, 'locale'],
    ['a recipient type İYS does not know', { recipientType: 'KURUMSAL' }, 'recipientType'],
    ['a channel that is not a boolean', { channels: { MESAJ: 'evet' } }, 'channels.MESAJ'],
    ['an unknown channel', { channels: { FAKS: true } }, 'channels'],
    [
      'a purpose answered with a string',
      { purposes: { 'kitap-onerileri': 'yes' } },
      'purposes.kitap-onerileri',
    ],
    ['no notices', { notices: [] }, 'notices'],
    [
      'a notice hash that is not hex',
      { notices: [{ id: 'kvkk-aydinlatma', version: 2, sha256: 'xyz' }] },
      'notices[0].sha256',
    ],
    ['a widget version with spaces', { widgetVersion: '1 0' }, 'widgetVersion'],
    ['a capturedAt that is not a date-time', { capturedAt: 'dün' }, 'capturedAt'],
    ['a page URL that is not http(s)', { pageUrl: 'javascript:alert(1)' }, 'pageUrl'],
    [
      'an empty phone string',
      { person: { fullName: 'Ayşe Yılmaz', phone: '' }, channels: {} },
      'person.phone',
    ],
    ['a site key too short', { siteKey: 'kisa' }, 'siteKey'],
  ];
  for (const [what, change, path] of schemaCases) {
    it(`answers ${what} with 422 naming ${path}`, async () => {
      const { error } = await refused(422, { ...validCapture(), ...change });
      expect(error.code).toBe('capture.invalid');
      expect(error.issues?.map((i) => i.path)).toContain(path);
      const issue = error.issues!.find((i) => i.path === path)!;
      expect(issue.expected.length).toBeGreaterThan(0);
      expect(issue.received.length).toBeGreaterThan(0);
      await nothingStored();
    });
  }

  it('A3: answers a ticked channel without name and surname with 422 naming person.fullName', async () => {
    const { error } = await refused(
      422,
      validCapture({ person: { fullName: 'Ayşe', phone: '05321234567', email: 'a@ornek.com.tr' } }),
    );
    expect(error.issues?.map((i) => i.path)).toContain('person.fullName');
    expect(error.issues?.find((i) => i.path === 'person.fullName')?.message).toContain('A3');
  });

  it('answers a phone number that cannot be a real one with 422 naming person.phone', async () => {
    const { error } = await refused(
      422,
      validCapture({
        person: { fullName: 'Ayşe Yılmaz', phone: '0532 12', email: 'a@ornek.com.tr' },
      }),
    );
    expect(error.code).toBe('capture.rejected');
    expect(error.issues?.[0]?.path).toBe('person.phone');
  });

  it('answers an unknown site with 404 site.unknown', async () => {
    const { error } = await refused(404, validCapture({ siteKey: 'baska-bir-site-anahtari-01' }));
    expect(error.code).toBe('site.unknown');
  });

  it('answers an origin outside the site’s allow-list with 403, naming the allowed ones', async () => {
    const { error } = await refused(403, validCapture(), { Origin: 'https://evil.example' });
    expect(error.code).toBe('origin.forbidden');
    expect(error.issues?.[0]?.expected).toContain('https://www.ornekkitabevi.com.tr');
    expect(error.issues?.[0]?.received).toContain('evil.example');
    await nothingStored();
  });

  it('answers a request without an Origin header with 403', async () => {
    const response = await h.app.request('/v1/captures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validCapture()),
    });
    expect(response.status).toBe(403);
  });

  it('B8: answers a notice version the site never had with 422 capture.unknownNotice', async () => {
    const capture = validCapture();
    capture.notices[0] = { ...capture.notices[0]!, version: 9 };
    const { error } = await refused(422, capture);
    expect(error.issues?.[0]).toMatchObject({ code: 'capture.unknownNotice', path: 'notices[0]' });
  });

  it('B8: answers a notice hash that does not match the stored text with 422 naming the hash', async () => {
    const capture = validCapture();
    capture.notices[1] = { ...capture.notices[1]!, sha256: 'a'.repeat(64) };
    const { error } = await refused(422, capture);
    expect(error.issues?.[0]).toMatchObject({
      code: 'capture.noticeHashMismatch',
      path: 'notices[1].sha256',
    });
    expect(error.issues?.[0]?.expected).toContain('305d1066');
  });

  it('B2: answers a capture that did not show the aydınlatma notice with 422', async () => {
    const capture = validCapture();
    capture.notices = capture.notices.filter((n) => n.id !== 'kvkk-aydinlatma');
    const { error } = await refused(422, capture);
    expect(error.issues?.map((i) => i.code)).toContain('capture.noticeNotShown');
  });

  it('answers in English when the client asks for it, in Turkish by default', async () => {
    const capture = validCapture({ locale: 'de' as 'tr' });
    const tr = await refused(422, capture);
    const en = await refused(422, capture, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(tr.error.issues?.[0]?.message).toContain('beklenen');
    expect(en.error.issues?.[0]?.message).toContain('expected');
  });
});

describe('POST /v1/captures rate limits', () => {
  it('answers the 6th capture in a minute from one IP with 429 and Retry-After, then recovers', async () => {
    for (let i = 0; i < 5; i++) expect((await postCapture(h.app, validCapture())).status).toBe(201);
    const { error, response } = await refused(429, validCapture());
    expect(error.code).toBe('rate.limited');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    clock += 61_000;
    expect((await postCapture(h.app, validCapture())).status).toBe(201);
  });

  it('limits a site across many IPs', async () => {
    for (let i = 0; i < 8; i++) {
      h.setIp(`198.51.100.${i + 1}`);
      expect((await postCapture(h.app, validCapture())).status).toBe(201);
    }
    h.setIp('198.51.100.200');
    const { response } = await refused(429, validCapture());
    expect(response.headers.get('retry-after')).not.toBeNull();
  });
});
