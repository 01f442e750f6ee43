// Signing keys on disk under `${dataDir}/keys/`: one private JWK file per key (mode 0600, in a
// 0700 folder) and `index.json`, which names the current key and keeps every retired public key.
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject, JsonWebKey as NodeJwk } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { expecting } from '@izinli/core';
import { z } from 'zod';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, {
  error: expecting({ en: 'base64url', tr: 'base64url ile kodlanmış bir metin' }),
});

/** The public half of an Ed25519 key, as a JWK (RFC 8037) with only the members that define it. */
export const Ed25519PublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64url,
});
export type Ed25519PublicJwk = z.infer<typeof Ed25519PublicJwk>;

/** A private Ed25519 JWK: the public members plus `d`. */
export const Ed25519PrivateJwk = Ed25519PublicJwk.extend({ d: base64url });
export type Ed25519PrivateJwk = z.infer<typeof Ed25519PrivateJwk>;

const IndexedKey = z.object({
  // base64url, as every RFC 7638 thumbprint is: it names a file, so nothing else may pass.
  kid: base64url,
  createdAt: z.string(),
  jwk: Ed25519PublicJwk,
});

/** `keys/index.json`: the current key and the retired public keys, newest first. */
export const KeyIndex = z.object({
  version: z.literal(1),
  current: IndexedKey,
  retired: z.array(IndexedKey.extend({ retiredAt: z.string() })),
});
export type KeyIndex = z.infer<typeof KeyIndex>;

/** The folder that holds the keys. */
export function keysDir(dataDir: string): string {
  return join(dataDir, 'keys');
}

const indexFile = (dataDir: string) => join(keysDir(dataDir), 'index.json');

/** Where the private key `kid` lives. */
export function privateKeyFile(dataDir: string, kid: string): string {
  return join(keysDir(dataDir), `${kid}.private.jwk.json`);
}

const isErrno = (error: unknown, code: string) =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

/** A fresh Ed25519 key pair as a private JWK. */
export function generateEd25519(): Ed25519PrivateJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  return Ed25519PrivateJwk.parse(privateKey.export({ format: 'jwk' }));
}

/** The public members of a key (what a JWKS publishes and RFC 7638 hashes). */
export function publicJwkOf(jwk: Ed25519PublicJwk): Ed25519PublicJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
}

/**
 * Reads `IZINLI_SIGNING_KEY`: a private Ed25519 JWK (JSON) or a PKCS#8 PEM. Throws a message that
 * names the problem but never echoes the key.
 */
export function parsePrivateKey(text: string): Ed25519PrivateJwk {
  const trimmed = text.trim();
  const isJwk = trimmed.startsWith('{');
  let given: { x?: unknown } = {};
  let key: KeyObject;
  try {
    if (isJwk) {
      given = JSON.parse(trimmed) as { x?: unknown };
      key = createPrivateKey({ key: given as NodeJwk, format: 'jwk' });
    } else {
      key = createPrivateKey({ key: trimmed, format: 'pem' });
    }
  } catch {
    throw new Error(
      'IZINLI_SIGNING_KEY: expected a private Ed25519 key as a JWK (JSON with kty, crv, x, d) or a PKCS#8 PEM',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `IZINLI_SIGNING_KEY: expected a private Ed25519 key, received a ${key.asymmetricKeyType ?? 'non-asymmetric'} key`,
    );
  }
  // Node derives x from d on export: a JWK whose x belongs to another key would sign receipts that
  // nobody could verify with the JWKS.
  const jwk = Ed25519PrivateJwk.parse(key.export({ format: 'jwk' }));
  if (isJwk && given.x !== jwk.x) {
    throw new Error('IZINLI_SIGNING_KEY: the JWK’s x is not the public key of its d');
  }
  return jwk;
}

/** The key index, or undefined when no key was ever generated in `dataDir`. */
export async function readKeyIndex(dataDir: string): Promise<KeyIndex | undefined> {
  let text: string;
  try {
    text = await readFile(indexFile(dataDir), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  const parsed = KeyIndex.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${indexFile(dataDir)} is not a valid key index: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** The private key file of `kid` (the caller checks it is that key). */
export async function readPrivateKey(dataDir: string, kid: string): Promise<Ed25519PrivateJwk> {
  const file = privateKeyFile(dataDir, kid);
  const parsed = Ed25519PrivateJwk.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a private Ed25519 JWK`);
  return parsed.data;
}

// Creates a new file with its final mode from the start (never readable by others, not even
// briefly), writes it and flushes it to disk. Fails with EEXIST rather than overwrite.
async function writeNewFile(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new private key file (mode 0600, folder 0700); never overwrites one. */
export async function writePrivateKey(
  dataDir: string,
  kid: string,
  jwk: Ed25519PrivateJwk,
): Promise<void> {
  await mkdir(keysDir(dataDir), { recursive: true, mode: 0o700 });
  await writeNewFile(privateKeyFile(dataDir, kid), `${JSON.stringify(jwk)}\n`);
}

/**
 * Publishes a key index atomically. With `replace: false` it only creates one: false when another
 * process created it first (two instances starting on one data folder), so the caller reloads.
 */
export async function publishKeyIndex(
  dataDir: string,
  index: KeyIndex,
  { replace }: { replace: boolean },
): Promise<boolean> {
  const temporary = join(keysDir(dataDir), `.index.${randomUUID()}.tmp`);
  await writeNewFile(temporary, `${JSON.stringify(index, null, 2)}\n`);
  try {
    if (replace) await rename(temporary, indexFile(dataDir));
    else await link(temporary, indexFile(dataDir));
    return true;
  } catch (error) {
    if (!replace && isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    if (!replace) await unlink(temporary);
  }
}

/** Deletes a private key file; a key already gone is fine. */
export async function removePrivateKey(dataDir: string, kid: string): Promise<void> {
  try {
    await unlink(privateKeyFile(dataDir, kid));
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}
