// The version of @izinli/server, from its package.json (for /healthz and `izinli --version`).
import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The package's version; read once (the file sits one folder up from src/ and dist/ alike). */
export function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  return version;
}
