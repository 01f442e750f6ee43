// The overview: captures and İYS deliveries per day (last 14 Turkey-time days), movements by
// state, those at risk of their 3-business-day deadline, and the İYS sync state.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { AdminView } from './admin-view.js';
import { dataTable } from './data-table.js';
import { MOVEMENT_STATES } from './api-types.js';
import type {
  CaptureSummary,
  DeliveryStats,
  Movement,
  Page,
  RefusedOrigin,
  SyncState,
} from './api-types.js';
import {
  countByDay,
  formatAge,
  lastDays,
  turkeyDay,
  turkeyDayStart,
  turkeyTime,
} from './format.js';

const DAYS = 14;
// Enough pages for a busy site's fortnight; the chart says what it counted.
const MAX_PAGES = 20;

/** Every item of a cursor-paged admin list, up to `maxPages` pages. */
export async function allPages<T>(
  api: AdminApi,
  path: string,
  query: Record<string, string | undefined>,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await api.get<Page<T>>(path, { ...query, cursor });
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export class IzinliOverviewView extends AdminView {
  static override properties = { data: { state: true } };
  declare data:
    | {
        days: string[];
        captures: number[];
        deliveries: number[];
        stats: DeliveryStats;
        atRisk: Movement[];
        sync: SyncState;
        refusedOrigins: RefusedOrigin[];
        loadedAt: Date;
      }
    | undefined;

  protected async load(api: AdminApi) {
    const now = new Date();
    const days = lastDays(now, DAYS);
    const [stats, atRisk, sync, refused, captures, delivered] = await Promise.all([
      api.get<DeliveryStats>('/v1/admin/movements/stats'),
      api.get<Page<Movement>>('/v1/admin/movements', { atRisk: 'true', limit: '100' }),
      api.get<SyncState>('/v1/admin/sync'),
      api.get<{ items: RefusedOrigin[] }>('/v1/admin/origins/refused'),
      allPages<CaptureSummary>(api, '/v1/admin/captures', {
        from: turkeyDayStart(days[0]!),
        limit: '500',
      }),
      allPages<Movement>(api, '/v1/admin/movements', { state: 'delivered', limit: '1000' }),
    ]);
    this.data = {
      days,
      captures: countByDay(
        days,
        captures.map((c) => turkeyDay(c.receivedAt)),
      ),
      // İYS's creationDate is already Turkey time (YYYY-MM-DD HH:mm:ss).
      deliveries: countByDay(
        days,
        delivered.map((m) => (m.creationDate ?? '').slice(0, 10)),
      ),
      stats,
      atRisk: atRisk.items,
      sync,
      refusedOrigins: refused.items,
      loadedAt: now,
    };
  }

  override render() {
    const d = this.data;
    return html`<h1 tabindex="-1">${this.t('overview')}</h1>
      ${this.status()}
      ${
        d
          ? html`<section>
                <h2 id="chart-title">${this.t('perDay', { n: DAYS })}</h2>
                <izinli-bar-chart
                  .days=${d.days}
                  .series=${[
                    { label: this.t('capturesSeries'), className: 'series-a', values: d.captures },
                    {
                      label: this.t('deliveriesSeries'),
                      className: 'series-b',
                      values: d.deliveries,
                    },
                  ]}
                  summary=${this.t('chartSummary', {
                    n: DAYS,
                    captures: d.captures.reduce((a, b) => a + b, 0),
                    deliveries: d.deliveries.reduce((a, b) => a + b, 0),
                  })}
                  day-label=${this.t('day')}
                ></izinli-bar-chart>
              </section>
              <section>
                <h2 id="states-title">${this.t('movementStates')}</h2>
                <dl class="figures" id="movement-states">
                  ${MOVEMENT_STATES.map(
                    (s) =>
                      html`<div data-state=${s}>
                        <dt>${this.t(`state_${s}`)}</dt>
                        <dd>${d.stats.byState[s] ?? 0}</dd>
                      </div>`,
                  )}
                </dl>
                ${
                  d.stats.oldestPending
                    ? html`<p>${this.t('oldestPending')}: <span>${d.stats.oldestPending}</span></p>`
                    : ''
                }
              </section>
              <section>
                <h2 id="risk-title">
                  ${this.t('atRisk')}: <span id="at-risk-count">${d.stats.nearDeadline}</span>
                </h2>
                ${dataTable({
                  id: 'at-risk',
                  labelledBy: 'risk-title',
                  columns: [
                    this.t('channel'),
                    this.t('recipientCol'),
                    this.t('deadline'),
                    this.t('stateFilter'),
                  ],
                  rows: d.atRisk,
                  empty: this.t('atRiskNone'),
                  row: (m) =>
                    html`<tr data-movement=${m.id}>
                      <td>${this.t(m.type)} ${m.status}</td>
                      <td>${m.recipient}</td>
                      <td>${turkeyTime(m.deadline)}</td>
                      <td>${this.t(`state_${m.state}`)}</td>
                    </tr>`,
                })}
              </section>
              <section>
                <h2 id="refused-title">
                  ${this.t('refusedOrigins')}:
                  <span id="refused-count">${d.refusedOrigins.length}</span>
                </h2>
                ${
                  d.refusedOrigins.length === 0
                    ? html`<p>${this.t('refusedOriginsNone')}</p>`
                    : html`<p>${this.t('refusedOriginsHint')}</p>
                        ${dataTable({
                          id: 'refused-origins',
                          labelledBy: 'refused-title',
                          columns: [
                            this.t('origin'),
                            this.t('site'),
                            this.t('refusals'),
                            this.t('lastRefused'),
                          ],
                          rows: d.refusedOrigins,
                          row: (r) =>
                            html`<tr data-origin=${r.origin}>
                              <td>${r.origin}</td>
                              <td>${r.siteKey}</td>
                              <td>${r.count}</td>
                              <td>${turkeyTime(r.lastAt)}</td>
                            </tr>`,
                        })}`
                }
              </section>
              <section>
                <h2 id="sync-title">${this.t('sync')}</h2>
                ${d.sync.syncing ? '' : html`<p>${this.t('syncOff')}</p>`}
                <dl class="figures" id="sync">
                  <div>
                    <dt>${this.t('lastSync')}</dt>
                    <dd class="time" data-last-sync=${d.sync.lastSyncAt ?? ''}>
                      ${d.sync.lastSyncAt ? turkeyTime(d.sync.lastSyncAt) : this.t('never')}
                    </dd>
                  </div>
                  ${d.sync.brands.map(
                    (b) =>
                      html`<div data-brand=${b.brandCode}>
                        <dt>${this.t('cursorAge')} (${this.t('brand')} ${b.brandCode})</dt>
                        <dd class="time" data-cursor-at=${b.cursorAt ?? ''}>
                          ${
                            b.cursorAgeSeconds === undefined
                              ? this.t('never')
                              : this.t('ago', { age: formatAge(b.cursorAgeSeconds, this.locale) })
                          }
                        </dd>
                      </div>`,
                  )}
                </dl>
              </section>`
          : ''
      }`;
  }
}
