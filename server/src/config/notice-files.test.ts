import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeHash, problemMessage } from '@izinli/core';
import type { Notice } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  readConfigFile,
  readConfigInput,
  readServerConfig,
  recordNoticeVersions,
} from './config-file.js';
import { noticeLedgerFile, readNoticeLedger } from './notice-ledger.js';
import { fileNoticeConfig } from './notice-files.test-support.js';

const ENV = { IYS_PASSWORD: 'x' };
const AYDINLATMA = 'Örnek Kitabevi A.Ş. olarak kişisel verilerinizi KVKK uyarınca işleriz.';

/** A folder with a config whose aydınlatma notice is `notices/aydinlatma.md` holding `text`. */
function folder(text: string | Buffer = AYDINLATMA, entry: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-notices-'));
  const config = join(dir, 'izinli.config.json');
  const file = join(dir, 'notices', 'aydinlatma.md');
  writeFileSync(
    config,
    JSON.stringify(fileNoticeConfig(dir, { 'notices/aydinlatma.md': text }, entry)),
  );
  return { dir, config, file, ledger: join(dir, 'izinli.notices.json') };
}

const aydinlatmaOf = (notices: readonly Notice[]) =>
  notices.filter((n) => n.id === 'kvkk-aydinlatma').sort((a, b) => a.version - b.version);

async function load(config: string) {
  const result = await readServerConfig(config, ENV);
  if (!result.ok) throw new Error(result.error.map((p) => problemMessage(p, 'en')).join('\n'));
  return result.value.sites.get(EXAMPLE_SITE_KEY)!.site;
}

