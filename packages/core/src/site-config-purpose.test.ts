import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { problemsFromZod } from './problem.js';
import { LocalizedText, Purpose, isBundledCategory } from './site-config-purpose.js';

const word = fc
  .stringMatching(/^[a-z][a-z0-9]{1,11}$/)
  .filter((w) => !['ve', 'veya', 'and', 'or', 'ya', 'da'].includes(w));
const slug = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-'));

const purpose = {
  id: 'kitap-onerileri',
  kind: 'processing',
  category: 'pazarlama-analizi',
  noticeId: 'riza-pazarlama-analizi',
  label: { tr: 'Öneriler için analiz', en: 'Analysis for recommendations' },
};

describe('isBundledCategory', () => {
  it('B4: sees two purposes joined by any separator or joining word', () => {
    const joiner = fc.constantFrom(
      ', ',
      ',',
      ';',
      ' / ',
      '&',
      '+',
      ' ',
      '-ve-',
      '-veya-',
      '-and-',
      '-or-',
      '-ya-da-',
      '|',
    );
    fc.assert(
      fc.property(slug, joiner, slug, (a, join, b) => {
        expect(isBundledCategory(`${a}${join}${b}`)).toBe(true);
      }),
    );
  });

  it('B4: lets a single purpose through, whatever its words', () => {
    fc.assert(
      fc.property(slug, (category) => {
        expect(isBundledCategory(category)).toBe(false);
      }),
    );
  });

  it('does not mistake a purpose that merely starts or ends with a joining word', () => {
    expect(isBundledCategory('ve-ri-analizi')).toBe(false);
    expect(isBundledCategory('or-tak-kampanya')).toBe(false);
    expect(isBundledCategory('musteri-ile-iletisim')).toBe(false);
  });
});

describe('Purpose', () => {
  it('parses a purpose with labels in both languages', () => {
    expect(Purpose.parse(purpose)).toEqual(purpose);
  });

  it('refuses an unknown kind and a missing label, naming each field', () => {
    const input = { ...purpose, kind: 'analysis', label: undefined };
    const problems = problemsFromZod(Purpose.safeParse(input).error!, input);
    expect(problems.map((p) => p.path)).toEqual([['kind'], ['label']]);
    expect(problems[0]!.expected.en).toContain('"processing"');
  });

  it('needs a Turkish label and refuses blank ones', () => {
    const input = { en: 'Only English' };
    const [problem] = problemsFromZod(LocalizedText.safeParse(input).error!, input);
    expect(problem).toMatchObject({ path: ['tr'], received: 'undefined (missing)' });
    const blank = { tr: '   ' };
    const [blankProblem] = problemsFromZod(LocalizedText.safeParse(blank).error!, blank);
    expect(blankProblem).toMatchObject({
      path: ['tr'],
      expected: { en: 'a non-empty Turkish text' },
    });
  });
});
