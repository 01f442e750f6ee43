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

  it('refuses a webhook secret that is not whsec_ base64, without printing it', async () => {
    const [tenant] = exampleServerConfig.tenants;
    const config = {
      ...exampleServerConfig,
      tenants: [
        {
          ...tenant!,
          webhooks: [{ id: 'crm', url: 'https://crm.example/h', secret: { env: 'WEBHOOK_CRM' } }],
        },
      ],
    };
    const bad = await checkServerConfig(config, {
      IYS_PASSWORD: 'x',
      WEBHOOK_CRM: 'gizli*anahtar!',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toMatchObject([
      { code: 'config.webhookSecretInvalid', path: ['tenants', 0, 'webhooks', 0, 'secret'] },
    ]);
    expect(JSON.stringify(bad.error) + problemMessage(bad.error[0]!, 'en')).not.toContain('gizli');
    const good = await checkServerConfig(config, {
      IYS_PASSWORD: 'x',
      WEBHOOK_CRM: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    expect(good.ok && good.value.webhookSecrets.get('ornek-kitabevi/crm')).toBe(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
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
