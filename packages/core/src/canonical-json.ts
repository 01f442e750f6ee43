import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: the bytes a receipt signs and a hash
 * covers. Throws on values JSON cannot represent (undefined at top level, NaN, Infinity, BigInt),
 * since those are bugs in the caller, never user input.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return text;
}
