import { describe, expect, it } from 'vitest';
import {
  codeHash,
  linkSegment,
  linkTokenHash,
  makeCode,
  makeLinkToken,
  normalizeCode,
  parseLinkSegment,
  secretMatches,
} from './secrets.js';

describe('verification secrets', () => {
  it('makes 6-digit codes spread over every digit, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, makeCode);
    for (const code of codes) expect(code).toMatch(/^[0-9]{6}$/);
    // Each position sees every digit: no bias towards a fixed prefix.
    for (let i = 0; i < 6; i++) expect(new Set(codes.map((c) => c[i])).size).toBe(10);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it('makes 32-byte base64url link tokens', () => {
    const token = makeLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(makeLinkToken()).not.toBe(token);
  });

  it('binds a code hash to its verification id', () => {
    expect(codeHash('v1', '123456')).toMatch(/^[0-9a-f]{64}$/);
    expect(codeHash('v1', '123456')).not.toBe(codeHash('v2', '123456'));
    expect(secretMatches('code', 'v1', '123456', codeHash('v1', '123456'))).toBe(true);
    expect(secretMatches('code', 'v2', '123456', codeHash('v1', '123456'))).toBe(false);
    expect(secretMatches('code', 'v1', '123457', codeHash('v1', '123456'))).toBe(false);
  });

  it('checks a link token against its hash only', () => {
    const token = makeLinkToken();
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches('link', 'any', token, linkTokenHash(token))).toBe(true);
    expect(secretMatches('link', 'any', makeLinkToken(), linkTokenHash(token))).toBe(false);
  });

  it('refuses when no or a malformed hash is stored', () => {
    expect(secretMatches('code', 'v1', '123456', undefined)).toBe(false);
    expect(secretMatches('code', 'v1', '123456', 'abc')).toBe(false);
    expect(secretMatches('code', 'v1', '123456', 'Z'.repeat(64))).toBe(false);
  });

  it('reads typed codes and link segments', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    expect(normalizeCode('12345')).toBeUndefined();
    expect(normalizeCode('12345a')).toBeUndefined();
    const token = makeLinkToken();
    expect(parseLinkSegment(linkSegment('ver_01', token))).toEqual({ id: 'ver_01', token });
    expect(parseLinkSegment(`ver_01.${token.slice(1)}`)).toBeUndefined();
    expect(parseLinkSegment(`.${token}`)).toBeUndefined();
    expect(parseLinkSegment('garbage')).toBeUndefined();
    expect(parseLinkSegment(`a/b.${token}`)).toBeUndefined();
  });
});
