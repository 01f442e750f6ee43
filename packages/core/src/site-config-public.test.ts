import { describe, expect, it } from 'vitest';
import { PublicSiteConfig, publicSiteConfig } from './site-config-public.js';
import { exampleSiteConfig } from './site-config.fixture.js';

describe('publicSiteConfig', () => {
  const view = publicSiteConfig(exampleSiteConfig);

  it('is a valid PublicSiteConfig', () => {
    expect(PublicSiteConfig.parse(view)).toEqual(view);
  });

  it('leaves İYS codes, origins, IP policy and retention on the server', () => {
    for (const key of ['brand', 'allowedOrigins', 'ipPolicy', 'retention', 'confirmationEvent']) {
      expect(view).not.toHaveProperty(key);
    }
  });

  it('B8: carries only the current version of each text the form shows, in every locale', () => {
    expect(view.notices.map((n) => `${n.id}/${n.locale}/v${n.version}`)).toEqual([
      'kvkk-aydinlatma/tr/v2',
      'kvkk-aydinlatma/en/v2',
      'etk-onay/tr/v1',
      'etk-onay/en/v1',
      'riza-pazarlama-analizi/tr/v1',
      'riza-pazarlama-analizi/en/v1',
      'riza-yurt-disi-aktarim/tr/v1',
      'riza-yurt-disi-aktarim/en/v1',
    ]);
  });

  it('omits the etk text when the site offers no channel', () => {
    const { etkNoticeId: _etk, ...rest } = exampleSiteConfig;
    const kvkkOnly = publicSiteConfig({ ...rest, channels: [] });
    expect(kvkkOnly).not.toHaveProperty('etkNoticeId');
    expect(kvkkOnly.notices.some((n) => n.kind === 'etk')).toBe(false);
  });
});
