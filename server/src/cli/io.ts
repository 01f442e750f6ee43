// Reading the CLI's inputs (a file or stdin, a JWKS file or URL) and writing with backpressure.
import { err, ok } from '@izinli/core';
import type { Result } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import { once } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** The lines of a file, or of stdin for `-`; `close` releases the file if reading stops early. */
export interface LineSource {
  lines: AsyncIterable<string>;
  close(): void;
}

/** Opens `source` for reading line by line; a missing file fails here, not mid-read. */
export async function openLines(source: string, stdin: Readable): Promise<LineSource> {
  const input = source === '-' ? stdin : (await open(source, 'r')).createReadStream();
  const lines = createInterface({ input, crlfDelay: Infinity });
  return {
    lines,
    close: () => {
      lines.close();
      if (input !== stdin) input.destroy();
    },
  };
}

/** The whole text of a file, or of stdin for `-`. */
export async function readText(source: string, stdin: Readable): Promise<string> {
  if (source !== '-') return readFile(source, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JWKS from a file or an http(s) URL; an error is a sentence for the user. */
export async function loadJwks(
  source: string,
  fetchImpl: typeof fetch,
): Promise<Result<JSONWebKeySet, string>> {
  let text: string;
  try {
    if (/^https?:\/\//i.test(source)) {
      const response = await fetchImpl(source, { headers: { accept: 'application/json' } });
      if (!response.ok) return err(`${source} answered ${response.status} ${response.statusText}`);
      text = await response.text();
    } else {
      text = await readFile(source, 'utf8');
    }
  } catch (error) {
    return err(
      `cannot read the JWKS ${source}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(`the JWKS ${source} is not JSON`);
  }
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => k !== null && typeof k === 'object')) {
    return err(`the JWKS ${source} is not a key set: expected { "keys": [ … ] }`);
  }
  return ok(value as JSONWebKeySet);
}

/** The `--jwks` option's key set, if given; a JWKS that cannot be loaded is told on stderr. */
export async function jwksOption(
  source: string | undefined,
  deps: { fetch: typeof fetch; stderr: Writable },
): Promise<{ ok: true; value: JSONWebKeySet | undefined } | { ok: false }> {
  if (source === undefined) return { ok: true, value: undefined };
  const jwks = await loadJwks(source, deps.fetch);
  if (jwks.ok) return jwks;
  await write(deps.stderr, `izinli: ${jwks.error}\n`);
  return { ok: false };
}

/** Writes text, waiting when the stream asks to (an export can be far larger than memory). */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
