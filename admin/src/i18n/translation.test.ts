import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { isKey, localeOf, say } from './index.js';
import { tr } from './tr.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the console’s translation tables', () => {
  it('give every key a non-blank text in Turkish and English, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(tr).sort());
    for (const [key, text] of Object.entries(tr)) {
      const english = en[key as keyof typeof tr];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(say('tr', 'pageN', { n: 2 })).toBe('Sayfa 2');
    expect(say('en', 'pageN', { n: 2 })).toBe('Page 2');
    expect(say('en', 'pageN')).toBe('Page {n}');
  });

  it('speak English for en-* tags and Turkish for anything else', () => {
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('tr')).toBe('tr');
    expect(localeOf('de')).toBe('tr');
    expect(localeOf(null)).toBe('tr');
    expect(isKey('state_dead')).toBe(true);
    expect(isKey('state_unknown')).toBe(false);
  });
});