describe('notices named by file (textFile)', () => {
  it('reads, hashes and records the text as version 1, in the ledger beside the config', async () => {
    const { config, ledger } = folder();
    const site = await load(config);
    expect(aydinlatmaOf(site.notices)).toEqual([
      {
        id: 'kvkk-aydinlatma',
        locale: 'tr',
        kind: 'aydinlatma',
        title: 'Aydınlatma Metni',
        version: 1,
        text: AYDINLATMA,
        sha256: await noticeHash(AYDINLATMA),
      },
    ]);
    expect(noticeLedgerFile(config)).toBe(ledger);
    const recorded = await readNoticeLedger(ledger);
    expect(recorded.ok && recorded.value.sites[EXAMPLE_SITE_KEY]).toMatchObject({
      'kvkk-aydinlatma': { tr: [{ version: 1, text: AYDINLATMA }] },
    });
  });

  it('makes a changed text version 2 and keeps serving version 1 with its own text and hash', async () => {
    const { config, file, ledger } = folder();
    await load(config);
    const changed = `${AYDINLATMA}\n\nSaklama süresi: 3 yıl.`;
    writeFileSync(file, changed);
    const [v1, v2] = aydinlatmaOf((await load(config)).notices);
    expect(v1).toMatchObject({
      version: 1,
      text: AYDINLATMA,
      sha256: await noticeHash(AYDINLATMA),
    });
    expect(v2).toMatchObject({ version: 2, text: changed, sha256: await noticeHash(changed) });
    // A restart reads the ledger: still two versions, not a third.
    const before = readFileSync(ledger, 'utf8');
    expect(aydinlatmaOf((await load(config)).notices).map((n) => n.version)).toEqual([1, 2]);
    expect(readFileSync(ledger, 'utf8')).toBe(before);
  });

  it('takes a text back to an earlier wording as a new version, never reusing a number', async () => {
    const { config, file } = folder();
    await load(config);
    writeFileSync(file, 'İkinci metin.');
    await load(config);
    writeFileSync(file, AYDINLATMA);
    const versions = aydinlatmaOf((await load(config)).notices);
    expect(versions.map((n) => [n.version, n.text])).toEqual([
      [1, AYDINLATMA],
      [2, 'İkinci metin.'],
      [3, AYDINLATMA],
    ]);
  });

  it('reads a BOM, CRLF line ends and a final newline as the same text (no new version)', async () => {
    const { config, file } = folder('Birinci paragraf.\n\nİkinci paragraf.');
    await load(config);
    writeFileSync(file, '\uFEFFBirinci paragraf.\r\n\r\nİkinci paragraf.\r\n\r\n');
    const versions = aydinlatmaOf((await load(config)).notices);
    expect(versions.map((n) => n.version)).toEqual([1]);
    expect(versions[0]!.text).toBe('Birinci paragraf.\n\nİkinci paragraf.');
  });

  it('without record, reports a due version and writes nothing (config check)', async () => {
    const { config, ledger } = folder();
    const result = await readConfigFile(config, ENV, { record: false });
    expect(result.ok && result.value.noticeVersions).toMatchObject([
      { id: 'kvkk-aydinlatma', locale: 'tr', version: 1, file: 'notices/aydinlatma.md' },
    ]);
    expect(existsSync(ledger)).toBe(false);
  });

  it('records nothing when the rest of the config is refused', async () => {
    const { config, ledger } = folder(AYDINLATMA, {});
    const broken = JSON.parse(readFileSync(config, 'utf8')) as {
      tenants: { sites: { allowedOrigins: string[] }[] }[];
    };
    broken.tenants[0]!.sites[0]!.allowedOrigins = ['http://ornek.com.tr'];
    writeFileSync(config, JSON.stringify(broken));
    const result = await readServerConfig(config, ENV);
    expect(!result.ok && result.error.map((p) => p.code)).toEqual(['config.originInvalid']);
    expect(existsSync(ledger)).toBe(false);
  });

  it('names the entry, not an inner field, for every problem with a file', async () => {
    const cases: [string | Buffer, Record<string, unknown>, string][] = [
      [AYDINLATMA, { textFile: 'notices/yok.md' }, 'config.noticeFileUnreadable'],
      ['  \n\n', {}, 'config.noticeFileEmpty'],
      // "Şirket" in Windows-1254: Ş is 0xDE, not valid UTF-8 there.
      [Buffer.from([0xde, 0x69, 0x72, 0x6b, 0x65, 0x74]), {}, 'config.noticeFileNotUtf8'],
      ['x'.repeat(200_001), {}, 'schema.custom'],
    ];
    for (const [text, entry, code] of cases) {
      const { config } = folder(text, entry);
      const result = await readServerConfig(config, ENV);
      expect(!result.ok && result.error.map((p) => [p.code, p.path.join('.')]), code).toEqual([
        [code, 'tenants.0.sites.0.notices.0.textFile'],
      ]);
    }
  });

  it('refuses a text, hash or version written beside textFile, each at its key', async () => {
    const { config } = folder(AYDINLATMA, { version: 4, sha256: 'ab'.repeat(32) });
    const result = await readServerConfig(config, ENV);
    expect(!result.ok && result.error.map((p) => [p.code, p.path.at(-1)])).toEqual([
      ['config.noticeFileConflict', 'sha256'],
      ['config.noticeFileConflict', 'version'],
    ]);
    expect(!result.ok && problemMessage(result.error[0]!, 'tr')).toContain(
      'textFile ile birlikte "sha256" yazılmamalıdır',
    );
  });

  it('refuses a ledger whose recorded text was edited, and does not write over it', async () => {
    const { config, ledger } = folder();
    await load(config);
    const tampered = readFileSync(ledger, 'utf8').replace('KVKK uyarınca', 'KVKK gereğince');
    writeFileSync(ledger, tampered);
    const result = await readServerConfig(config, ENV);
    expect(!result.ok && result.error[0]).toMatchObject({
      code: 'config.noticeLedgerInvalid',
      path: ['sites', EXAMPLE_SITE_KEY, 'kvkk-aydinlatma', 'tr', 0, 'sha256'],
    });
    expect(readFileSync(ledger, 'utf8')).toBe(tampered);
  });

  it('warns about a template blank left in the text, without refusing the config', async () => {
    const { config } = folder('[ŞİRKET UNVANI] olarak [ADRES] adresinde… (örnek [not])');
    const result = await readConfigFile(config, ENV, { record: false });
    expect(result.ok && result.value.warnings.map((w) => w.received)).toEqual([
      '[ŞİRKET UNVANI] [ADRES]',
    ]);
  });

  it('keeps a version another process recorded meanwhile, and refuses to number over one', async () => {
    const { config, file, ledger } = folder();
    const read = await readConfigInput(config);
    const additions = read.ok ? read.value.notices.additions : [];
    // Another server on the same folder records the same text first: nothing is added twice.
    await load(config);
    expect((await recordNoticeVersions(ledger, additions)).ok).toBe(true);
    expect(aydinlatmaOf((await load(config)).notices).map((n) => n.version)).toEqual([1]);
    // It records another text as version 2 before this one writes its own version 2.
    writeFileSync(file, 'Bu sürecin metni.');
    const mine = await readConfigInput(config);
    writeFileSync(file, 'Öteki sürecin metni.');
    await load(config);
    const moved = await recordNoticeVersions(ledger, mine.ok ? mine.value.notices.additions : []);
    expect(!moved.ok && moved.error.map((p) => [p.code, p.path.at(-1)])).toEqual([
      ['config.noticeLedgerMoved', 'textFile'],
    ]);
    expect(aydinlatmaOf((await load(config)).notices).map((n) => n.text)).toEqual([
      AYDINLATMA,
      'Öteki sürecin metni.',
    ]);
  });

  it('lets a purge read the resolved notices without any secret', async () => {
    const { config } = folder();
    const read = await readConfigInput(config);
    expect(read.ok && read.value.notices.additions.length).toBe(1);
  });
});
