// Captures: filter by day range, site, kind, a channel moved and a movement's delivery state (all
// on the server); next and previous pages follow the API's cursor (a stack of the cursors that led
// here). "CSV indir" saves the filtered captures (the applied filters, every page) as a CSV file.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { download } from './download.js';
import { CHANNELS, MOVEMENT_STATES } from './api-types.js';
import type { CaptureSummary, Page, SyncState } from './api-types.js';
import { turkeyDayStart, turkeyTime } from './format.js';
import { states } from './admin-view.js';
import { PagedView } from './paged-view.js';
import { heldLine } from './held-channels.js';

export const PAGE_SIZE = 20;

const KINDS = ['capture', 'withdrawal', 'confirmation'] as const;
const HELD = ['awaiting', 'expired'] as const;

/** A filter's labelled <select>: "all" (no value) first, then each value, the current one chosen. */
function filterSelect<V extends string>(
  label: string,
  name: string,
  all: string,
  values: readonly V[],
  current: string,
  text: (value: V) => string,
) {
  return html`<label
    >${label}
    <select name=${name}>
      <option value="">${all}</option>
      ${values.map((v) => html`<option value=${v} ?selected=${v === current}>${text(v)}</option>`)}
    </select>
  </label>`;
}

interface Filters {
  from: string;
  to: string;
  site: string;
  kind: string;
  channel: string;
  state: string;
  /** Verified consent: captures awaiting confirmation, or whose hold expired. */
  held?: string;
}

/** The API query for the filters: whole Turkey-time days, `to` inclusive. */
export function captureQuery(
  filters: Filters,
  cursor?: string,
): Record<string, string | undefined> {
  const to = filters.to
    ? new Date(Date.parse(turkeyDayStart(filters.to)) + 86_400_000 - 1).toISOString()
    : undefined;
  return {
    limit: String(PAGE_SIZE),
    from: filters.from ? turkeyDayStart(filters.from) : undefined,
    to,
    site: filters.site || undefined,
    kind: filters.kind || undefined,
    channel: filters.channel || undefined,
    state: filters.state || undefined,
    held: filters.held || undefined,
    cursor,
  };
}

export class IzinliCapturesView extends PagedView<CaptureSummary> {
  static override properties = states('sites', 'filters', 'csvNotice');
  declare sites: string[];
  declare filters: Filters;
  declare csvNotice: string;

  constructor() {
    super();
    this.sites = [];
    this.csvNotice = '';
    this.filters = { from: '', to: '', site: '', kind: '', channel: '', state: '' };
  }

  protected override async load(api: AdminApi) {
    if (this.sites.length === 0) {
      const sync = await api.get<SyncState>('/v1/admin/sync');
      this.sites = sync.brands.flatMap((b) => b.siteKeys);
    }
    await super.load(api);
  }

  protected loadPage(api: AdminApi, cursor: string | undefined) {
    return api.get<Page<CaptureSummary>>('/v1/admin/captures', captureQuery(this.filters, cursor));
  }

  /** The applied filters' captures as CSV; semicolons in Turkish, as Excel there expects. */
  private async downloadCsv() {
    if (!this.api) return;
    const { limit: _limit, cursor: _cursor, ...filters } = captureQuery(this.filters);
    const params = new URLSearchParams({
      delimiter: this.locale === 'tr' ? 'semicolon' : 'comma',
    });
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    this.csvNotice = '';
    try {
      const name = await download(this.api, `/v1/admin/captures.csv?${params}`, 'izinli.csv');
      this.csvNotice = this.t('csvDone', { name });
    } catch (error) {
      this.csvNotice = failureText(error);
    }
  }

  private apply(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: keyof Filters) => String(form.get(name) ?? '');
    this.filters = {
      from: value('from'),
      to: value('to'),
      site: value('site'),
      kind: value('kind'),
      channel: value('channel'),
      state: value('state'),
      held: value('held'),
    };
    this.firstPage();
  }

  override render() {
    const f = this.filters;
    return html`<h1 tabindex="-1">${this.t('captures')}</h1>
      <form class="filters" id="capture-filters" @submit=${this.apply}>
        <fieldset>
          <legend>${this.t('filters')}</legend>
          <label>${this.t('from')} <input type="date" name="from" .value=${f.from} /></label>
          <label>${this.t('to')} <input type="date" name="to" .value=${f.to} /></label>
          ${filterSelect(this.t('site'), 'site', this.t('allSites'), this.sites, f.site, (s) => s)}
          ${filterSelect(this.t('kind'), 'kind', this.t('allKinds'), KINDS, f.kind, (k) =>
            this.t(`kind_${k}`),
          )}
          ${filterSelect(
            this.t('channel'),
            'channel',
            this.t('allChannels'),
            CHANNELS,
            f.channel,
            (c) => this.t(c),
          )}
          ${filterSelect(
            this.t('stateFilter'),
            'state',
            this.t('allStates'),
            MOVEMENT_STATES,
            f.state,
            (s) => this.t(`state_${s}`),
          )}
          ${filterSelect(this.t('heldFilter'), 'held', this.t('allHeld'), HELD, f.held ?? '', (h) =>
            this.t(`heldFilter_${h}`),
          )}
          <button type="submit">${this.t('apply')}</button>
          <button type="button" id="captures-csv" @click=${this.downloadCsv}>
            ${this.t('capturesCsv')}
          </button>
        </fieldset>
      </form>
      <p role="status" class="notice" id="captures-csv-notice">${this.csvNotice}</p>
      ${this.status()}
      ${this.pageTable({
        id: 'captures',
        columns: [
          this.t('received'),
          this.t('site'),
          this.t('seq'),
          this.t('kind'),
          this.t('channels'),
          this.t('purposes'),
        ],
        empty: this.t('noRows'),
        row: (c) =>
          html`<tr data-capture=${c.captureId}>
            <td>${turkeyTime(c.receivedAt)}</td>
            <td>${c.siteKey}</td>
            <td>${c.seq}</td>
            <td>${c.kind ? this.t(`kind_${c.kind}`) : this.t('purged')}</td>
            <td>
              ${
                (c.channels ?? [])
                  .filter((ch) => ch.status)
                  .map((ch) => `${this.t(ch.type)} ${ch.status}`)
                  .join(', ') || (c.held ? '' : '—')
              }
              ${
                c.held
                  ? html`<span
                      class="held"
                      data-held=${c.held.map((h) => `${h.channel}:${h.state}`).join(' ')}
                      >${heldLine((key, values) => this.t(key, values), c.held)}</span
                    >`
                  : ''
              }
            </td>
            <td>
              ${
                (c.purposes ?? [])
                  .filter((p) => p.granted)
                  .map((p) => p.id)
                  .join(', ') || '—'
              }
            </td>
          </tr>`,
      })}`;
  }
}
