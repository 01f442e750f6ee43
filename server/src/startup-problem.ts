// Why the server could not start, in a sentence that names the fix: a port in use, a data
// directory it may not write, a database it cannot reach. Anything else keeps its own message.
import type { ServerEnv } from './config/env.js';

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  syscall?: unknown;
  path?: unknown;
}

const asError = (error: unknown): ErrorLike =>
  typeof error === 'object' && error !== null ? error : {};

// A URL with its password replaced, so the refusal can name where it tried.
function databaseWhere(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

const PG_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** The sentence for a start-up failure, or undefined when it is not one of the known ones. */
export function startupProblem(
  error: unknown,
  env: Pick<ServerEnv, 'PORT' | 'HOST' | 'DATA_DIR' | 'DATABASE_URL'>,
): string | undefined {
  const { code, syscall, path } = asError(error);
  const message = String(asError(error).message ?? error);
  if (code === 'EADDRINUSE') {
    return (
      `port ${env.PORT} on ${env.HOST} is already in use by another process. ` +
      `Stop that process, or start izinli on another port: PORT=8788.`
    );
  }
  if (code === 'EACCES' && syscall === 'listen') {
    return (
      `this user may not listen on port ${env.PORT}. Use a port above 1023 ` +
      `(PORT=8787) behind a reverse proxy (docs/reverse-proxy.md).`
    );
  }
  if (
    (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') &&
    syscall !== 'listen'
  ) {
    const where = typeof path === 'string' ? path : env.DATA_DIR;
    return (
      `the data directory is not writable (${where}: ${code}). Give the server's user ` +
      `write access to ${env.DATA_DIR} (e.g. chown), or point DATA_DIR at a directory it owns.`
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return (
      `the SQLite database in ${env.DATA_DIR} cannot be opened for writing (${code}). ` +
      `Give the server's user write access to ${env.DATA_DIR}, or set DATA_DIR to a directory it owns.`
    );
  }
  if (env.DATABASE_URL !== undefined) {
    const where = databaseWhere(env.DATABASE_URL);
    if (typeof code === 'string' && PG_UNREACHABLE.has(code)) {
      return (
        `PostgreSQL at ${where} cannot be reached (${code}). Start it, or fix the host and port ` +
        `in DATABASE_URL; unset DATABASE_URL to use the embedded SQLite instead.`
      );
    }
    if (code === '28P01' || code === '28000') {
      return `PostgreSQL at ${where} refused the login (${code}): check the user and password in DATABASE_URL.`;
    }
    if (code === '3D000') {
      return `PostgreSQL at ${where} has no such database (3D000): create it (createdb) or fix DATABASE_URL.`;
    }
    if (/timeout|timed out/i.test(message)) {
      return (
        `PostgreSQL at ${where} did not answer in time (${message}). Check that it runs and that ` +
        `this host may reach it; DATABASE_CONNECT_TIMEOUT_MS sets how long to wait.`
      );
    }
  }
  return undefined;
}
