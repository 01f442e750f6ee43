// GET /v1/sites/{siteKey}/widget: what the widget renders, in the requested language.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { SupportedLocale, excerpt, publicSiteConfig } from '@izinli/core';
import type { Localized, PublicSiteConfig, SiteConfig } from '@izinli/core';
import { ApiError } from '../api-error.js';
import type { AppDeps } from '../app-deps.js';

/** The 400 of a `locale` the site does not list. */
const LOCALE_NOT_OFFERED: Localized = {
  en: 'The site does not offer this language.',
  tr: 'Site bu dili sunmuyor.',
};

/** The widget's view of a site in one language: only that language's current texts. */
export function widgetView(
  site: SiteConfig,
  locale: SupportedLocale,
): PublicSiteConfig & { locale: SupportedLocale } {
  const view = publicSiteConfig(site);
  return { ...view, locale, notices: view.notices.filter((n) => n.locale === locale) };
}

/** The widget config routes, with strong ETags so browsers and CDNs revalidate cheaply. */
export function widgetRoutes(deps: AppDeps) {
  const cache = new Map<string, { body: string; etag: string }>();
  return new Hono().get('/:siteKey/widget', (c) => {
    const siteKey = c.req.param('siteKey');
    const found = deps.config.sites.get(siteKey);
    if (!found) {
      const text = {
        en: `No site has the key ${excerpt(siteKey, 60)}.`,
        tr: `${excerpt(siteKey, 60)} anahtarlı bir site yok.`,
      };
      throw new ApiError(404, 'site.unknown', text, {
        path: ['siteKey'],
        expected: {
          en: 'the site key of a configured site',
          tr: 'yapılandırılmış bir sitenin site anahtarı',
        },
        received: excerpt(siteKey, 60),
      });
    }
    const { site } = found;
    // Browsers send Origin on a cross-origin fetch (never on a same-origin GET): a page on an
    // origin the site does not allow gets a refusal it can read and report.
    const origin = c.req.header('origin');
    if (origin !== undefined && !site.allowedOrigins.includes(origin)) {
      deps.originRefusals?.record(siteKey, origin, 'widget config');
      throw new ApiError(
        403,
        'origin.forbidden',
        {
          en: `This page's origin may not use the widget of site ${siteKey}: add it to the site's allowedOrigins.`,
          tr: `Bu sayfanın kaynağı (origin) ${siteKey} sitesinin bileşenini kullanamaz: kaynağı sitenin allowedOrigins ayarına ekleyin.`,
        },
        {
          path: ['Origin'],
          expected: {
            en: `one of the site's allowedOrigins: ${site.allowedOrigins.join(', ')}`,
            tr: `sitenin allowedOrigins ayarındaki kaynaklardan biri: ${site.allowedOrigins.join(', ')}`,
          },
          received: excerpt(origin, 80),
        },
      );
    }
    const asked = c.req.query('locale') ?? site.locales[0]!;
    const locale = SupportedLocale.safeParse(asked);
    if (!locale.success || !site.locales.includes(locale.data)) {
      throw new ApiError(400, 'locale.notOffered', LOCALE_NOT_OFFERED, {
        path: ['locale'],
        expected: {
          en: `one of ${site.locales.join(', ')}`,
          tr: `şunlardan biri: ${site.locales.join(', ')}`,
        },
        received: excerpt(asked),
      });
    }
    const cacheKey = `${siteKey}/${locale.data}`;
    let entry = cache.get(cacheKey);
    if (!entry) {
      const body = JSON.stringify(widgetView(site, locale.data));
      entry = {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
      cache.set(cacheKey, entry);
    }
    c.header('ETag', entry.etag);
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    c.header('Vary', 'Origin');
    const match = c.req.header('if-none-match');
    if (match && match.split(',').some((tag) => tag.trim() === entry.etag))
      return c.body(null, 304);
    return c.body(entry.body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
