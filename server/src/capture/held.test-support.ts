// The example config with a verification policy, and drafts of its site, for the tests of held
// channels and confirmations (docs/verification.md).
import type { CaptureInput, Channel, HeldMethod, SiteConfig } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ORIGIN, validCapture } from '../http/app-harness.test-support.js';
import { prepareCapture } from './prepare-capture.js';
import type { CaptureDraft } from './prepare-capture.js';

export const HELD_PHONE = '+905321234567';
export const HELD_EMAIL = 'ayse@ornek.com.tr';

/** The example config whose site verifies `channels` as given (other site fields as they are). */
export async function heldConfig(
  channels: Partial<Record<Channel, HeldMethod>>,
  site: Partial<SiteConfig> = {},
): Promise<LoadedConfig> {
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const config = loaded.value;
  const found = config.sites.get(EXAMPLE_SITE_KEY)!;
  const verified: SiteConfig = {
    ...found.site,
    verification: { ...found.site.verification, channels },
    ...site,
  };
  const sites = new Map(config.sites);
  sites.set(EXAMPLE_SITE_KEY, { ...found, site: verified });
  return { ...config, sites };
}

/** A prepared draft of the harness's valid capture (MESAJ and EPOSTA ticked) with `overrides`. */
export function heldDraft(
  config: LoadedConfig,
  receivedAt: Date,
  overrides: Partial<CaptureInput> = {},
): CaptureDraft {
  const facts = { receivedAt, origin: ORIGIN, ip: '203.0.113.7', userAgent: 'test' };
  const prepared = prepareCapture(validCapture(overrides), facts, config);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.refusal));
  return prepared.draft;
}
