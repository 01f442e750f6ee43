// The signed, expiring withdrawal link's token: a JWT (EdDSA, the server's key ring) naming the
// tenant, the site, the normalised recipient and the channels, with a unique jti that becomes the
// withdrawal's capture id, so a token redeemed twice records one withdrawal.
import { createHash } from 'node:crypto';
import { Channel, E164Phone, IysEmail, RecipientType, SiteKey, Slug } from '@izinli/core';
import { createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG } from '../proof/key-ring.js';

/**
 * The JWS `typ` of a withdrawal token. Distinct from receipts' and checkpoints', so no other
 * signature of the server ever passes as a withdrawal link (RFC 8725 §3.11).
 */
export const WITHDRAWAL_TOKEN_TYP = 'izinli-withdrawal+jwt';
const ISSUER = 'izinli';
const AUDIENCE = 'izinli-withdrawal';

/** What a withdrawal token says, besides the registered claims. */
export const WithdrawalClaims = z.object({
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  jti: z.uuid(),
  iat: z.int(),
  exp: z.int(),
  tenant: Slug,
  site: SiteKey,
  recipient: z
    .strictObject({ phone: E164Phone.optional(), email: IysEmail.optional() })
    .refine((r) => r.phone !== undefined || r.email !== undefined),
  recipientType: RecipientType,
  channels: z.array(Channel).min(1).max(3),
});
export type WithdrawalClaims = z.infer<typeof WithdrawalClaims>;

/** The claims the server chooses; the registered ones are added when signing. */
export type WithdrawalGrant = Pick<
  WithdrawalClaims,
  'jti' | 'tenant' | 'site' | 'recipient' | 'recipientType' | 'channels'
>;

/** Signs a token valid from `issuedAt` until `expiresAt` (whole seconds). */
export function signWithdrawalToken(
  sign: (payload: unknown, typ: string) => Promise<string>,
  grant: WithdrawalGrant,
  issuedAt: Date,
  expiresAt: Date,
): Promise<string> {
  const claims: WithdrawalClaims = {
    iss: ISSUER,
    aud: AUDIENCE,
    iat: Math.floor(issuedAt.getTime() / 1000),
    exp: Math.floor(expiresAt.getTime() / 1000),
    ...grant,
  };
  return sign(claims, WITHDRAWAL_TOKEN_TYP);
}

/** Why a token cannot be redeemed: `expired` (410) or `invalid` (400: malformed, tampered…). */
export type TokenFailure = { kind: 'expired'; expiredAt: Date } | { kind: 'invalid'; why: string };

// One resolver per JWKS object: jose caches the keys it imported inside it.
const resolvers = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();

/** Verifies signature, type, issuer, audience and expiry at `now`, then the claims' shape. */
export async function verifyWithdrawalToken(
  token: string,
  jwks: JSONWebKeySet,
  now: Date,
): Promise<{ ok: true; claims: WithdrawalClaims } | { ok: false; failure: TokenFailure }> {
  let resolver = resolvers.get(jwks);
  if (!resolver) {
    resolver = createLocalJWKSet(jwks);
    resolvers.set(jwks, resolver);
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, resolver, {
      algorithms: [SIGNING_ALG],
      typ: WITHDRAWAL_TOKEN_TYP,
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['jti', 'iat', 'exp'],
      currentDate: now,
      clockTolerance: 0,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const exp = (error.payload as { exp?: number }).exp ?? 0;
      return { ok: false, failure: { kind: 'expired', expiredAt: new Date(exp * 1000) } };
    }
    if (error instanceof errors.JOSEError) {
      return { ok: false, failure: { kind: 'invalid', why: error.code } };
    }
    throw error;
  }
  const parsed = WithdrawalClaims.safeParse(payload);
  if (!parsed.success) return { ok: false, failure: { kind: 'invalid', why: 'claims' } };
  return { ok: true, claims: parsed.data };
}

// A fixed namespace (random, once) for the name-based UUIDs of withdrawal links.
const LINK_NAMESPACE = Buffer.from('3b0f6c1e9d2a4e5f8a7b6c5d4e3f2a1b', 'hex');

/**
 * The capture id a token's withdrawal gets: an RFC 9562 version-5 (name-based, SHA-1) UUID of its
 * jti. Deterministic, so a replayed token lands on the stored withdrawal; namespaced, so it never
 * equals an id a client chose.
 */
export function withdrawalCaptureId(jti: string): string {
  const bytes = createHash('sha1').update(LINK_NAMESPACE).update(jti, 'utf8').digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
