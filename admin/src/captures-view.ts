// Captures: filter by day range, site, kind, a channel moved and a movement's delivery state (all
// on the server); next and previous pages follow the API's cursor (a stack of the cursors that led
// here).
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { AdminView } from './admin-view.js';
import { CHANNELS, MOVEMENT_STATES } from './api-types.js';
import type { CaptureSummary, Page, SyncState } from './api-types.js';
import { turkeyDayStart, turkeyTime } from './format.js';

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

export class IzinliCapturesView extends AdminView {
  static override properties = {
    page: { state: true },
    sites: { state: true },
    filters: { state: true },
    cursors: { state: true },
    shownPage: { state: true },
  };
  declare page: Page<CaptureSummary> | undefined;
  declare sites: string[];
  declare filters: Filters;
  /** The cursor of each page shown so far; the last is the current page's. */
  declare cursors: (string | undefined)[];
  /** The number of the page on screen (the cursors may already name the next one). */
  declare shownPage: number;

  constructor() {
    super();
    this.sites = [];
    this.filters = { from: '', to: '', site: '', kind: '', channel: '', state: '' };
    this.cursors = [undefined];
    this.shownPage = 1;
  }

  protected async load(api: AdminApi) {
    if (this.sites.length === 0) {
      const sync = await api.get<SyncState>('/v1/admin/sync');
      this.sites = sync.brands.flatMap((b) => b.siteKeys);
    }
    const cursors = this.cursors;
    this.page = await api.get<Page<CaptureSummary>>(
      '/v1/admin/captures',
      captureQuery(this.filters, cursors.at(-1)),
    );
    this.shownPage = cursors.length;
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
    this.cursors = [undefined];
    void this.reload();
  }

  private go(step: 1 | -1) {
    this.cursors =
      step === 1 ? [...this.cursors, this.page?.nextCursor] : this.cursors.slice(0, -1);
    void this.reload();
  }

  override render() {
    const f = this.filters;
    const rows = this.page?.items ?? [];
    const pageNumber = this.shownPage;
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
      ${
        this.page
          ? html`<p id="captures-summary" data-page=${pageNumber} data-rows=${rows.length}>
                ${this.t('pageN', { n: pageNumber })} · ${this.t('rowsShown', { n: rows.length })}
              </p>
              ${
                rows.length === 0
                  ? html`<p>${this.t('noRows')}</p>`
                  : html`<div
                      class="scroll"
                      tabindex="0"
                      role="region"
                      aria-labelledby="captures-summary"
                    >
                      <table id="captures">
                        <thead>
                          <tr>
                            <th scope="col">${this.t('received')}</th>
                            <th scope="col">${this.t('site')}</th>
                            <th scope="col">${this.t('seq')}</th>
                            <th scope="col">${this.t('kind')}</th>
                            <th scope="col">${this.t('channels')}</th>
                            <th scope="col">${this.t('purposes')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${rows.map(
                            (c) =>
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
                          )}
                        </tbody>
                      </table>
                    </div>`
              }
              <nav class="pager" aria-label=${this.t('pageN', { n: pageNumber })}>
                <button
                  type="button"
                  id="previous"
                  ?disabled=${pageNumber <= 1}
                  @click=${() => this.go(-1)}
                >
                  ${this.t('previous')}
                </button>
                <button
                  type="button"
                  id="next"
                  ?disabled=${!this.page.nextCursor}
                  @click=${() => this.go(1)}
                >
                  ${this.t('next')}
                </button>
              </nav>`
          : ''
      }`;
  }
}
