import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to port 8788 on loopback at real speed', () => {
    const config = parseCliArgs([]);
    expect(config).toMatchObject({ port: 8788, host: '127.0.0.1', help: false });
    expect(config.options.clock).toEqual({ speed: 1 });
  });

  it('reads speed, start, seed, inline policy and faults, and an accounts file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iys-sim-'));
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify([{ username: 'a', password: 'b', iysCode: 5 }]));
    const config = parseCliArgs([
      '--port',
      '0',
      '--speed',
      '60',
      '--start',
      '2025-10-15T07:00:00Z',
      '--seed',
      '7',
      '--accounts',
      file,
      '--policy',
      '{"h467AppliesToRet":false,"emailPattern":"^.+@.+$"}',
      '--faults',
      '{"errorRate":0.1}',
    ]);
    expect(config.port).toBe(0);
    expect(config.options.clock).toEqual({ speed: 60, start: '2025-10-15T07:00:00Z' });
    expect(config.options.accounts).toEqual([{ username: 'a', password: 'b', iysCode: 5 }]);
    expect(config.options.policy?.h467AppliesToRet).toBe(false);
    expect(config.options.policy?.emailPattern).toBeInstanceOf(RegExp);
    expect(config.options.faults).toEqual({ errorRate: 0.1 });
    expect(typeof config.options.random).toBe('function');
  });

  it('refuses bad numbers, bad instants, bad JSON and unknown flags with a clear message', () => {
    expect(() => parseCliArgs(['--speed', 'fast'])).toThrow('--speed');
    expect(() => parseCliArgs(['--start', 'yesterday'])).toThrow('--start');
    expect(() => parseCliArgs(['--faults', '{nope'])).toThrow('--faults: not valid JSON');
    expect(() => parseCliArgs(['--colour'])).toThrow();
  });
});
