import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { readNoticeLedger } from '../config/notice-ledger.js';
import { fileNoticeConfig } from '../config/notice-files.test-support.js';
import { tempDirsPerTest } from '../temp-dirs.test-support.js';
import { izinliInProcess } from './cli-run.test-support.js';
import { EXIT } from './run.js';

const SITE = 'ornek-kitabevi-demo-0001';
const freshDir = tempDirsPerTest('izinli-notice-');

/** A folder with the example config whose aydınlatma notice is notices/aydinlatma.md. */
function folder() {
  const dir = freshDir();
  const config = join(dir, 'izinli.config.json');
  writeFileSync(
    config,
    JSON.stringify(fileNoticeConfig(dir, { 'notices/aydinlatma.md': 'Birinci metin.' })),
  );
  return { dir, config, ledger: join(dir, 'izinli.notices.json') };
}

/** `izinli notice add <file> --id … --kind … [--locale …] --config <config>`. */
function noticeAdd(
  file: string,
  config: string,
  notice: { id: string; kind: string; locale?: string },
) {
  const locale = notice.locale === undefined ? [] : ['--locale', notice.locale];
  return izinliInProcess([
    'notice',
    'add',
    file,
    '--id',
    notice.id,
    '--kind',
    notice.kind,
    ...locale,
    '--config',
    config,
  ]);
}

async function versionsOf(ledgerFile: string, id: string, locale = 'tr') {
  const ledger = await readNoticeLedger(ledgerFile);
  if (!ledger.ok) throw new Error('ledger unreadable');
  return (ledger.value.sites[SITE]?.[id]?.[locale] ?? []).map((v) => [v.version, v.text]);
}

describe('izinli notice add', () => {
  it('adds a file-named notice relative to the config and records its first version', async () => {
    const { dir, config, ledger } = folder();
    writeFileSync(join(dir, 'aydinlatma-en.txt'), 'We process your data under KVKK.\n');
    const run = await noticeAdd(join(dir, 'aydinlatma-en.txt'), config, {
      id: 'kvkk-aydinlatma',
      kind: 'aydinlatma',
      locale: 'en',
    });
    expect(run).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(run.stdout).toContain(
      `added notice "kvkk-aydinlatma" (en, aydinlatma) to ${config}, its text from aydinlatma-en.txt`,
    );
    expect(run.stdout).toMatch(
      /recorded version 1 of "kvkk-aydinlatma" \(en\) .*sha256 [0-9a-f]{64}/,
    );
    const notices = (
      JSON.parse(readFileSync(config, 'utf8')) as {
        tenants: { sites: { notices: Record<string, unknown>[] }[] }[];
      }
    ).tenants[0]!.sites[0]!.notices;
    expect(notices.at(-1)).toEqual({
      id: 'kvkk-aydinlatma',
      locale: 'en',
      kind: 'aydinlatma',
      title: 'Personal Data Protection Information Notice',
      textFile: 'aydinlatma-en.txt',
    });
    expect(await versionsOf(ledger, 'kvkk-aydinlatma', 'en')).toEqual([
      [1, 'We process your data under KVKK.'],
    ]);
  });

  it('says how an açık rıza text gets asked, and refuses a notice that is there already', async () => {
    const { dir, config } = folder();
    writeFileSync(join(dir, 'riza.md'), 'Açık rıza veriyorum.');
    const add = (id: string) => noticeAdd(join(dir, 'riza.md'), config, { id, kind: 'riza' });
    const added = await add('riza-profil');
    expect(added.code).toBe(EXIT.ok);
    expect(added.stdout).toContain(
      'give a purpose "noticeId": "riza-profil" to ask for this consent',
    );
    const again = await add('riza-profil');
    expect(again.code).toBe(EXIT.usage);
    expect(again.stderr).toContain(
      'notice "riza-profil" (tr) is already in ' +
        config +
        ': edit its text and run izinli notice bump riza-profil',
    );
  });

  it('writes nothing when the notice would break the config, and names the problem', async () => {
    const { dir, config, ledger } = folder();
    const before = readFileSync(config, 'utf8');
    writeFileSync(join(dir, 'etk-en.md'), 'I agree.');
    // kvkk-aydinlatma is the aydınlatma notice; an etk entry with its id would mix kinds.
    const run = await noticeAdd(join(dir, 'etk-en.md'), config, {
      id: 'kvkk-aydinlatma',
      kind: 'etk',
      locale: 'en',
    });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('izinli: nothing written:');
    expect(run.stderr).toMatch(/tenants\[0\]\.sites\[0\]\.notices\[\d+\]\.kind/);
    expect(run.stderr).toContain(
      'expected: "aydinlatma", like the other "kvkk-aydinlatma" entries',
    );
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect(await versionsOf(ledger, 'kvkk-aydinlatma', 'en')).toEqual([]);
  });

  it('refuses a text file that is not there', async () => {
    const { dir, config } = folder();
    const run = await noticeAdd(join(dir, 'yok.md'), config, { id: 'yeni', kind: 'etk' });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toBe(`izinli: cannot read ${join(dir, 'yok.md')} (ENOENT)\n`);
  });
});

