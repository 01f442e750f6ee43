// The consent time an operator keys in (A19), judged as İYS will judge it when the movement is
// sent: never in the future (H162), not before 2015-05-01 (H156), HS_2015 only on its one fixed
// date (H155), and otherwise within 3 business days of İYS's calendar (H467, A8). What is left of
// the window is said back, to the second, so the operator knows how late is too late.
import {
  IYS_HS_2015_CONSENT_DATE,
  checkConsentDate,
  consentWindowEnd,
  deadlineFor,
  formatIysDate,
  parseIysDate,
} from '@izinli/core';
import type { Problem, ProviderSource } from '@izinli/core';
import type { ServerCalendars } from '../calendar/server-calendar.js';

/** How long İYS will still take the consent, when it has a window (all but HS_2015). */
export interface ConsentWindowLeft {
  /** The first instant İYS refuses it with H467 (UTC ISO). */
  iysDeadline: string;
  /** The last second İYS takes it, Turkey time, as İYS writes dates. */
  iysDeadlineLocal: string;
  /** Our own deadline (A8: Saturdays and half days counted), never later than İYS's. */
  deadline: string;
}

export type ConsentDateVerdict =
  { ok: true; window?: ConsentWindowLeft } | { ok: false; problem: Problem };

const refuse = (
  iys: string,
  expected: Problem['expected'],
  received: string,
  params: Record<string, string> = {},
): ConsentDateVerdict => ({
  ok: false,
  problem: {
    code: 'consent.date',
    path: ['consentDate'],
    expected,
    received: JSON.stringify(received),
    params: { iys, rule: 'A19', ...params },
  },
});

/** Judges `consentDate` (İYS format, Turkey time) of a consent from `source` recorded at `now`. */
export function judgeConsentDate(
  consentDate: string,
  source: ProviderSource,
  now: Date,
  calendars: ServerCalendars,
): ConsentDateVerdict {
  const parsed = parseIysDate(consentDate);
  if (!parsed.ok) return { ok: false, problem: { ...parsed.error, path: ['consentDate'] } };
  const date = parsed.value;
  const code = checkConsentDate(date, now, calendars.iys);
  if (code === 'H162') {
    return refuse(
      'H162',
      {
        en: `a consent time no later than now, ${formatIysDate(now)} Turkey time (İYS answers H162)`,
        tr: `şu andan (${formatIysDate(now)}, Türkiye saati) sonra olmayan bir izin zamanı (İYS H162 ile reddeder)`,
      },
      consentDate,
    );
  }
  if (source === 'HS_2015') {
    if (consentDate === IYS_HS_2015_CONSENT_DATE) return { ok: true };
    return refuse(
      'H155',
      {
        en: `${IYS_HS_2015_CONSENT_DATE}: the one date İYS takes for HS_2015 (H155)`,
        tr: `${IYS_HS_2015_CONSENT_DATE}: İYS'nin HS_2015 için kabul ettiği tek tarih (H155)`,
      },
      consentDate,
    );
  }
  if (code === 'H156') {
    return refuse(
      'H156',
      {
        en: 'a consent time from 2015-05-01 00:00:00 on (İYS answers H156)',
        tr: '2015-05-01 00:00:00 veya sonrası bir izin zamanı (İYS H156 ile reddeder)',
      },
      consentDate,
    );
  }
  const end = consentWindowEnd(date, calendars.iys);
  const lastSecond = formatIysDate(new Date(end.getTime() - 1000));
  if (code === 'H467') {
    return refuse(
      'H467',
      {
        en: `a consent time İYS still takes: this one’s 3 business days ended at ${lastSecond} Turkey time (H467)`,
        tr: `İYS'nin hâlâ kabul ettiği bir izin zamanı: bu iznin 3 iş günü ${lastSecond} (Türkiye saati) itibarıyla doldu (H467)`,
      },
      consentDate,
      { iysDeadline: end.toISOString() },
    );
  }
  return {
    ok: true,
    window: {
      iysDeadline: end.toISOString(),
      iysDeadlineLocal: lastSecond,
      deadline: deadlineFor(date, calendars.conservative).toISOString(),
    },
  };
}
