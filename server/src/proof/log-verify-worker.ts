// A worker thread of `verifyLog` (log-verify.ts) for a large log: it checks batches of lines with
// the given JWKS (checkLines) and answers each batch with what it found, in line order.
import { parentPort, workerData } from 'node:worker_threads';
import type { JSONWebKeySet } from 'jose';
import { checkLines } from './log-record-check.js';

/** A batch of lines to check, and the answer to it. */
export interface LinesRequest {
  id: number;
  lines: { n: number; text: string }[];
}

const { keys } = workerData as { keys: JSONWebKeySet };
parentPort!.on('message', ({ id, lines }: LinesRequest) => {
  checkLines(lines, keys).then(
    (checked) => parentPort!.postMessage({ id, checked }),
    (error: unknown) =>
      parentPort!.postMessage({ id, error: String((error as Error)?.stack ?? error) }),
  );
});
