// Verifies a compact JWS over JSON against a JWKS and turns every way it can fail into a Problem;
// receipts and checkpoints add their own payload checks on top.
import { defineProblemMessages, err, excerpt, ok } from '@izinli/core';
import type { Localized, Problem, Result } from '@izinli/core';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, errors } from 'jose';
import type { JSONWebKeySet, ProtectedHeaderParameters } from 'jose';
import { SIGNING_ALG } from './key-ring.js';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

// One resolver per JWKS object: jose caches the keys it imports inside it, so verifying a whole
// log against one JWKS imports each key once.
const resolvers = new WeakMap<JSONWebKeySet, KeyResolver>();

/**
 * jose's local JWKS resolver, remembering the key it found for each (alg, kid): its answer
 * depends on nothing else for a compact JWS (no unprotected header), and choosing among the
 * JWKS's members on every call cost more on the main thread than the signature check's own
 * JavaScript side. Only keys found are kept (at most one per JWKS member and alg), so a log of
 * made-up kids cannot grow the cache; every failure goes through jose again, with its own error.
 */
function rememberingKeys(local: KeyResolver): KeyResolver {
  const found = new Map<string, Map<string | undefined, ReturnType<KeyResolver>>>();
  const resolver = (
    header: Parameters<KeyResolver>[0],
    token: Parameters<KeyResolver>[1],
  ): ReturnType<KeyResolver> => {
    const alg: unknown = header?.alg;
    const kid: unknown = header?.kid;
    if (typeof alg !== 'string' || (kid !== undefined && typeof kid !== 'string')) {
      return local(header, token);
    }
    if (token?.header !== undefined) return local(header, token);
    const known = found.get(alg)?.get(kid);
    if (known) return known;
    const pending = local(header, token);
    pending.then(
      () => {
        let byKid = found.get(alg);
        if (!byKid)
          found.set(alg, (byKid = new Map<string | undefined, ReturnType<KeyResolver>>()));
        byKid.set(kid, pending);
      },
      () => undefined,
    );
    return pending;
  };
  return Object.assign(resolver, { jwks: local.jwks });
}

function resolverFor(jwks: JSONWebKeySet, path: Problem['path']): Result<KeyResolver, Problem> {
  const cached = resolvers.get(jwks);
  if (cached) return ok(cached);
  try {
    const resolver = rememberingKeys(createLocalJWKSet(jwks));
    resolvers.set(jwks, resolver);
    return ok(resolver);
  } catch (error) {
    if (!(error instanceof errors.JWKSInvalid)) throw error;
    return err(jwksInvalid(path, jwks, error.message));
  }
}

function jwksInvalid(path: Problem['path'], jwks: unknown, why: string): Problem {
  return {
    code: 'jwks.invalid',
    path,
    expected: {
      en: 'a JSON Web Key Set { "keys": [public keys] } with one key per kid',
      tr: 'her kid için bir anahtar içeren bir JSON Web Key Set { "keys": [açık anahtarlar] }',
    },
    received: excerpt(jwks, 70),
    params: { why },
  };
}

/** A verified JWS: its protected header and its payload parsed as JSON (not yet validated). */
export interface VerifiedJson {
  header: ProtectedHeaderParameters;
  payload: unknown;
}

/**
 * Verifies a compact JWS of type `typ` (alg EdDSA) against `jwks` and parses its payload as JSON.
 * Problems carry `path` and say what was wrong: malformed, wrong type, unknown key, bad signature.
 */
export async function verifySignedJson(
  jws: unknown,
  jwks: JSONWebKeySet,
  typ: string,
  path: Problem['path'] = [],
): Promise<Result<VerifiedJson, Problem>> {
  const malformed = (expected: Localized, why: string): { ok: false; error: Problem } =>
    err({ code: 'jws.malformed', path, expected, received: excerpt(jws, 70), params: { why } });
  if (typeof jws !== 'string') {
    return malformed(
      { en: 'a compact JWS string', tr: 'metin olarak bir compact JWS' },
      'not a string',
    );
  }
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch (error) {
    const expected = {
      en: 'a compact JWS: three base64url parts joined by dots',
      tr: 'bir compact JWS: noktalarla birleştirilmiş üç base64url parçası',
    };
    return malformed(expected, String(error));
  }
  if (header.typ !== typ) {
    return err({
      code: 'jws.wrongType',
      path,
      expected: { en: `typ ${typ}`, tr: `typ ${typ}` },
      received: excerpt(header.typ),
      params: { typ },
    });
  }
  const resolver = resolverFor(jwks, path);
  if (!resolver.ok) return resolver;
  const kid = typeof header.kid === 'string' ? header.kid : '(none)';
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, resolver.value, { algorithms: [SIGNING_ALG] }));
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) {
      return err({
        code: 'jws.unknownKey',
        path,
        expected: { en: 'a kid that the JWKS lists', tr: 'JWKS içinde yer alan bir kid' },
        received: excerpt(kid, 70),
        params: { kid },
      });
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return err({
        code: 'jws.badSignature',
        path,
        expected: {
          en: `a valid Ed25519 signature by key ${kid}`,
          tr: `${kid} anahtarıyla atılmış geçerli bir Ed25519 imzası`,
        },
        received: excerpt(jws.slice(jws.lastIndexOf('.') + 1), 30),
        params: { kid },
      });
    }
    if (error instanceof errors.JWKSInvalid || error instanceof errors.JWKSMultipleMatchingKeys) {
      return err(jwksInvalid(path, jwks, error.message));
    }
    if (error instanceof errors.JOSEError) {
      const expected = {
        en: `a compact JWS with alg ${SIGNING_ALG}`,
        tr: `alg değeri ${SIGNING_ALG} olan bir compact JWS`,
      };
      return malformed(expected, error.message);
    }
    throw error;
  }
  try {
    return ok({
      header,
      payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown,
    });
  } catch (error) {
    return malformed(
      { en: 'a JSON payload (UTF-8)', tr: 'JSON bir içerik (UTF-8)' },
      String(error),
    );
  }
}

defineProblemMessages({
  'jws.malformed': {
    // `why` is the JOSE library's English diagnosis: English messages only.
    tr: (p) => `imza biçimi bozuk; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the signature is malformed; expected ${p.expected}, received ${p.received} (${p.params?.why})`,
  },
  'jws.wrongType': {
    tr: (p) => `imzanın türü yanlış; beklenen ${p.params?.typ}, gelen ${p.received}`,
    en: (p) =>
      `the signature is of another type; expected ${p.params?.typ}, received ${p.received}`,
  },
  'jws.unknownKey': {
    tr: (p) =>
      `imzayı atan anahtar (kid ${p.params?.kid}) verilen anahtar kümesinde (JWKS) yok; doğru JWKS'i kullanın`,
    en: (p) =>
      `the signing key (kid ${p.params?.kid}) is not in the given key set (JWKS); use the right JWKS`,
  },
  'jws.badSignature': {
    tr: (p) =>
      `imza doğrulanamadı: imzalı içerik ya da imza değiştirilmiş (A13); anahtar ${p.params?.kid}`,
    en: (p) =>
      `the signature does not verify: the signed content or the signature was altered (A13); key ${p.params?.kid}`,
  },
  'jwks.invalid': {
    tr: (p) => `anahtar kümesi (JWKS) geçersiz; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) => `the key set (JWKS) is invalid; expected ${p.expected}, received ${p.received}`,
  },
});
