// One person: search by phone or e-mail → the current state per channel (ours and İYS's), the
// pre-send check's answer, every capture and movement in time order, the evidence bundle as a
// file, and a withdrawal recorded on the person's behalf.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView, states } from './admin-view.js';
import { tableSection } from './data-table.js';
import { download } from './download.js';
import type { CheckAnswer, Channel, SyncState, Timeline } from './api-types.js';
import { turkeyTime } from './format.js';
import { evidenceHref } from './evidence-view.js';
import { isKey } from './i18n/index.js';
import { timelineVerification } from './held-channels.js';

const VIA = ['admin', 'call-centre', 'email', 'sms', 'in-person'] as const;

/** The query naming the recipient: an `@` makes it an e-mail address, else a phone number. */
export function recipientParams(text: string): { phone: string } | { email: string } {
  const value = text.trim();
  return value.includes('@') ? { email: value } : { phone: value };
}

export const channelsOf = (recipient: { email?: string }): Channel[] =>
  recipient.email ? ['EPOSTA'] : ['MESAJ', 'ARAMA'];

type TimelineEntry =
  | { at: string; record: Timeline['events'][number] }
  | {
      at: string;
      iys: Timeline['current'][number] & { iys: NonNullable<Timeline['current'][number]['iys']> };
    };

/**
 * The records and movements, and the changes made on İYS itself (a citizen's act, source
 * `IYS_*`, as the mirror holds it), in Turkey-time order. Ours (`HS_*`) are the records' own.
 */
