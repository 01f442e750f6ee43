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
      value: {
        name: 'export',
        sites: ['a', 'b'],
        out: 'x.jsonl',
        json: false,
        databaseUrl: 'postgres://h/db',
      },
    });
    expect(parseCliArgs(['export', '--json'])).toEqual({
      ok: true,
      value: { name: 'export', sites: [], json: true },
    });
  });

  it('reads init with every flag, origins repeated', () => {
    expect(
      parseCliArgs([
        'init',
        '--dir',
        'site',
        '--yes',
        '--json',
        '--site-key',
        'k',
        '--origin',
        'https://a.com.tr',
        '--origin',
        'https://b.com.tr',
        '--iys-code',
        '123456',
        '--brand-code',
        '654321',
        '--iys-username',
        'api',
        '--iys-password-env',
        'IYS_PAROLA',
        '--public-url',
        'https://izin.a.com.tr',
      ]),
    ).toEqual({
      ok: true,
      value: {
        name: 'init',
        dir: 'site',
        yes: true,
        json: true,
        force: false,
        siteKey: 'k',
        origins: ['https://a.com.tr', 'https://b.com.tr'],
        iysCode: '123456',
        brandCode: '654321',
        iysUsername: 'api',
        iysPasswordEnv: 'IYS_PAROLA',
        publicUrl: 'https://izin.a.com.tr',
      },
    });
  });

  it('reads start, config check, migrate, notice add and bump, and --version', () => {
    const cases: [string[], unknown][] = [
      [['start'], { name: 'start' }],
      [['start', '--config', 'c.json'], { name: 'start', config: 'c.json' }],
      [['config', 'check', '--json'], { name: 'config-check', json: true }],
      [
        ['migrate', '--database-url', 'postgres://h/db'],
        { name: 'migrate', databaseUrl: 'postgres://h/db' },
      ],
      [
        ['notice', 'add', 'a.md', '--id', 'x', '--kind', 'riza', '--locale', 'en', '--site', 's'],
        { name: 'notice-add', file: 'a.md', id: 'x', kind: 'acik-riza', locale: 'en', site: 's' },
      ],
      [
        ['notice', 'bump', 'x', '--config', 'c.json'],
        { name: 'notice-bump', id: 'x', config: 'c.json' },
      ],
      [['--version'], { name: 'version' }],
    ];
    for (const [argv, value] of cases) {
      expect(parseCliArgs(argv), argv.join(' ')).toEqual({ ok: true, value });
    }
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
      [['notice'], /notice needs a subcommand: notice add, notice bump/],
      [['notice', 'add', 'a.md', '--id', 'x'], /needs --kind aydinlatma, etk or riza/],
      [['notice', 'add', 'a.md', '--id', 'x', '--kind', 'kvkk'], /or riza, not kvkk/],
      [['notice', 'add', '--kind', 'etk', '--id', 'x'], /needs the text file/],
      [['notice', 'add', 'a.md', '--kind', 'etk'], /needs --id <id>/],
      [['notice', 'bump'], /needs the notice id/],
      [['notice', 'bump', 'x', '--site', 'a', '--site', 'b'], /takes one --site, not 2/],
      [['notice', 'bump', 'x', '--locale', 'de'], /--locale takes tr or en, not de/],
      [['init', '--config', 'x'], /--config is not an option of init/],
      [['start', 'extra'], /unexpected argument: extra/],
      [['migrate', '--config', 'x'], /--config is not an option of migrate/],
      [['--version', 'start'], /--version takes nothing else/],
    ];
    for (const [argv, message] of cases) {
      const result = parseCliArgs(argv);
      expect(result.ok, argv.join(' ')).toBe(false);
      if (!result.ok) expect(result.error, argv.join(' ')).toMatch(message);
    }
  });
});
