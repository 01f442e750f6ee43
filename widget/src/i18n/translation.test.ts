import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyTexts } from '../verify/verify-texts.js';
import { en } from './en.js';
import { localeOf, say } from './index.js';
import { tr } from './tr.js';

describe('translations', () => {
  afterEach(() => vi.restoreAllMocks());

  it('both tables have the same keys and no blank entry', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(tr).sort());
    for (const text of [...Object.values(tr), ...Object.values(en)])
      expect(text.trim()).not.toBe('');
  });

  it('the code step’s tables have the same keys and no blank entry', () => {
    const { tr: stepTr, en: stepEn } = verifyTexts;
    expect(Object.keys(stepEn).sort()).toEqual(Object.keys(stepTr).sort());
    for (const text of [...Object.values(stepTr), ...Object.values(stepEn)])
      expect(text.trim()).not.toBe('');
    for (const text of Object.values(stepTr)) expect(text).not.toMatch(/\bI[a-zçğöşü]/);
  });

  it('the Turkish table writes İ and ı, never a dotless capital I for İ', () => {
    expect(tr.personLegend).toBe('İletişim bilgileriniz');
    expect(tr.purposesLegend).toBe('Açık rıza (isteğe bağlı)');
    for (const text of Object.values(tr)) expect(text).not.toMatch(/\bI[a-zçğöşü]/);
  });

  it('a missing entry is reported and shows its key, never a blank', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(say('tr', 'nope' as never)).toBe('[nope]');
    expect(error).toHaveBeenCalledWith('izinli: no "nope" translation for "tr"');
  });

  it('reads English from en tags and Turkish from anything else', () => {
    expect(['en', 'EN-gb', ' en-US '].map(localeOf)).toEqual(['en', 'en', 'en']);
    expect(['tr', 'tr-TR', '', null, undefined, 'de', 'eng'].map(localeOf)).toEqual(
      Array(7).fill('tr'),
    );
  });
});
