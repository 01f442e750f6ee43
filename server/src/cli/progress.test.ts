import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

function stream(isTTY: boolean) {
  let text = '';
  const s = new PassThrough() as unknown as NodeJS.WriteStream;
  Object.assign(s, {
    isTTY,
    columns: 80,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  (s as unknown as PassThrough).on('data', (c: Buffer) => (text += c.toString()));
  return { s, text: () => text };
}

describe('startProgress', () => {
  it('writes JSON lines with --json: the first step and the last, with the total', () => {
    const out = stream(false);
    const p = startProgress({ label: 'checking', total: 3, json: true, stream: out.s });
    p.update(1);
    p.update(2);
    p.finish();
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({ type: 'progress', label: 'checking', done: 1, total: 3 });
    expect(lines.at(-1)).toEqual({ type: 'progress', label: 'checking', done: 2, total: 3 });
  });

  it('stays silent on a stream that is not a terminal, without --json', () => {
    const out = stream(false);
    const p = startProgress({ label: 'recording', total: 10, json: false, stream: out.s });
    p.update(5);
    p.finish();
    expect(out.text()).toBe('');
  });

  it('draws a bar on a terminal', () => {
    const out = stream(true);
    const p = startProgress({ label: 'recording', total: 10, json: false, stream: out.s });
    p.update(10);
    p.finish();
    expect(out.text()).toContain('recording');
    expect(out.text()).toContain('10/10');
  });
});
