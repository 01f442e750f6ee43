import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemMessage } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig, readServerConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'izinli-config-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readServerConfig', () => {
  it('loads the example config with the İYS password from the environment', async () => {
    const result = await readServerConfig(write('ok.json', JSON.stringify(exampleServerConfig)), {
      IYS_PASSWORD: 'gizli',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sites.get(EXAMPLE_SITE_KEY)?.tenant.id).toBe('ornek-kitabevi');
    expect(result.value.iysAccounts.get(100000)).toEqual({
      iysCode: 100000,
      username: 'demo',
      password: 'gizli',
    });
  });

  it('refuses a missing secret, naming the variable and the path', async () => {
    const result = await checkServerConfig(exampleServerConfig, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]!.path).toEqual(['iysAccounts', 0, 'password']);
    expect(problemMessage(result.error[0]!, 'en')).toContain('IYS_PASSWORD');
  });

  it('B8: refuses a notice whose text no longer matches its hash', async () => {
    const config = structuredClone(exampleServerConfig);
    const notices = config.tenants[0]!.sites[0]!.notices;
    notices[0] = { ...notices[0]!, text: `${notices[0]!.text} (edited)` };
    const result = await checkServerConfig(config, { IYS_PASSWORD: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]!.path).toEqual(['tenants', 0, 'sites', 0, 'notices', 0, 'sha256']);
  });

  it('explains a file that is missing or not JSON', async () => {
    const missing = await readServerConfig(join(dir, 'yok.json'), {});
    expect(!missing.ok && missing.error[0]!.received).toBe('ENOENT');
    const broken = await readServerConfig(write('broken.json', '{ "tenants": [ }'), {});
    expect(!broken.ok && broken.error[0]!.code).toBe('config.notJson');
  });
});
