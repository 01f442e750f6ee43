// Captures: filter by day range, site, kind, a channel moved and a movement's delivery state (all
// on the server); next and previous pages follow the API's cursor (a stack of the cursors that led
// here).
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { CHANNELS, MOVEMENT_STATES } from './api-types.js';
import type { CaptureSummary, Page, SyncState } from './api-types.js';
import { turkeyDayStart, turkeyTime } from './format.js';
import { PagedView } from './paged-view.js';

export const PAGE_SIZE = 20;

interface Filters {
  from: string;
  to: string;
  site: string;
  kind: string;
  channel: string;
  state: string;
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
    cursor,
  };
}

export class IzinliCapturesView extends PagedView<CaptureSummary> {
  static override properties = {
    sites: { state: true },
    filters: { state: true },
  };
  declare sites: string[];
  declare filters: Filters;

  constructor() {
    super();
    this.sites = [];
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
          <label
            >${this.t('site')}
            <select name="site">
              <option value="">${this.t('allSites')}</option>
              ${this.sites.map((s) => html`<option value=${s} ?selected=${s === f.site}>${s}</option>`)}
            </select>
          </label>
          <label
            >${this.t('kind')}
            <select name="kind">
              <option value="">${this.t('allKinds')}</option>
              ${(['capture', 'withdrawal'] as const).map(
                (k) =>
                  html`<option value=${k} ?selected=${k === f.kind}>
                    ${this.t(`kind_${k}`)}
                  </option>`,
              )}
            </select>
          </label>
          <label
            >${this.t('channel')}
            <select name="channel">
              <option value="">${this.t('allChannels')}</option>
              ${CHANNELS.map(
                (c) => html`<option value=${c} ?selected=${c === f.channel}>${this.t(c)}</option>`,
              )}
            </select>
          </label>
          <label
            >${this.t('stateFilter')}
            <select name="state">
              <option value="">${this.t('allStates')}</option>
              ${MOVEMENT_STATES.map(
                (s) =>
                  html`<option value=${s} ?selected=${s === f.state}>
                    ${this.t(`state_${s}`)}
                  </option>`,
              )}
            </select>
          </label>
          <button type="submit">${this.t('apply')}</button>
        </fieldset>
      </form>
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
                  .join(', ') || '—'
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
