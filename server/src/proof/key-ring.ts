// The server's signing key and the public keys anyone verifies its receipts and checkpoints with
// (docs/architecture.md#record-and-proof, docs/architecture.md#security-model).
import { canonicalJson } from '@izinli/core';
import { CompactSign, calculateJwkThumbprint, importJWK } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import {
  generateEd25519,
  parsePrivateKey,
  publicJwkOf,
  publishKeyIndex,
  readKeyIndex,
  readPrivateKey,
  removePrivateKey,
  writePrivateKey,
} from './key-files.js';
import type { Ed25519PrivateJwk, Ed25519PublicJwk, KeyIndex } from './key-files.js';

/** JWS `alg` of every signature izinli makes: EdDSA over Ed25519 (RFC 8037). */
export const SIGNING_ALG = 'EdDSA';

/** The key the server signs with, and the public keys that verify what it ever signed. */
export interface KeyRing {
  /** RFC 7638 thumbprint (SHA-256, base64url) of the current public key; the JWS `kid`. */
  readonly kid: string;
  /** A compact JWS with header `{ alg: 'EdDSA', kid, typ }` over the RFC 8785 bytes of `payload`. */
  sign(payload: unknown, typ: string): Promise<string>;
  /** The same, for a caller that holds `canonicalJson(payload)` already (the capture commit). */
  signCanonical(canonical: string, typ: string): Promise<string>;
  /** The current public key first, then every retired one (newest first). */
  jwks(): JSONWebKeySet;
}

/** Where the key lives: `IZINLI_SIGNING_KEY` if set, else the data folder. */
export interface LoadKeyRingOptions {
  dataDir: string;
  /** `IZINLI_SIGNING_KEY`: a private Ed25519 JWK (JSON) or PKCS#8 PEM; nothing is written then. */
  privateKey?: string;
  now?: () => Date;
}

/** The RFC 7638 thumbprint of an Ed25519 public key: its `kid`. */
export function thumbprintOf(jwk: Ed25519PublicJwk): Promise<string> {
  return calculateJwkThumbprint(publicJwkOf(jwk), 'sha256');
}

function publishedJwk(kid: string, jwk: Ed25519PublicJwk): JWK {
  return Object.freeze({ ...publicJwkOf(jwk), kid, alg: SIGNING_ALG, use: 'sig' });
}

// Every public key an index knows, current first; `skip` is a kid already listed.
function indexedJwks(index: KeyIndex | undefined, skip: string): JWK[] {
  if (!index) return [];
  return [index.current, ...index.retired]
    .filter((key) => key.kid !== skip)
    .map((key) => publishedJwk(key.kid, key.jwk));
}

const encoder = new TextEncoder();

async function makeKeyRing(
  kid: string,
  privateJwk: Ed25519PrivateJwk,
  others: JWK[],
): Promise<KeyRing> {
  // Imported once: the server signs every capture with it.
  const key = await importJWK(privateJwk, SIGNING_ALG);
  const jwks: JSONWebKeySet = Object.freeze({
    keys: Object.freeze([publishedJwk(kid, privateJwk), ...others]) as JWK[],
  });
  const signCanonical = (canonical: string, typ: string) =>
    new CompactSign(encoder.encode(canonical))
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ })
      .sign(key);
  return {
    kid,
    sign: (payload, typ) => signCanonical(canonicalJson(payload), typ),
    signCanonical,
    // One object for the ring's life, so verifiers can cache the keys they imported from it.
    jwks: () => jwks,
  };
}

async function newKey(
  now: Date,
): Promise<{ kid: string; jwk: Ed25519PrivateJwk; createdAt: string }> {
  const jwk = generateEd25519();
  return { kid: await thumbprintOf(jwk), jwk, createdAt: now.toISOString() };
}

