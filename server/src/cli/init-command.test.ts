import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../config/config-file.js';
import { readNoticeLedger } from '../config/notice-ledger.js';
import { readKeyIndex } from '../proof/key-files.js';
import { tempDirsPerTest } from '../temp-dirs.test-support.js';
import { izinliInProcess } from './cli-run.test-support.js';
import { EXIT } from './run.js';
import { schemaReference } from './init-config.js';
import { findWidgetBundle, widgetSnippet } from '../widget/bundle.js';

// The snippet is pinned to the installed widget's bundle: build it where this suite runs before
// the widget's own (npm test runs the server's tests first on a fresh clone).
beforeAll(() => {
  const widget = dirname(createRequire(import.meta.url).resolve('@izinli/widget/package.json'));
  if (!existsSync(join(widget, 'dist', 'izinli.js'))) {
    execFileSync('npm', ['run', 'build', '--workspace', 'widget'], {
      cwd: join(widget, '..'),
      stdio: 'ignore',
    });
  }
}, 120_000);

const tempDir = tempDirsPerTest('izinli-init-');

const FLAGS = [
  '--site-key',
  'ornek-site-anahtari-0001',
  '--origin',
  'https://www.ornek.com.tr',
  '--origin',
  'http://localhost:3000',
  '--iys-code',
  '123456',
  '--brand-code',
  '654321',
];

interface InitJson {
  configPath: string;
  siteKey: string;
  adminToken: string;
  snippet: string;
}

interface WrittenConfig {
  $schema: string;
  tenants: {
    adminTokens: { sha256: string }[];
    sites: { siteKey: string; allowedOrigins: string[]; brand: unknown; notices: unknown[] }[];
  }[];
  iysAccounts: unknown[];
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('izinli init', () => {
  it('--yes --json writes a config the server loads and prints one JSON object', async () => {
    const dir = tempDir();
    const run = await izinliInProcess(['init', '--dir', dir, '--yes', '--json', ...FLAGS]);
    expect(run.code).toBe(EXIT.ok);
    const result = JSON.parse(run.stdout) as InitJson;
    expect(Object.keys(result)).toEqual(['configPath', 'siteKey', 'adminToken', 'snippet']);
    expect(result.configPath).toBe(join(dir, 'izinli.config.json'));
    expect(result.siteKey).toBe('ornek-site-anahtari-0001');

    const config = readJson<WrittenConfig>(result.configPath);
    const [tenant] = config.tenants;
    // Only the token's SHA-256 is stored.
    expect(readFileSync(result.configPath, 'utf8')).not.toContain(result.adminToken);
    expect(tenant!.adminTokens[0]!.sha256).toBe(
      createHash('sha256').update(result.adminToken).digest('hex'),
    );
    expect(tenant!.sites[0]).toMatchObject({
      siteKey: 'ornek-site-anahtari-0001',
      allowedOrigins: ['https://www.ornek.com.tr', 'http://localhost:3000'],
      brand: { iysCode: 123456, brandCode: 654321 },
    });
    expect(config.iysAccounts).toEqual([
      { iysCode: 123456, username: { env: 'IYS_USERNAME' }, password: { env: 'IYS_PASSWORD' } },
    ]);
    expect(readFileSync(join(dir, config.$schema), 'utf8')).toContain('izinli server config');

    for (const file of ['aydinlatma.md', 'etk-onay.md', 'riza-pazarlama-analizi.md']) {
      expect(readFileSync(join(dir, 'notices', file), 'utf8')).toContain('[ŞİRKET UNVANI]');
    }
    expect((await readKeyIndex(join(dir, 'data')))?.current.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, 'data', '.gitignore'), 'utf8')).toBe('*\n');
    const ledger = await readNoticeLedger(join(dir, 'izinli.notices.json'));
    expect(ledger.ok && Object.keys(ledger.value.sites['ornek-site-anahtari-0001']!)).toEqual([
      'kvkk-aydinlatma',
      'etk-onay',
      'riza-pazarlama-analizi',
    ]);

    const loaded = await readConfigFile(
      result.configPath,
      { IYS_USERNAME: 'u', IYS_PASSWORD: 'p' },
      {
        record: false,
      },
    );
    expect(loaded.ok && loaded.value.noticeVersions).toEqual([]);
    expect(loaded.ok && loaded.value.warnings.length).toBe(3);
  });

