// "Yeni izin": a consent collected away from the widget (paper, wet signature, call centre, event,
// e-mail or SMS reply…) keyed in by hand. The evidence fields follow the source; scans and the
// recording are uploaded first (the server checks their type by content), then the consent is
// recorded, signed and queued for İYS; the answer says what is left of İYS's window.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
// The zod-free entry point, so the console bundles the table and no schemas.
import { EVIDENCE_FOR_SOURCE } from '@izinli/core/evidence-for-source';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView, optionsOf, states } from './admin-view.js';
import type { SyncState } from './api-types.js';
import { answeredPurposes, formPurposes, purposesFieldset } from './consent-purposes.js';
import type { FormPurpose } from './consent-purposes.js';

const SOURCES = [
  'HS_FIZIKSEL_ORTAM',
  'HS_ISLAK_IMZA',
  'HS_ETKINLIK',
  'HS_CAGRI_MERKEZI',
  'HS_EPOSTA',
  'HS_MESAJ',
  'HS_EORTAM',
  'HS_MOBIL',
  'HS_SOSYAL_MEDYA',
  'HS_ATM',
  'HS_WEB',
] as const;
type Source = (typeof SOURCES)[number];
const CHANNELS = ['MESAJ', 'ARAMA', 'EPOSTA'] as const;

interface Recorded {
  captureId: string;
  seq: number;
  movements: { type: string; status: string }[];
  window?: { iysDeadlineLocal: string };
}

/** A datetime-local value (YYYY-MM-DDTHH:mm[:ss]) as İYS writes dates: YYYY-MM-DD HH:mm:ss. */
export function iysDateOf(local: string): string {
  const [day = '', time = ''] = local.split('T');
  return `${day} ${time.length === 5 ? `${time}:00` : time}`;
}

export class IzinliConsentView extends AdminView {
  static override properties = states(
    'sites',
    'purposes',
    'source',
    'saving',
    'result',
    'saveError',
  );
  declare sites: string[];
  declare purposes: FormPurpose[];
  declare source: Source;
  declare saving: boolean;
  declare result: Recorded | undefined;
  declare saveError: string;

  constructor() {
    super();
    this.sites = [];
    this.purposes = [];
    this.source = 'HS_FIZIKSEL_ORTAM';
    this.saving = false;
    this.saveError = '';
  }

  protected async load(api: AdminApi) {
    const sync = await api.get<SyncState>('/v1/admin/sync');
    this.sites = sync.brands.flatMap((b) => b.siteKeys);
    await this.loadPurposes(this.sites[0]);
  }

  private async loadPurposes(site: string | undefined) {
    if (!this.api || site === undefined) return;
    const view = await this.api.get<Parameters<typeof formPurposes>[0]>(
      `/v1/sites/${encodeURIComponent(site)}/widget`,
      { locale: this.locale },
    );
    this.purposes = formPurposes(view, this.locale);
  }

