import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Notice, Slug, checkNoticeHash, noticeHash, withNoticeHash } from './notice.js';
import { problemMessage, problemsFromZod } from './problem.js';

const draft = {
  id: 'kvkk-aydinlatma',
  version: 1,
  locale: 'tr' as const,
  kind: 'aydinlatma' as const,
  title: 'Aydınlatma Metni',
  text: 'Kişisel verileriniz 6698 sayılı Kanun uyarınca işlenir.',
};

describe('Notice', () => {
  it('parses a complete notice', async () => {
    const notice = await withNoticeHash(draft);
    expect(Notice.parse(notice)).toEqual(notice);
  });

  it('trims the title but never the hashed text', async () => {
    const notice = await withNoticeHash({ ...draft, title: '  Başlık  ', text: ' metin \n' });
    const parsed = Notice.parse(notice);
    expect(parsed.title).toBe('Başlık');
    expect(parsed.text).toBe(' metin \n');
  });

  it.each([
    ['version', 0, 'a whole version number ≥ 1'],
    ['version', 1.5, 'a whole version number ≥ 1'],
    ['id', 'KVKK Aydınlatma', 'lower-case ASCII letters, digits and single hyphens'],
    ['sha256', 'ABC', 'a SHA-256 digest: 64 lower-case hex digits'],
    ['text', '   ', 'a non-empty notice text'],
    ['title', '', 'a non-empty title'],
  ])(
    'refuses a bad %s with a problem at that field saying what is expected',
    async (field, value, expected) => {
      const input = { ...(await withNoticeHash(draft)), [field]: value };
      const result = Notice.safeParse(input);
      expect(result.success).toBe(false);
      const [problem] = problemsFromZod(result.error!, input);
      expect(problem).toMatchObject({ path: [field], received: JSON.stringify(value) });
      expect(problem!.expected.en).toContain(expected);
    },
  );

  it('refuses an unknown kind and unknown keys', async () => {
    const input = { ...(await withNoticeHash(draft)), kind: 'kvkk', extra: 1 };
    const problems = problemsFromZod(Notice.safeParse(input).error!, input);
    expect(problems.map((p) => p.path)).toEqual([['kind'], []]);
    expect(problems[1]!.code).toBe('schema.unrecognized_keys');
  });
});

describe('Slug', () => {
  it('accepts lower-case words joined by single hyphens and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (text) => {
        const valid = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text) && text.length <= 64;
        expect(Slug.safeParse(text).success).toBe(valid);
      }),
    );
  });
});

describe('noticeHash', () => {
  it('is the SHA-256 of the UTF-8 text', async () => {
    expect(await noticeHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes Turkish letters as UTF-8, so a composed and a decomposed İ differ', async () => {
    const composed = await noticeHash('İzin');
    expect(composed).toHaveLength(64);
    expect(await noticeHash('I\u0307zin')).not.toBe(composed);
  });
});

describe('checkNoticeHash', () => {
  it('accepts a notice whose hash matches its text', async () => {
    const notice = await withNoticeHash(draft);
    expect(await checkNoticeHash(notice)).toEqual({ ok: true, value: notice });
  });

  it('B8: catches a text edited after hashing, at the sha256 field, naming the right hash', async () => {
    const notice = await withNoticeHash(draft);
    const edited = { ...notice, text: `${notice.text} Ayrıca…` };
    const result = await checkNoticeHash(edited, ['notices', 3]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const actual = await noticeHash(edited.text);
    expect(result.error).toMatchObject({
      code: 'notice.hashMismatch',
      path: ['notices', 3, 'sha256'],
      expected: { en: `the SHA-256 of the notice text: ${actual}` },
      params: { rule: 'B8', id: 'kvkk-aydinlatma', version: 1, actual },
    });
    expect(result.error.received).toContain(notice.sha256.slice(0, 20));
    expect(problemMessage(result.error, 'tr')).toContain('yeni bir sürüm ekleyin');
    expect(problemMessage(result.error, 'en')).toContain('add a new version');
  });
});
