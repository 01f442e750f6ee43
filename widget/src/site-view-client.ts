import { problemOf } from './api-problem.js';
import type { IzinliProblem } from './events/izinli-error-event.js';
import type { WidgetLocale } from './i18n/index.js';
import { noticeOf } from './site-view.js';
import type { SiteView } from './site-view.js';

/** Why the site config could not be loaded: the server's error, the network's, or the widget's. */
export interface SiteViewFailure {
  problem: IzinliProblem;
  status?: number;
}

const failure = (problem: IzinliProblem, status?: number): SiteViewFailure => ({ problem, status });

/** The endpoint without a trailing slash, so paths join cleanly. */
export const baseOf = (endpoint: string): string => endpoint.replace(/\/+$/, '');

/**
 * Loads what the widget renders for a site in a language (`GET /v1/sites/{key}/widget`). A site
 * that does not offer the language is asked again in Turkish, which every site offers.
 */
export async function fetchSiteView(
  endpoint: string,
  site: string,
  locale: WidgetLocale,
): Promise<SiteView> {
  const url = `${baseOf(endpoint)}/v1/sites/${encodeURIComponent(site)}/widget?locale=${locale}`;
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit' });
  } catch {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a SiteViewFailure, caught below
    throw failure({ code: 'network.failed', message: `Could not load ${url}` });
  }
  if (response.ok) return (await response.json()) as SiteView;
  const problem = await problemOf(response);
  if (problem.code === 'locale.notOffered' && locale !== 'tr') {
    return fetchSiteView(endpoint, site, 'tr');
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a SiteViewFailure, caught below
  throw failure(problem, response.status);
}

/**
 * The site view for an element, or why there is none: no site key, the server's or the network's
 * error, or a config without its aydınlatma notice (B2: nothing may be shown without it).
 */
export async function loadSiteView(
  endpoint: string,
  site: string,
  locale: WidgetLocale,
): Promise<SiteView | SiteViewFailure> {
  try {
    if (!site) return failure({ code: 'widget.noSite', message: 'No site attribute.' });
    const view = await fetchSiteView(endpoint, site, locale);
    return noticeOf(view, view.aydinlatmaNoticeId)
      ? view
      : failure({ code: 'config.noticeMissing', message: 'No aydınlatma notice.' });
  } catch (error) {
    return (error as SiteViewFailure).problem
      ? (error as SiteViewFailure)
      : failure({ code: 'widget.failed', message: String(error) });
  }
}