export function timelineEntries(tl: Timeline): TimelineEntry[] {
  const entries: TimelineEntry[] = tl.events.map((record) => ({
    at: turkeyTime(record.at),
    record,
  }));
  for (const row of tl.current) {
    if (row.iys?.source.startsWith('IYS_'))
      entries.push({ at: row.iys.consentDate, iys: { ...row, iys: row.iys } });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export class IzinliRecipientView extends AdminView {
  static override properties = states('query', 'timeline', 'checks', 'sites');
  declare query: string;
  declare timeline: Timeline | undefined;
  declare checks: [Channel, CheckAnswer][];
  declare sites: string[];

  constructor() {
    super();
    this.query = '';
    this.checks = [];
    this.sites = [];
  }

  protected async load(api: AdminApi) {
    if (this.sites.length === 0) {
      const sync = await api.get<SyncState>('/v1/admin/sync');
      this.sites = sync.brands.flatMap((b) => b.siteKeys);
    }
    if (!this.query) return;
    const params = recipientParams(this.query);
    // Both are assigned together: a row rendered from the timeline before its check answer
    // arrived would show the channel with no answer.
    const timeline = await api.get<Timeline>('/v1/admin/recipients/timeline', params);
    const recipient = 'phone' in params ? params.phone : params.email;
    this.checks = await Promise.all(
      channelsOf(timeline.recipient).map(
        async (type) =>
          [type, await api.get<CheckAnswer>('/v1/check', { type, recipient })] as [
            Channel,
            CheckAnswer,
          ],
      ),
    );
    this.timeline = timeline;
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    this.query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '');
    this.notice = '';
    this.actionError = '';
    this.timeline = undefined;
    void this.reload();
  }

  private async downloadEvidence() {
    if (!this.api || !this.timeline) return;
    this.actionError = '';
    try {
      const name = await download(
        this.api,
        `/v1/admin/recipients/evidence?${new URLSearchParams(this.timeline.recipient)}`,
        'izinli-evidence.json',
      );
      this.notice = this.t('evidenceDone', { name });
    } catch (error) {
      this.actionError = failureText(error);
    }
  }

  private async withdraw(event: SubmitEvent) {
    event.preventDefault();
    if (!this.api || !this.timeline) return;
    const form = new FormData(event.target as HTMLFormElement);
    const channels = form.getAll('channel').map(String);
    this.notice = '';
    this.actionError = '';
    if (channels.length === 0) {
      this.actionError = this.t('chooseChannel');
      return;
    }
    try {
      const answer = await this.api.post<{ movements: unknown[] }>('/v1/admin/withdrawals', {
        id: crypto.randomUUID(),
        siteKey: String(form.get('site')),
        recipient: this.timeline.recipient,
        channels,
        via: String(form.get('via')),
        locale: this.locale,
      });
      await this.reload();
      this.notice = this.t('withdrawn', { n: answer.movements.length });
    } catch (error) {
      this.actionError = failureText(error);
    }
  }

  /** An İYS source in the console's words, or its code where there are none. */
  private sourceName(source: string): string {
    const key = `source_${source}`;
    return isKey(key) ? this.t(key) : source;
  }

  override render() {
    const tl = this.timeline;
    return html`<h1 tabindex="-1">${this.t('recipient')}</h1>
      <form class="search" id="recipient-search" role="search" @submit=${this.search}>
        <label for="q">${this.t('searchLabel')}</label>
        <input
          id="q"
          name="q"
          type="search"
          required
          .value=${this.query}
          aria-describedby="q-hint"
        />
        <button type="submit">${this.t('search')}</button>
        <p class="muted" id="q-hint">${this.t('searchHint')}</p>
      </form>
      ${this.status()} ${this.outcome('recipient')} ${tl ? this.details(tl) : ''}`;
  }

  private details(tl: Timeline) {
    if (tl.events.length === 0) return html`<p>${this.t('notFound')}</p>`;
    const channels = channelsOf(tl.recipient);
    return html`${tableSection(
        this.t('current'),
        {
          id: 'current',
          columns: [
            this.t('channel'),
            this.t('intended'),
            this.t('delivery'),
            this.t('iysState'),
            this.t('checkAnswer'),
          ],
          rows: channels,
          row: (type) => {
            const row = tl.current.find((c) => c.type === type);
            const check = this.checks.find(([t]) => t === type)?.[1];
            return html`<tr data-channel=${type} data-allowed=${String(check?.allowed ?? '')}>
              <th scope="row">${this.t(type)}</th>
              <td>${row?.intended ?? '—'}</td>
              <td>${row ? this.t(`state_${row.delivery}`) : '—'}</td>
              <td data-iys=${row?.iys?.status ?? ''}>
                ${row?.iys ? `${row.iys.status} (${row.iys.source}, ${row.iys.consentDate})` : '—'}
              </td>
              <td>${check ? (check.allowed ? this.t('allowed') : this.t('notAllowed')) : '—'}</td>
            </tr>`;
          },
        },
        html`<p>
          <button type="button" id="evidence" @click=${this.downloadEvidence}>
            ${this.t('evidence')}
          </button>
          <a id="evidence-page-link" href=${evidenceHref(tl.recipient)}>
            ${this.t('evidencePageLink')}
          </a>
        </p>`,
      )}
      <section>
        <h2 id="timeline-title">${this.t('timeline')}</h2>
        <ol class="timeline" id="timeline">
          ${timelineEntries(tl).map((entry) => {
            if ('iys' in entry) {
              const { type, iys } = entry.iys;
              return html`<li data-iys-change=${type} data-status=${iys.status}>
                <strong>${entry.at}</strong> · ${this.t('iysChange')}: ${this.t(type)} ${iys.status}
                (${iys.source})
              </li>`;
            }
            const e = entry.record;
            return html`<li data-capture=${e.captureId} data-kind=${e.kind ?? 'purged'}>
              <strong>${entry.at}</strong> · ${e.siteKey} #${e.seq} ·
              ${e.kind ? this.t(`kind_${e.kind}`) : this.t('purged')}
              ${
                e.recordedBy
                  ? html` ·
                      <span data-source=${e.source ?? ''}
                        >${this.t('recordedFrom', {
                          source: this.sourceName(e.source ?? ''),
                          date: e.consentDate ?? '',
                          who: e.recordedBy,
                        })}</span
                      >`
                  : ''
              }
              ${timelineVerification((key, values) => this.t(key, values), e)}
              <ul>
                ${e.movements.map(
                  (m) =>
                    html`<li data-movement=${m.id} data-state=${m.state}>
                      ${this.t(m.type)} ${m.status} → ${this.t(`state_${m.state}`)}
                    </li>`,
                )}
              </ul>
            </li>`;
          })}
        </ol>
      </section>
      <section>
        <h2 id="withdraw-title">${this.t('withdraw')}</h2>
        <form id="withdrawal" @submit=${this.withdraw}>
          <p class="muted">${this.t('withdrawHint')}</p>
          <fieldset>
            <legend>${this.t('channels')}</legend>
            ${channels.map(
              (type) =>
                html`<label class="check"
                  ><input type="checkbox" name="channel" value=${type} /> ${this.t(type)}</label
                >`,
            )}
          </fieldset>
          <label
            >${this.t('site')}
            <select name="site">
              ${[...new Set([...tl.events.map((e) => e.siteKey), ...this.sites])].map(
                (s) => html`<option value=${s}>${s}</option>`,
              )}
            </select>
          </label>
          <label
            >${this.t('via')}
            <select name="via">
              ${VIA.map((v) => html`<option value=${v}>${this.t(`via_${v}`)}</option>`)}
            </select>
          </label>
          <button type="submit">${this.t('recordWithdrawal')}</button>
        </form>
      </section>`;
  }
}
