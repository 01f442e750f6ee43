import { describe, expect, it } from 'vitest';
import { present } from './present.js';

describe('present', () => {
  it('drops the undefined fields and keeps every other value, falsy ones too', () => {
    const fields = present({ a: 1, b: undefined, c: null, d: '', e: 0, f: false });
    expect(fields).toStrictEqual({ a: 1, c: null, d: '', e: 0, f: false });
    expect('b' in fields).toBe(false);
  });
});
