// A pino logger whose lines a test reads back, parsed: what the server logged, at what level.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from 'pino';

/** One parsed log line. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger at `level` whose lines land in `lines`; `warnings()` are those at warn level. */
export function capturedLogger(level: pino.Level = 'info'): {
  logger: Logger;
  lines: LogLine[];
  warnings(): LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as LogLine);
        done();
      },
    }),
  );
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40) };
}
