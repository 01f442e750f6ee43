// `izinli token [label]`: a new admin bearer token and the config entry that admits it.
import { createHash, randomBytes } from 'node:crypto';
import { EXIT } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

/** An admin token: 256 random bits, base64url, prefixed so it is recognisable in a secret scanner. */
export function newAdminToken(): { token: string; sha256: string } {
  const token = `izn_${randomBytes(32).toString('base64url')}`;
  return { token, sha256: createHash('sha256').update(token).digest('hex') };
}

/** Prints the token (once; it is not stored) and its `adminTokens` entry. */
export async function tokenCommand(
  command: { label?: string },
  deps: Pick<CliDeps, 'stdout'>,
): Promise<number> {
  const { token, sha256 } = newAdminToken();
  const entry = JSON.stringify({ label: command.label ?? 'admin', sha256 });
  await write(
    deps.stdout,
    `token (give it to its holder; it is shown only now):\n  ${token}\nadminTokens entry for the tenant in the config file:\n  ${entry}\n`,
  );
  return EXIT.ok;
}
