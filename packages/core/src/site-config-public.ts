import { z } from 'zod';
import { RecipientType } from './enums.js';
import { Notice, Slug, SupportedLocale } from './notice.js';
import { PhonePolicy } from './phone-kind.js';
import { Purpose } from './site-config-purpose.js';
import { OfferedChannel, SiteKey } from './site-config-shape.js';
import { currentNotice } from './site-config.js';
import { PublicVerification } from './site-config-verification.js';
import type { SiteConfig } from './site-config.js';

/**
 * The part of a site config the widget loads: what to render and which texts, current versions
 * only. İYS codes, origins, IP policy and retention stay on the server; the phone rules go along
 * so the widget can say what number a channel needs before the server refuses it.
 */
export const PublicSiteConfig = z.strictObject({
  siteKey: SiteKey,
  name: z.string(),
  locales: z.array(SupportedLocale).min(1),
  recipientTypes: z.array(RecipientType).min(1),
  channels: z.array(OfferedChannel),
  purposes: z.array(Purpose),
  aydinlatmaNoticeId: Slug,
  etkNoticeId: Slug.optional(),
  phones: PhonePolicy,
  verification: PublicVerification.optional().meta({
    description: 'Present when a channel is verified: its method, and a code’s life and sends.',
  }),
  notices: z.array(Notice).meta({
    description: 'The current version of every notice the form shows, in every offered locale.',
  }),
});
export type PublicSiteConfig = z.infer<typeof PublicSiteConfig>;

/** Projects a validated site config to what the widget needs (see `PublicSiteConfig`). */
export function publicSiteConfig(config: SiteConfig): PublicSiteConfig {
  const ids = [
    config.aydinlatmaNoticeId,
    config.etkNoticeId,
    ...config.purposes.map((p) => p.noticeId),
  ];
  const shown = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const notices = shown.flatMap((id) =>
    config.locales.flatMap((locale) => currentNotice(config, id, locale) ?? []),
  );
  return {
    siteKey: config.siteKey,
    name: config.name,
    locales: config.locales,
    recipientTypes: config.recipientTypes,
    channels: config.channels,
    purposes: config.purposes,
    aydinlatmaNoticeId: config.aydinlatmaNoticeId,
    ...(config.etkNoticeId !== undefined ? { etkNoticeId: config.etkNoticeId } : {}),
    phones: config.phones,
    ...(Object.values(config.verification.channels).some((m) => m !== 'none')
      ? {
          verification: {
            channels: config.verification.channels,
            codeMinutes: config.verification.codeMinutes,
            maxSends: config.verification.maxSends,
          },
        }
      : {}),
    notices,
  };
}
