import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemMessage } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { configWithWebhook } from '../webhooks/webhook-config.test-support.js';
import { readServerConfig } from './config-file.js';
import { checkServerConfig } from './load-config.js';

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

  describe('webhook targets over plain http (events carry personal data)', () => {
    const withTarget = (url: string, allowPrivateNetwork?: boolean) =>
      configWithWebhook(url, allowPrivateNetwork, 'WEBHOOK_CRM');
    const env = { IYS_PASSWORD: 'x', WEBHOOK_CRM: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

    it('refuses http:// to a public host, with expected and received (no path)', async () => {
      const result = await checkServerConfig(withTarget('http://crm.example/h/token-123'), env);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toEqual([
        {
          code: 'config.webhookHttpsRequired',
          path: ['tenants', 0, 'webhooks', 0, 'url'],
          expected: {
            en: expect.stringContaining('https://') as string,
            tr: expect.stringContaining('https://') as string,
          },
          received: 'http://crm.example',
          params: { origin: 'http://crm.example' },
        },
      ]);
      const [problem] = result.error;
      expect(problemMessage(problem!, 'en')).toBe(
        'tenants[0].webhooks[0].url: expected an https:// URL (plain http:// only to this machine — 127.0.0.0/8, ::1, localhost — or to a target on your own network with "allowPrivateNetwork": true), as the events\' personal data is not sent in clear text; received http://crm.example',
      );
      expect(problemMessage(problem!, 'tr')).toMatch(
        /^tenants\[0\]\.webhooks\[0\]\.url: https:\/\/ ile başlayan.*gelen http:\/\/crm\.example$/,
      );
      expect(JSON.stringify(result.error)).not.toContain('token-123');
    });

    it('refuses http:// to a public host even with allowPrivateNetwork: false', async () => {
      const result = await checkServerConfig(withTarget('http://crm.example/h', false), env);
      expect(!result.ok && result.error.map((p) => p.code)).toEqual([
        'config.webhookHttpsRequired',
      ]);
    });

    it('accepts https://, and http:// on a target that sets allowPrivateNetwork: true', async () => {
      expect((await checkServerConfig(withTarget('https://crm.example/h'), env)).ok).toBe(true);
      for (const url of ['http://127.0.0.1:9000/h', 'http://10.1.2.3/h', 'http://crm.lan/h']) {
        expect((await checkServerConfig(withTarget(url, true), env)).ok, url).toBe(true);
      }
    });

    it('reports a private http:// target without the opt-in once, naming the opt-in', async () => {
      const result = await checkServerConfig(withTarget('http://10.1.2.3/h'), env);
      expect(!result.ok && result.error.map((p) => p.code)).toEqual([
        'config.webhookPrivateTarget',
      ]);
    });
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

  it('names every problem of a broken config at once: structure, missing secrets and B8', async () => {
    const config = structuredClone(exampleServerConfig);
    const site = config.tenants[0]!.sites[0]!;
    site.allowedOrigins = ['http://ornek.com.tr'];
    site.notices[0] = { ...site.notices[0]!, text: `${site.notices[0]!.text} (edited)` };
    const result = await checkServerConfig(config, {});
    expect(!result.ok && result.error.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['config.originInvalid', 'tenants.0.sites.0.allowedOrigins.0'],
      ['config.envMissing', 'iysAccounts.0.password'],
      ['notice.hashMismatch', 'tenants.0.sites.0.notices.0.sha256'],
    ]);
  });

  it('explains a file that is missing or not JSON', async () => {
    const missing = await readServerConfig(join(dir, 'yok.json'), {});
    expect(!missing.ok && missing.error[0]!.received).toBe('ENOENT');
    const broken = await readServerConfig(write('broken.json', '{ "tenants": [ }'), {});
    expect(!broken.ok && broken.error[0]!.code).toBe('config.notJson');
  });
});