  it('points $schema at the @izinli/server installed in the project when there is one', () => {
    const dir = tempDir();
    expect(readFileSync(join(dir, schemaReference(dir)), 'utf8')).toContain('izinli server config');
    const installed = join(dir, 'node_modules', '@izinli', 'server');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'izinli.config.schema.json'), '{}');
    expect(schemaReference(dir)).toBe('./node_modules/@izinli/server/izinli.config.schema.json');
  });

  it('pins the snippet’s script to the installed widget bundle by its sha384', async () => {
    const dir = tempDir();
    const run = await izinliInProcess(['init', '--dir', dir, '--yes', '--json', ...FLAGS]);
    const { snippet } = JSON.parse(run.stdout) as InitJson;
    const bundle = createRequire(import.meta.url).resolve('@izinli/widget');
    const sri = createHash('sha384').update(readFileSync(bundle)).digest('base64');
    const { version } = readJson<{ version: string }>(join(bundle, '..', '..', 'package.json'));
    expect(snippet).toBe(
      `<script type="module" src="http://localhost:8787/widget/${version}/izinli.js" integrity="sha384-${sri}" crossorigin="anonymous"></script>\n` +
        '<izinli-consent name="izinliCaptureId" site="ornek-site-anahtari-0001" endpoint="http://localhost:8787"></izinli-consent>\n',
    );
  });

  it('without the widget installed, prints the snippet without integrity and says why', async () => {
    const bundle = findWidgetBundle(pathToFileURL(join(tempDir(), 'x.js')).href);
    expect(bundle).toEqual({
      ok: false,
      error: '@izinli/widget is not installed beside @izinli/server',
    });
    expect(widgetSnippet({ publicUrl: 'https://izin.ornek.com.tr', siteKey: 'k' })).toBe(
      '<script type="module" src="https://izin.ornek.com.tr/izinli.js"></script>\n' +
        '<izinli-consent name="izinliCaptureId" site="k" endpoint="https://izin.ornek.com.tr"></izinli-consent>\n',
    );
  });

  it('asks for what is missing, in Turkish, and asks again after a wrong answer', async () => {
    const dir = tempDir();
    const answers = [
      '', // a random site key
      'http://www.ornek.com.tr', // refused: http only for localhost
      'https://www.ornek.com.tr, http://localhost:3000',
      '12a', // refused
      '123456',
      '', // brand code = İYS code
      'api-kullanici',
      '', // IYS_PASSWORD
      'https://izin.ornek.com.tr/',
    ];
    const run = await izinliInProcess(['init', '--dir', dir, '--lang', 'tr'], {
      stdin: `${answers.join('\n')}\n`,
    });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('Site anahtarı (sayfadaki etikette görünür');
    expect(run.stdout).toContain(
      'http://www.ornek.com.tr tam bir kaynak (origin) değil: https://alan.adi[:port] biçiminde, yolsuz ve sonda / olmadan yazın (http:// yalnızca localhost için); şunu mu demek istediniz: https://www.ornek.com.tr',
    );
    expect(run.stdout).toContain('pozitif bir tam sayı olmalı, ör. 123456');
    expect(run.stdout).toContain('Yönetici erişim anahtarı (token; yalnızca şimdi gösterilir');
    expect(run.stdout).toContain('endpoint="https://izin.ornek.com.tr"></izinli-consent>');
    const config = readJson<WrittenConfig>(join(dir, 'izinli.config.json'));
    expect(config.tenants[0]!.sites[0]!.siteKey).toMatch(/^izn_[A-Za-z0-9_-]{16}$/);
    expect(config.tenants[0]!.sites[0]!.brand).toEqual({ iysCode: 123456, brandCode: 123456 });
    expect(config.iysAccounts).toEqual([
      { iysCode: 123456, username: 'api-kullanici', password: { env: 'IYS_PASSWORD' } },
    ]);
  });

  it('says which answer was missing when the input ends', async () => {
    const run = await izinliInProcess(['init', '--dir', tempDir(), '--site-key', 'a'.repeat(16)], {
      stdin: 'https://www.ornek.com.tr\n',
    });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toBe(
      'izinli: the input ended before an answer to "Your İYS number (İYS code)"; give the values as options (izinli init --help)\n',
    );
  });

  it('with --yes, names the flags it still needs; a wrong flag is an error even when asking', async () => {
    const dir = tempDir();
    const missing = await izinliInProcess(['init', '--dir', dir, '--yes']);
    expect(missing).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(missing.stderr).toContain('with --yes, also give --origin <url>, --iys-code <n>');
    const wrong = await izinliInProcess([
      'init',
      '--dir',
      dir,
      '--origin',
      'https://ornek.com.tr/',
    ]);
    expect(wrong.code).toBe(EXIT.usage);
    expect(wrong.stderr).toContain('--origin: https://ornek.com.tr/ is not an exact origin');
    expect(wrong.stderr).toContain('did you mean https://ornek.com.tr?');
    expect(existsSync(join(dir, 'izinli.config.json'))).toBe(false);
  });

  it('refuses to replace a config without --force; with it, keeps the texts and the key', async () => {
    const dir = tempDir();
    const first = JSON.parse(
      (await izinliInProcess(['init', '--dir', dir, '--yes', '--json', ...FLAGS])).stdout,
    ) as InitJson;
    const kid = (await readKeyIndex(join(dir, 'data')))!.current.kid;
    const edited = 'Örnek A.Ş. olarak kişisel verilerinizi işleriz.';
    writeFileSync(join(dir, 'notices', 'aydinlatma.md'), edited);

    const refused = await izinliInProcess(['init', '--dir', dir, '--yes', ...FLAGS]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain('already exists: add --force to replace it');

    const forced = await izinliInProcess(['init', '--dir', dir, '--yes', '--force', ...FLAGS]);
    expect(forced.code).toBe(EXIT.ok);
    expect(forced.stdout).toContain('kept notices/aydinlatma.md (it was there)');
    expect(readFileSync(join(dir, 'notices', 'aydinlatma.md'), 'utf8')).toBe(edited);
    expect((await readKeyIndex(join(dir, 'data')))!.current.kid).toBe(kid);
    expect(forced.stdout).not.toContain(first.adminToken);
    // The edited text is the aydınlatma notice's second version; the first stays recorded.
    const ledger = await readNoticeLedger(join(dir, 'izinli.notices.json'));
    const versions = ledger.ok
      ? ledger.value.sites['ornek-site-anahtari-0001']!['kvkk-aydinlatma']!.tr!
      : [];
    expect(versions.map((v) => [v.version, v.text === edited])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
