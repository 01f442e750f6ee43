import { describe, expect, it } from 'vitest';
import { firstDifference } from './first-difference.js';

describe('firstDifference', () => {
  it('finds nothing in equal values, whatever their key order', () => {
    expect(
      firstDifference({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] }),
    ).toBeUndefined();
  });

  it('points at the first differing field, array index or missing key', () => {
    expect(firstDifference({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } })).toEqual(['b', 'c']);
    expect(firstDifference({ l: [1, 2] }, { l: [1, 2, 3] })).toEqual(['l', 2]);
    expect(firstDifference({ a: 1 }, { a: 1, z: 0 })).toEqual(['z']);
    // An undefined member is an absent one, as in JSON.
    expect(firstDifference({ a: 1 }, { a: 1, z: undefined })).toBeUndefined();
    const long = Array.from({ length: 12 }, (_, i) => i);
    expect(firstDifference(long, [...long.slice(0, 2), 99, ...long.slice(3, 10), 98, 97])).toEqual([
      2,
    ]);
    expect(firstDifference({ a: [] }, { a: {} })).toEqual(['a']);
    expect(firstDifference('x', 'y')).toEqual([]);
  });
});
