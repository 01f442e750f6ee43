// Test support: checking the simulator's RFC 3161 stamps with the openssl binary, as a third party
// would. Not exported from the package.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const OPENSSL = '/usr/bin/openssl';

/** True where the openssl binary is absent: the tests that need it are skipped. */
export const opensslMissing = !existsSync(OPENSSL);

/** Runs `fn` in a new temporary folder, removed afterwards. */
export async function inTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs openssl in `dir`: its output, or a rejection when it exits non-zero. */
export async function openssl(dir: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(OPENSSL, args, { cwd: dir });
  return stdout;
}

/**
 * `openssl ts -verify` of the reply file `tsr` over the file `data` with the TSA certificate file
 * `ca`, all in `dir`: its output, or a rejection when the stamp does not verify.
 */
export function tsVerify(dir: string, tsr: string, data: string, ca = 'tsa.pem'): Promise<string> {
  return openssl(dir, ['ts', '-verify', '-in', tsr, '-data', data, '-CAfile', ca]);
}