/** Reads the current key of a data folder, checking it is the key its index names. */
async function readCurrentKey(dataDir: string, index: KeyIndex): Promise<Ed25519PrivateJwk> {
  const jwk = await readPrivateKey(dataDir, index.current.kid);
  const kid = await thumbprintOf(jwk);
  if (kid !== index.current.kid || jwk.x !== index.current.jwk.x) {
    throw new Error(`signing key ${index.current.kid}: the key file holds another key (${kid})`);
  }
  return jwk;
}

// First start: generate, persist, publish the index unless another process won the race.
async function firstKey(dataDir: string, now: Date): Promise<KeyIndex> {
  const key = await newKey(now);
  await writePrivateKey(dataDir, key.kid, key.jwk);
  const index: KeyIndex = {
    version: 1,
    current: { kid: key.kid, createdAt: key.createdAt, jwk: publicJwkOf(key.jwk) },
    retired: [],
  };
  if (await publishKeyIndex(dataDir, index, { replace: false })) return index;
  await removePrivateKey(dataDir, key.kid);
  const theirs = await readKeyIndex(dataDir);
  if (!theirs) throw new Error(`${dataDir}: the key index vanished while it was being created`);
  return theirs;
}

/**
 * Loads the signing key: from `privateKey` (env) when given, else from `${dataDir}/keys/`,
 * generating one on first start. The JWKS also lists the public keys the data folder knows, so
 * receipts signed before a switch to an env key (or before a rotation) still verify.
 */
export async function loadKeyRing(options: LoadKeyRingOptions): Promise<KeyRing> {
  const { dataDir } = options;
  if (options.privateKey !== undefined) {
    const jwk = parsePrivateKey(options.privateKey);
    const kid = await thumbprintOf(jwk);
    return makeKeyRing(kid, jwk, indexedJwks(await readKeyIndex(dataDir), kid));
  }
  const now = options.now ?? (() => new Date());
  const index = (await readKeyIndex(dataDir)) ?? (await firstKey(dataDir, now()));
  const jwk = await readCurrentKey(dataDir, index);
  return makeKeyRing(index.current.kid, jwk, indexedJwks(index, index.current.kid));
}

/** What a rotation did. */
export interface Rotation {
  kid: string;
  /** The key that was current before, now retired (absent when there was none). */
  retiredKid?: string;
}

/**
 * Makes a new current key; the old public key stays in the JWKS so its receipts still verify.
 * The old private key is deleted: a retired key never signs again, so keeping its private half
 * would only keep alive a key that could forge receipts. A running server keeps signing with the
 * key it loaded until it restarts (its receipts still verify: that public key is retired, not gone).
 */
export async function rotateKeys(options: {
  dataDir: string;
  now?: () => Date;
}): Promise<Rotation> {
  const { dataDir } = options;
  const now = options.now ?? (() => new Date());
  const old = await readKeyIndex(dataDir);
  if (!old) return { kid: (await firstKey(dataDir, now())).current.kid };
  const key = await newKey(now());
  await writePrivateKey(dataDir, key.kid, key.jwk);
  const index: KeyIndex = {
    version: 1,
    current: { kid: key.kid, createdAt: key.createdAt, jwk: publicJwkOf(key.jwk) },
    retired: [{ ...old.current, retiredAt: key.createdAt }, ...old.retired],
  };
  // The new index is in place before the old private key goes: a crash in between leaves an
  // orphaned file, never an index without its key.
  await publishKeyIndex(dataDir, index, { replace: true });
  await removePrivateKey(dataDir, old.current.kid);
  return { kid: key.kid, retiredKid: old.current.kid };
}

/**
 * The JWKS a data folder (and optionally an env key) vouches for, without creating anything:
 * what `izinli export` writes next to the log.
 */
export async function readJwks(options: {
  dataDir: string;
  privateKey?: string;
}): Promise<JSONWebKeySet> {
  const index = await readKeyIndex(options.dataDir);
  if (options.privateKey === undefined) return { keys: indexedJwks(index, '') };
  const jwk = parsePrivateKey(options.privateKey);
  const kid = await thumbprintOf(jwk);
  return { keys: [publishedJwk(kid, jwk), ...indexedJwks(index, kid)] };
}
