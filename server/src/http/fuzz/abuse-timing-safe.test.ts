// Token comparisons are constant-time (docs/architecture.md#security-model): the admin bearer
// token and İYS push credentials are hashed to SHA-256 and compared with crypto.timingSafeEqual,
// against every configured token whatever matches, and even when nothing was sent. The code path
// is tested here (which comparisons run, on what), not the timing.
import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pushAuthorized } from '../routes/iys-push.js';
import { OTHER_TOKEN, PUSH_AUTH, makeFuzzHarness } from './fuzz-harness.test-support.js';
import type { FuzzHarness } from './fuzz-harness.test-support.js';

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const compared = vi.mocked(crypto.timingSafeEqual);

let h: FuzzHarness;
beforeAll(async () => {
  h = await makeFuzzHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  compared.mockClear();
});

const digest = (text: string) => createHash('sha256').update(text).digest();
const buffers = (): [Buffer, Buffer][] =>
  compared.mock.calls.map(([a, b]) => [Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)]);

describe('admin bearer tokens', () => {
  for (const [what, token] of [
    ['the first tenant’s token', EXAMPLE_ADMIN_TOKEN],
    ['the second tenant’s token', OTHER_TOKEN],
    ['an unknown token', 'izinli-tahmin-edilen-anahtar'],
  ] as const) {
    it(`compares the SHA-256 of ${what} with every configured hash in constant time`, async () => {
      await h.app.request('/v1/admin/captures', { headers: { Authorization: `Bearer ${token}` } });
      const calls = buffers();
      // One comparison per configured token, however early a match comes.
      expect(calls).toHaveLength(h.config.tenantsByTokenHash.size);
      for (const [given, known] of calls) {
        expect(given.length).toBe(32);
        expect(known.length).toBe(32);
        expect(given.equals(digest(token))).toBe(true);
        expect(given.toString('utf8')).not.toContain(token);
      }
      const hashes = calls.map(([, known]) => known.toString('hex')).sort();
      expect(hashes).toEqual([...h.config.tenantsByTokenHash.keys()].sort());
    });
  }
});

describe('İYS push credentials', () => {
  const account = { username: 'iys-push', password: 'demo' };
  it.each([
    ['the right credentials', PUSH_AUTH, true],
    ['a wrong password', `Basic ${Buffer.from('iys-push:demO').toString('base64')}`, false],
    ['no header', undefined, false],
    ['a header without a colon', `Basic ${Buffer.from('iys-push').toString('base64')}`, false],
  ])('compares both parts as digests in constant time for %s', (_, header, expected) => {
    expect(pushAuthorized(header, account)).toBe(expected);
    const calls = buffers();
    expect(calls).toHaveLength(2);
    for (const [a, b] of calls) {
      expect(a.length).toBe(32);
      expect(b.length).toBe(32);
    }
  });

  it('still compares when the account has no push credentials', () => {
    expect(pushAuthorized(PUSH_AUTH, undefined)).toBe(false);
    expect(buffers()).toHaveLength(2);
  });
});
