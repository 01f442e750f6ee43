import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
import { sha256Canonical, sha256Hex } from './sha256.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts object keys by UTF-16 code units and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], ç: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"ç":{"y":2,"z":1}}',
    );
  });

  it('serialises numbers the ECMAScript way (RFC 8785 §3.2.2.3 examples)', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.000001, 123456789012345680000])).toBe(
      '[1e+21,1e-7,0,0.000001,123456789012345680000]',
    );
  });

  it('keeps Turkish letters as UTF-8, escaping only what JSON requires', () => {
    expect(canonicalJson({ ad: 'Çağrı Şahin\n"İ"' })).toBe('{"ad":"Çağrı Şahin\\n\\"İ\\""}');
  });

  it('throws on a value JSON cannot represent instead of signing something else', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it('is independent of key insertion order for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });

  it('round-trips through JSON.parse to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes strings as UTF-8, so Turkish text has one hash everywhere', async () => {
    expect(await sha256Hex('İzin')).toBe(await sha256Hex(new TextEncoder().encode('İzin')));
    expect(await sha256Hex('İzin')).not.toBe(await sha256Hex('Izin'));
  });

  it('hashes the canonical form, so key order does not change a record hash', async () => {
    expect(await sha256Canonical({ a: 1, b: 2 })).toBe(await sha256Canonical({ b: 2, a: 1 }));
    expect(await sha256Canonical({ a: 1 })).toBe(await sha256Hex('{"a":1}'));
  });
});
