import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  customIssue,
  defineProblemMessages,
  described,
  expecting,
  problemMessage,
  problemsFromZod,
} from './problem.js';
import type { Problem } from './problem.js';

const problemsOf = (schema: z.ZodType, input: unknown): Problem[] => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return problemsFromZod(parsed.error, input);
};

// Words that only an English sentence has; a Turkish message must have none of them.
const ENGLISH = /\b(the|a|an|is|must|expected|received|string|number|object|array|Invalid)\b/;

describe('problemsFromZod', () => {
  it('keeps zod’s English as `expected.en` and says the issue in Turkish as `expected.tr`', () => {
    const schema = z.strictObject({
      name: z.string().min(2).max(5),
      age: z.int().positive(),
      tags: z.array(z.string()).min(1),
      channel: z.enum(['MESAJ', 'EPOSTA']),
      id: z.uuid(),
    });
    const problems = problemsOf(schema, {
      name: 'ç',
      age: 0,
      tags: [],
      channel: 'SMS',
      id: 'x',
      extra: 1,
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path.join('.') || '(input)', p]));
    expect(byPath.name!.expected).toEqual({
      en: 'Too small: expected string to have >=2 characters',
      tr: 'en az 2 karakterlik bir metin',
    });
    expect(byPath.age!.expected.tr).toBe('sıfırdan büyük bir sayı');
    expect(byPath.tags!.expected.tr).toBe('en az bir öğe içeren bir liste');
    expect(byPath.channel!.expected.tr).toBe('şunlardan biri: "MESAJ", "EPOSTA"');
    expect(byPath.id!.expected.tr).toBe('bir UUID');
    expect(byPath['(input)']!.expected.tr).toBe(
      'yalnızca tanımlı alanlar; şu alan tanınmıyor: "extra"',
    );
    for (const problem of problems) {
      expect(problemMessage(problem, 'tr'), problem.code).not.toMatch(ENGLISH);
    }
  });

  it('names a wrong or missing type in Turkish, without zod’s English type names', () => {
    const [wrong] = problemsOf(z.object({ n: z.string() }), { n: 5 });
    expect(problemMessage(wrong!, 'tr')).toBe('n: beklenen bir metin; gelen 5');
    expect(problemMessage(wrong!, 'en')).toBe(
      'n: expected Invalid input: expected string, received number; received 5',
    );
    const [missing] = problemsOf(z.object({ n: z.string() }), {});
    expect(problemMessage(missing!, 'tr')).toBe(
      'n: beklenen bir metin; gelen hiçbir şey (alan eksik)',
    );
    expect(missing!.received).toBe('undefined (missing)');
  });

  it('uses the Turkish a schema gives with expecting(), for checks and refinements alike', () => {
    const schema = z
      .string()
      .min(1, { error: expecting({ en: 'a test name', tr: 'bir deneme adı' }) })
      .refine((s) => s !== 'x', {
        error: expecting({ en: 'anything but x', tr: 'x dışında bir şey' }),
      });
    expect(problemsOf(schema, '')[0]!.expected).toEqual({
      en: 'a test name',
      tr: 'bir deneme adı',
    });
    expect(problemsOf(schema, 'x')[0]!.expected).toEqual({
      en: 'anything but x',
      tr: 'x dışında bir şey',
    });
  });

  it('refuses two Turkish texts for one English text, so a lookup is never ambiguous', () => {
    expecting({ en: 'a twice-given text', tr: 'iki kez verilen bir metin' });
    expect(() => expecting({ en: 'a twice-given text', tr: 'iki kez verilen metin' })).toThrow(
      /Two Turkish texts/,
    );
  });

  it('turns a customIssue back into its code, both texts and its params (without the Turkish)', () => {
    const schema = z.string().superRefine((text, ctx) => {
      ctx.addIssue(
        customIssue({
          code: 'test.custom',
          expected: { en: `not ${text}`, tr: `${text} dışında` },
          params: { rule: 'B1' },
        }),
      );
    });
    expect(problemsOf(schema, 'abc')).toEqual([
      {
        code: 'test.custom',
        path: [],
        expected: { en: 'not abc', tr: 'abc dışında' },
        received: '"abc"',
        params: { rule: 'B1', code: 'test.custom' },
      },
    ]);
  });
});

describe('problemMessage', () => {
  const problem: Problem = {
    code: 'test.generic',
    path: [],
    expected: { en: 'a header', tr: 'bir başlık' },
    ...described({ en: 'no header', tr: 'başlık yok' }),
  };

  it('says the generic sentence in one language, what came included', () => {
    expect(problemMessage(problem, 'tr')).toBe('(girdi): beklenen bir başlık; gelen başlık yok');
    expect(problemMessage(problem, 'en')).toBe('(input): expected a header; received no header');
    expect(problem.received).toBe('no header');
  });

  it('gives a code’s templates the problem in their own language', () => {
    defineProblemMessages({
      'test.templated': {
        tr: (p) => `şablon: ${p.expected} / ${p.received}`,
        en: (p) => `template: ${p.expected} / ${p.received}`,
      },
    });
    const templated = { ...problem, code: 'test.templated' };
    expect(problemMessage(templated, 'tr')).toBe('(girdi): şablon: bir başlık / başlık yok');
    expect(problemMessage(templated, 'en')).toBe('(input): template: a header / no header');
  });
});
