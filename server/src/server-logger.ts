// The server's logger: pino's JSON lines with the level by name ("level":"info"), which log
// shippers and people read without pino's number table.
import { pino } from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';

/** A JSON-lines logger at `level` (to stdout, or `destination`). */
export function serverLogger(level: Level | 'silent', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'izinli-server' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
