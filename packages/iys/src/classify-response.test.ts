import { describe, it, expect } from 'vitest';
import { errorEntries, iysErrorFromAnswer, kindOf, type IysAnswer } from './classify-response.js';

const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): IysAnswer => ({
  status,
  headers: new Headers(headers),
  body,
  malformed: false,
});
const context = { now: Date.parse('2026-03-02T10:00:00Z'), operation: 'addConsent' };

describe('kindOf', () => {
  it.each([
    [429, 'H084', 'token-locked'],
    [429, 'H124', 'rate-limited'],
    [429, 'H083', 'rate-limited'],
    [429, 'H086', 'rate-limited'],
    [429, 'H089', 'rate-limited'],
    [429, undefined, 'rate-limited'],
    [400, 'H123', 'busy'],
    [408, undefined, 'timeout'],
    [500, 'H015', 'server'],
    [503, undefined, 'server'],
    [401, 'H351', 'auth'],
    [400, 'H174', 'already'],
    [400, 'H175', 'rejected'],
    [422, 'H467', 'rejected'],
    [403, 'H353', 'account'],
    [403, undefined, 'account'],
    [403, 'H180', 'rejected'],
    [403, 'H521', 'account'],
    [403, 'H520', 'account'],
    [403, 'H524', 'account'],
    [403, 'H586', 'account'],
    [422, 'H525', 'account'],
    [404, 'H437', 'account'],
    [401, 'H251', 'account'],
    [404, 'H001', 'rejected'],
    [302, undefined, 'invalid-response'],
  ] as const)('classifies HTTP %i with %s as %s', (status, code, kind) => {
    expect(kindOf(status, code)).toBe(kind);
  });
});

describe('errorEntries', () => {
  it('reads every entry of an İYS error body with location, value and index', () => {
    const entries = errorEntries({
      errors: [
        {
          index: 0,
          code: 'H162',
          location: ['consentDate'],
          message: 'ileri',
          value: '2042-02-10 09:30:00',
        },
        { index: 1, code: 'H157', location: ['consentDate'], message: 'geçerli', value: 'x' },
      ],
    });
    expect(entries).toEqual([
      {
        code: 'H162',
        message: 'ileri',
        location: ['consentDate'],
        value: '2042-02-10 09:30:00',
        index: 0,
      },
      { code: 'H157', message: 'geçerli', location: ['consentDate'], value: 'x', index: 1 },
    ]);
  });

  it('keeps the code İYS sends under the misspelt key "code:"', () => {
    expect(errorEntries({ errors: [{ 'code:': 'H353', message: 'eşleştirilemiyor' }] })).toEqual([
      { code: 'H353', message: 'eşleştirilemiyor' },
    ]);
  });

  it('reads the OAuth error shape of the token endpoint', () => {
    expect(
      errorEntries({ error: 'invalid_grant', error_description: 'Şifre boş bırakılamaz.' }),
    ).toEqual([{ code: 'invalid_grant', message: 'Şifre boş bırakılamaz.' }]);
  });

  it('reads a numeric code as its string form, comparable with IYS_ERRORS keys', () => {
    // The document's InvalidError example sends `"code": 48`.
    expect(
      errorEntries({
        errors: [
          { code: 48, location: ['consentDate'], message: 'hatalı tarih formatı.' },
          { code: 174, message: 'm' },
          { 'code:': 353, message: 'm' },
          { code: '174', message: 'm' },
        ],
      }).map((e) => e.code),
    ).toEqual(['H048', 'H174', 'H353', 'H174']);
  });

  it('tolerates garbage: non-objects, wrong field types and stray entries', () => {
    expect(errorEntries(undefined)).toEqual([]);
    expect(errorEntries('oops')).toEqual([]);
    expect(errorEntries({ errors: 'no' })).toEqual([]);
    expect(
      errorEntries({ errors: [42, null, { code: true, location: [1, {}], index: 1.5 }] }),
    ).toEqual([{ code: '', message: '', location: [1] }]);
    expect(
      errorEntries({ errors: [{ code: 1.5 }, { code: -3 }, { code: Number.NaN }] }).map(
        (e) => e.code,
      ),
    ).toEqual(['', '', '']);
  });
});

