import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  it('reads verify receipt with its file and JWKS', () => {
    expect(
      parseCliArgs(['verify', 'receipt', 'r.jws', '--jwks', 'https://x/.well-known/jwks.json']),
    ).toEqual({
      ok: true,
      value: {
        name: 'verify-receipt',
        input: 'r.jws',
        jwks: 'https://x/.well-known/jwks.json',
        json: false,
      },
    });
    expect(
      parseCliArgs(['verify', 'receipt', '-', '--jwks=k.json', '--json', '--lang', 'tr']),
    ).toEqual({
      ok: true,
      value: { name: 'verify-receipt', input: '-', jwks: 'k.json', json: true, lang: 'tr' },
    });
  });

  it('reads verify log, whose --jwks is optional', () => {
    expect(parseCliArgs(['verify', 'log', 'log.jsonl'])).toEqual({
      ok: true,
      value: { name: 'verify-log', input: 'log.jsonl', json: false },
    });
  });

  it('reads keys rotate and export with their options', () => {
    expect(parseCliArgs(['keys', 'rotate', '--data-dir', '/srv/izinli'])).toEqual({
      ok: true,
      value: { name: 'keys-rotate', dataDir: '/srv/izinli' },
    });
    expect(
      parseCliArgs([
        'export',
        '--site',
        'a',
        '--site',
        'b',
        '--out',
        'x.jsonl',
        '--database-url',
        'postgres://h/db',
      ]),
    ).toEqual({
      ok: true,
      value: { name: 'export', sites: ['a', 'b'], out: 'x.jsonl', databaseUrl: 'postgres://h/db' },
    });
    expect(parseCliArgs(['export'])).toEqual({ ok: true, value: { name: 'export', sites: [] } });
  });

  it('asks for help with no arguments, help, -h or --help anywhere', () => {
    for (const argv of [[], ['help'], ['-h'], ['verify', 'log', 'x', '--help']]) {
      expect(parseCliArgs(argv), argv.join(' ')).toEqual({ ok: true, value: { name: 'help' } });
    }
  });

  it('explains every usage error in a sentence', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command: frobnicate/],
      [['verify', 'checkpoint', 'x'], /unknown command: verify checkpoint/],
      [['verify', 'receipt', 'r.jws'], /needs --jwks/],
      [['verify', 'receipt', '--jwks', 'k.json'], /needs a file, or - for stdin/],
      [['verify', 'log', 'a', 'b'], /unexpected argument: b/],
      [['verify', 'log', 'a', '--out', 'x'], /--out is not an option of verify log/],
      [['keys', 'rotate', '--site', 'x'], /--site is not an option of keys rotate/],
      [['export', 'extra'], /unexpected argument: extra/],
      [['verify', 'log', 'a', '--lang', 'de'], /--lang takes tr or en, not de/],
      [['verify', 'log', 'a', '--nope'], /Unknown option '--nope'/],
      [['verify', 'log', 'a', '--jwks'], /--jwks/],
    ];
    for (const [argv, message] of cases) {
      const result = parseCliArgs(argv);
      expect(result.ok, argv.join(' ')).toBe(false);
      if (!result.ok) expect(result.error, argv.join(' ')).toMatch(message);
    }
  });
});
