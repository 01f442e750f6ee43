// The açık rıza purposes of the "Yeni izin" form: each purpose of the site as the form or script
// asked it (given, refused, or not asked) and the version of its text that was on the paper,
// by default the current one.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { AdminKey } from './i18n/index.js';

/** A purpose as the site's widget view gives it, with its text's current version. */
export interface FormPurpose {
  id: string;
  label: string;
  version: number;
}

interface WidgetView {
  purposes: { id: string; noticeId: string; label: Partial<Record<string, string>> }[];
  notices: { id: string; version: number }[];
}

/** The site's purposes in `locale`, from GET /v1/sites/{siteKey}/widget. */
export function formPurposes(view: WidgetView, locale: string): FormPurpose[] {
  return view.purposes.map((p) => ({
    id: p.id,
    label: p.label[locale] ?? p.label.tr ?? p.id,
    version: view.notices.find((n) => n.id === p.noticeId)?.version ?? 1,
  }));
}

/** The fieldset: a choice and a text version per purpose. */
export function purposesFieldset(
  purposes: readonly FormPurpose[],
  t: (key: AdminKey, values?: Record<string, string | number>) => string,
): TemplateResult | string {
  if (purposes.length === 0) return '';
  return html`<fieldset id="consent-purposes">
    <legend>${t('purposesLegend')}</legend>
    ${purposes.map(
      (p) =>
        html`<div class="stack">
          <label for="purpose-${p.id}">${p.label}</label>
          <select id="purpose-${p.id}" name="purpose:${p.id}">
            <option value="">${t('notAsked')}</option>
            <option value="granted">${t('purposeGranted')}</option>
            <option value="refused">${t('purposeRefused')}</option>
          </select>
          <label for="purpose-version-${p.id}">${t('formNoticeVersion')}</label>
          <input
            id="purpose-version-${p.id}"
            name="version:${p.id}"
            type="number"
            min="1"
            step="1"
            .value=${String(p.version)}
          />
        </div>`,
    )}
  </fieldset>`;
}

/** The purposes the form answered, as the consent API takes them. */
export function answeredPurposes(form: FormData, purposes: readonly FormPurpose[]) {
  return purposes.flatMap((p) => {
    const answer = form.get(`purpose:${p.id}`);
    if (answer !== 'granted' && answer !== 'refused') return [];
    const version = Number(form.get(`version:${p.id}`));
    return [
      {
        id: p.id,
        granted: answer === 'granted',
        ...(Number.isInteger(version) && version >= 1 ? { version } : {}),
      },
    ];
  });
}