describe('iysErrorFromAnswer', () => {
  it('names the first code, keeps all entries and reads Retry-After', () => {
    const error = iysErrorFromAnswer(
      answer(
        429,
        { errors: [{ code: 'H124', message: 'Saniyede kabul edilen istek limitine ulaşıldı.' }] },
        { 'retry-after': '2' },
      ),
      context,
    );
    expect(error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      code: 'H124',
      retryable: true,
      retryAfterMs: 2000,
      operation: 'addConsent',
      sent: true,
    });
    expect(error.codes).toEqual(['H124']);
  });

  it('leaves retryAfterMs undefined when İYS sends no Retry-After (its usual case)', () => {
    expect(
      iysErrorFromAnswer(answer(429, { errors: [{ code: 'H124', message: 'm' }] }), context)
        .retryAfterMs,
    ).toBeUndefined();
  });

  it('classifies a numeric 174 exactly like H174: already current, not retryable', () => {
    const error = iysErrorFromAnswer(
      answer(400, { errors: [{ code: 174, message: 'm' }] }),
      context,
    );
    expect(error).toMatchObject({ kind: 'already', category: 'already', code: 'H174' });
    expect(error.retryable).toBe(false);
  });

  it('classifies a numeric 123 as busy and retryable', () => {
    const error = iysErrorFromAnswer(
      answer(400, { errors: [{ code: 123, message: 'm' }] }),
      context,
    );
    expect(error).toMatchObject({ kind: 'busy', category: 'retryable', code: 'H123' });
  });

  it('calls H174 alongside another code a rejection, not already current', () => {
    const error = iysErrorFromAnswer(
      answer(400, {
        errors: [
          { code: 'H174', message: 'm' },
          { code: 'H467', message: 'm' },
        ],
      }),
      context,
    );
    expect(error).toMatchObject({ kind: 'rejected', category: 'rejected', code: 'H174' });
  });

  it('classifies a non-JSON 4xx as a gateway failure of the account, naming the content type', () => {
    const error = iysErrorFromAnswer(
      {
        status: 403,
        headers: new Headers({ 'content-type': 'text/html' }),
        body: undefined,
        malformed: true,
      },
      context,
    );
    expect(error).toMatchObject({ kind: 'gateway', category: 'account', status: 403 });
    expect(error.message).toContain('not JSON (text/html)');
    const bare = iysErrorFromAnswer(
      { status: 400, headers: new Headers(), body: undefined, malformed: true },
      context,
    );
    expect(bare).toMatchObject({ kind: 'gateway', category: 'account' });
    // Still rate limiting, whatever the body.
    const limited = iysErrorFromAnswer(
      { status: 429, headers: new Headers(), body: undefined, malformed: true },
      context,
    );
    expect(limited.kind).toBe('rate-limited');
  });

  it('classifies a 5xx whose body is not JSON, saying so', () => {
    const error = iysErrorFromAnswer(
      { status: 502, headers: new Headers(), body: undefined, malformed: true },
      context,
    );
    expect(error).toMatchObject({ kind: 'server', status: 502, code: undefined, retryable: true });
    expect(error.message).toContain('not JSON');
  });

  it('keeps the echoed recipient out of the message (no personal data in logs)', () => {
    const error = iysErrorFromAnswer(
      answer(422, {
        errors: [
          {
            code: 'H120',
            location: ['recipient'],
            value: 'ayse.yilmaz@example.com',
            message: 'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
          },
          { code: 'H121', location: ['recipient'], value: '+905321234567', message: 'E164' },
        ],
      }),
      context,
    );
    expect(error.message).toContain('H120');
    expect(error.message).toContain('H121');
    expect(error.message).not.toContain('ayse.yilmaz');
    expect(error.message).not.toContain('5321234567');
    expect(error.errors[0]!.value).toBe('ayse.yilmaz@example.com');
  });
});
