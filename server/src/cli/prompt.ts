// Asking for what a command was not given, one line per answer, on the injected stdin. Lines are
// read through one iterator, so answers piped in all at once are none of them lost.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { write } from './io.js';

/** Asks questions until closed. */
export interface Prompter {
  /**
   * Asks `question` until `check` accepts the answer (it returns the problem, else undefined);
   * an empty answer is `fallback` when there is one. Throws `ended` once the input ends.
   */
  ask(
    question: string,
    check: (answer: string) => string | undefined,
    fallback?: string,
  ): Promise<string>;
  close(): void;
}

export function prompter(
  input: Readable,
  output: Writable,
  ended: (question: string) => string,
): Prompter {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question, check, fallback) {
      for (;;) {
        await write(output, `${question}${fallback ? ` [${fallback}]` : ''}: `);
        const line = await lines.next();
        if (line.done) throw new Error(ended(question));
        const answer = line.value.trim() || fallback || '';
        const problem = check(answer);
        if (problem === undefined) return answer;
        await write(output, `  ${problem}\n`);
      }
    },
    close: () => rl.close(),
  };
}
