import type { Channel, Notice, PublicSiteConfig, SupportedLocale } from '@izinli/core';

/** What `GET /v1/sites/{siteKey}/widget` answers: the public site config in one language. */
export type SiteView = PublicSiteConfig & { locale: SupportedLocale };

/** A purpose as the widget shows it: its box label and its consent text. */
export interface ShownPurpose {
  id: string;
  label: string;
  notice: Notice;
}

/** The current text `id` in the view's language, or undefined when the view lacks it. */
export function noticeOf(view: SiteView, id: string | undefined): Notice | undefined {
  return view.notices.find((n) => n.id === id && n.locale === view.locale);
}

/** The purposes that can be shown: each with its label and consent text in the view's language. */
export function shownPurposes(view: SiteView): ShownPurpose[] {
  return view.purposes.flatMap((p) => {
    const notice = noticeOf(view, p.noticeId);
    const label = p.label[view.locale] ?? p.label.tr;
    if (notice) return [{ id: p.id, label, notice }];
    console.warn(`izinli: purpose "${p.id}" is not shown: its text "${p.noticeId}" is missing`);
    return [];
  });
}

/** True for the channels that need a phone number (MESAJ, ARAMA); EPOSTA needs an e-mail address. */
export const isPhoneChannel = (channel: Channel): boolean => channel !== 'EPOSTA';