describe('izinli notice bump', () => {
  it('records a changed file as the next version, and says so when nothing changed', async () => {
    const { dir, config, ledger } = folder();
    const bump = () =>
      izinliInProcess(['notice', 'bump', 'kvkk-aydinlatma'], { env: { IZINLI_CONFIG: config } });
    const first = await bump();
    expect(first.stdout).toContain('recorded version 1 of "kvkk-aydinlatma" (tr)');
    expect((await bump()).stdout).toBe(
      'unchanged: "kvkk-aydinlatma" (tr) is version 1, the text of notices/aydinlatma.md\n',
    );
    writeFileSync(join(dir, 'notices', 'aydinlatma.md'), 'İkinci metin.');
    const second = await bump();
    expect(second.code).toBe(EXIT.ok);
    expect(second.stdout).toContain(
      'recorded version 2 of "kvkk-aydinlatma" (tr) from notices/aydinlatma.md',
    );
    expect(second.stdout).toContain('A running server serves it after SIGHUP');
    expect(await versionsOf(ledger, 'kvkk-aydinlatma')).toEqual([
      [1, 'Birinci metin.'],
      [2, 'İkinci metin.'],
    ]);
  });

  it('explains that an inline notice is not versioned by izinli, and an unknown id', async () => {
    const { config } = folder();
    const inline = await izinliInProcess(['notice', 'bump', 'etk-onay', '--config', config]);
    expect(inline.code).toBe(EXIT.usage);
    expect(inline.stderr).toContain('is written inline (text, sha256, version)');
    const unknown = await izinliInProcess(['notice', 'bump', 'yok', '--config', config]);
    expect(unknown.stderr).toBe(`izinli: ${config} has no notice "yok"\n`);
  });
});

describe('izinli config check', () => {
  it('names every problem with where, expected and received, and exits 1', async () => {
    const { dir } = folder();
    const broken = structuredClone(exampleServerConfig);
    broken.tenants[0]!.id = 'Kötü Kimlik';
    const site = broken.tenants[0]!.sites[0]!;
    site.allowedOrigins = ['http://ornek.com.tr'];
    site.notices[1] = { ...site.notices[1]!, text: `${site.notices[1]!.text} (değişti)` };
    const file = join(dir, 'bozuk.json');
    writeFileSync(file, JSON.stringify(broken));
    const run = await izinliInProcess(['config', 'check', '--config', file]);
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      `izinli: ${file} has 4 problem(s):`,
      expect.stringMatching(/^ {2}- tenants\[0\]\.id: /) as string,
      '      expected: lower-case ASCII letters, digits and single hyphens, e.g. kvkk-aydinlatma',
      '      received: "Kötü Kimlik"',
    ]);
    expect(run.stdout).toContain('tenants[0].sites[0].allowedOrigins[0]');
    expect(run.stdout).toContain('iysAccounts[0].password: the environment variable IYS_PASSWORD');
    expect(run.stdout).toContain('tenants[0].sites[0].notices[1].sha256: the stored sha256');
  });

  it('passes a valid config, reports a changed notice file without recording it, and --json', async () => {
    const { config, ledger } = folder();
    const env = { IYS_PASSWORD: 'x' };
    const run = await izinliInProcess(['config', 'check', '--config', config], { env });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain(`izinli: ${config} is valid: 1 site(s), 3 allowed origin(s)`);
    expect(run.stdout).toContain(
      '"kvkk-aydinlatma" (tr) changed in notices/aydinlatma.md: the server records it as version 1',
    );
    expect(await versionsOf(ledger, 'kvkk-aydinlatma')).toEqual([]);
    const json = await izinliInProcess(['config', 'check', '--config', config, '--json'], {
      env: {},
    });
    expect(json.code).toBe(EXIT.failed);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      problems: { code: string; where: string; message: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'config.envMissing',
        where: 'iysAccounts[0].password',
        message: expect.stringContaining('IYS_PASSWORD') as string,
      }),
    ]);
  });
});