  private async upload(api: AdminApi, file: File): Promise<string> {
    const response = await api.request('/v1/admin/evidence-files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    return ((await response.json()) as { sha256: string }).sha256;
  }

  private async evidence(api: AdminApi, form: FormData) {
    const text = (name: string) => ((form.get(name) as string | null) ?? '').trim();
    const files = (name: string) =>
      form.getAll(name).filter((f): f is File => f instanceof File && f.size > 0);
    switch (EVIDENCE_FOR_SOURCE[this.source]) {
      case 'scan': {
        const hashes = await Promise.all(files('scan').map((f) => this.upload(api, f)));
        return {
          kind: 'scan',
          files: hashes,
          ...(text('formId') ? { formId: text('formId') } : {}),
        };
      }
      case 'call': {
        const [recording] = files('recording');
        return {
          kind: 'call',
          callId: text('callId'),
          agentId: text('agentId'),
          recordingRef: text('recordingRef'),
          ...(recording ? { recording: await this.upload(api, recording) } : {}),
        };
      }
      case 'reply':
        return { kind: 'reply', messageId: text('messageId'), replyText: text('replyText') };
      case 'reference':
        return { kind: 'reference', reference: text('reference') };
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => ((form.get(name) as string | null) ?? '').trim();
    this.saving = true;
    this.saveError = '';
    this.result = undefined;
    try {
      const evidence = await this.evidence(api, form);
      this.result = await api.post<Recorded>('/v1/admin/consents', {
        siteKey: text('site'),
        source: this.source,
        consentDate: iysDateOf(text('consentDate')),
        recipient: {
          ...(text('fullName') ? { fullName: text('fullName') } : {}),
          ...(text('phone') ? { phone: text('phone') } : {}),
          ...(text('email') ? { email: text('email') } : {}),
        },
        locale: this.locale,
        purposes: answeredPurposes(form, this.purposes),
        channels: CHANNELS.flatMap((type) => (text(type) ? [{ type, status: text(type) }] : [])),
        evidence,
      });
      (event.target as HTMLFormElement).reset();
      this.source = 'HS_FIZIKSEL_ORTAM';
    } catch (error) {
      this.saveError = failureText(error);
    } finally {
      this.saving = false;
    }
  }

  private field(name: string, label: string, type = 'text', required = false): TemplateResult {
    return html`<label for="consent-${name}">${label}</label>
      <input id="consent-${name}" name=${name} type=${type} ?required=${required} />`;
  }

  private evidenceFields(): TemplateResult {
    switch (EVIDENCE_FOR_SOURCE[this.source]) {
      case 'scan':
        return html`<label for="consent-scan">${this.t('scanFiles')}</label>
          <input
            id="consent-scan"
            name="scan"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            multiple
            required
            aria-describedby="scan-hint"
          />
          <p class="muted" id="scan-hint">${this.t('scanHint')}</p>
          ${this.field('formId', this.t('formId'))}`;
      case 'call':
        return html`${this.field('callId', this.t('callId'), 'text', true)}
          ${this.field('agentId', this.t('agentId'), 'text', true)}
          ${this.field('recordingRef', this.t('recordingRef'), 'text', true)}
          <label for="consent-recording">${this.t('recordingFile')}</label>
          <input id="consent-recording" name="recording" type="file" accept="audio/*" />`;
      case 'reply':
        return html`${this.field('messageId', this.t('messageId'), 'text', true)}
          <label for="consent-replyText">${this.t('replyText')}</label>
          <textarea
            id="consent-replyText"
            name="replyText"
            rows="3"
            required
            aria-describedby="reply-hint"
          ></textarea>
          <p class="muted" id="reply-hint">${this.t('replyHint')}</p>`;
      case 'reference':
        return this.field('reference', this.t('evidenceReference'), 'text', true);
    }
  }

  override render() {
    return html`<h1 tabindex="-1">${this.t('consent')}</h1>
      <p class="muted">${this.t('consentIntro')}</p>
      ${this.status()}
      <form id="consent-form" @submit=${this.save}>
        <label for="consent-site">${this.t('site')}</label>
        <select
          id="consent-site"
          name="site"
          required
          @change=${(e: Event) => void this.loadPurposes((e.target as HTMLSelectElement).value)}
        >
          ${this.sites.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>
        <label for="consent-source">${this.t('source')}</label>
        <select
          id="consent-source"
          name="source"
          @change=${(e: Event) => {
            this.source = (e.target as HTMLSelectElement).value as Source;
          }}
        >
          ${optionsOf(SOURCES, this.source, (s) => this.t(`source_${s}`))}
        </select>
        <label for="consent-consentDate">${this.t('consentDateTime')}</label>
        <input
          id="consent-consentDate"
          name="consentDate"
          type="datetime-local"
          step="1"
          required
          aria-describedby="date-hint"
        />
        <p class="muted" id="date-hint">${this.t('consentDateHint')}</p>
        ${this.field('fullName', this.t('fullName'), 'text', true)}
        ${this.field('phone', this.t('phone'), 'tel')}
        ${this.field('email', this.t('email'), 'email')}
        <fieldset>
          <legend>${this.t('channels')}</legend>
          ${CHANNELS.map(
            (type) =>
              html`<label class="inline"
                >${this.t(type)}
                <select name=${type} id="consent-${type}">
                  <option value="">${this.t('noChange')}</option>
                  <option value="ONAY">ONAY</option>
                  <option value="RET">RET</option>
                </select></label
              >`,
          )}
        </fieldset>
        ${purposesFieldset(this.purposes, (key, values) => this.t(key, values))}
        <fieldset>
          <legend>${this.t('evidenceLegend')}</legend>
          <div class="stack">${this.evidenceFields()}</div>
        </fieldset>
        <button type="submit" ?disabled=${this.saving}>
          ${this.saving ? this.t('saving') : this.t('recordConsent')}
        </button>
      </form>
      <div id="consent-result" role="status" aria-live="polite">
        ${
          this.result
            ? html`<p class="ok">
                ${this.t('consentRecorded', {
                  seq: this.result.seq,
                  movements:
                    this.result.movements.map((m) => `${m.type} ${m.status}`).join(', ') ||
                    this.t('none'),
                  deadline: this.result.window?.iysDeadlineLocal ?? '—',
                })}
              </p>`
            : ''
        }
      </div>
      <p role="alert" class="problem" id="consent-error">${this.saveError}</p>
      <izinli-import-panel
        .api=${this.api}
        .sites=${this.sites}
        locale=${this.locale}
      ></izinli-import-panel>`;
  }
}
