// Reconciliation (mutabakat) with İYS: the last subscription check of each İYS account, then per
// brand the reconciled days, newest first (state, İYS's and izinli's row counts, the kept CSV and
// .tsr as downloads, and a mismatched day's differences in words).
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView, states } from './admin-view.js';
import { dataTable, tableSection } from './data-table.js';
import { download } from './download.js';
import type { ReconciliationOverview } from './api-types.js';
import { say } from './i18n/index.js';
import type { AdminLocale } from './i18n/index.js';
import { turkeyTime } from './format.js';

type Brand = ReconciliationOverview['brands'][number];
type Day = Brand['days'][number];
type Difference = Day['differences'][number];
type Row = NonNullable<Difference['iys']>;

/** At most this many differences of a day are listed (the count says how many there are). */
export const DIFFERENCES_SHOWN = 20;

const rowText = (row: Row | undefined) =>
  row ? `${row.recipient} ${row.type} ${row.status} ${row.consentDate || '—'}` : '—';

/** One difference as a sentence in the console's language. */
export function differenceText(d: Difference, locale: AdminLocale): string {
  const tx = d.transactionId ?? '—';
  switch (d.kind) {
    case 'iys-only':
      return say(locale, 'diff_iys-only', { tx, row: rowText(d.iys) });
    case 'izinli-only':
      return say(locale, 'diff_izinli-only', { tx, row: rowText(d.izinli) });
    case 'fields': {
      const fields = (d.fields ?? [])
        .map((f) => {
          const name = f as keyof Row;
          return `${f}: İYS “${d.iys?.[name] ?? ''}” ≠ izinli “${d.izinli?.[name] ?? ''}”`;
        })
        .join('; ');
      return say(locale, 'diff_fields', { tx, fields: fields || '—' });
    }
    case 'hash':
      return say(locale, 'diff_hash', { iys: d.iysHash ?? '—', izinli: d.izinliHash ?? '—' });
  }
}

/** A brand's days, newest first. */
export const newestFirst = (days: readonly Day[]): Day[] =>
  [...days].sort((a, b) => b.day.localeCompare(a.day));

export class IzinliReconciliationView extends AdminView {
  static override properties = states('overview');
  declare overview: ReconciliationOverview | undefined;

  protected async load(api: AdminApi) {
    this.overview = await api.get<ReconciliationOverview>('/v1/admin/reconciliation');
  }

  private async save(brand: Brand, day: Day, what: 'file' | 'timestamp') {
    if (!this.api) return;
    this.notice = '';
    this.actionError = '';
    const path = `/v1/admin/reconciliation/${brand.iysCode}/${brand.brandCode}/${day.day}/${what}`;
    const fallback = `iys-${brand.iysCode}-${brand.brandCode}-${day.day}.${what === 'file' ? 'csv' : 'tsr'}`;
    try {
      const name = await download(this.api, path, fallback);
      this.notice = this.t('downloaded', { name });
    } catch (error) {
      this.actionError = failureText(error);
    }
  }

  override render() {
    const o = this.overview;
    return html`<h1 tabindex="-1">${this.t('reconciliation')}</h1>
      <p class="muted">${this.t('reconciliationHint')}</p>
      ${this.status()} ${this.outcome('reconciliation')} ${o ? this.subscriptions(o) : ''}
      ${o ? o.brands.map((b) => this.brand(b, o)) : ''}`;
  }

  private subscriptions(o: ReconciliationOverview) {
    return tableSection(this.t('subscriptions'), {
      id: 'subscriptions',
      columns: [
        this.t('iysAccount'),
        this.t('endsOn'),
        this.t('daysLeft'),
        this.t('subscriptionStatus'),
        this.t('warning'),
        this.t('checkedAt'),
      ],
      rows: o.subscriptions,
      empty: this.t('noSubscriptionCheck'),
      row: (s) =>
        html`<tr data-iys-code=${s.iysCode} data-warning=${s.warning ?? ''}>
          <th scope="row">${s.iysCode}${s.packageName ? ` (${s.packageName})` : ''}</th>
          <td>${s.expirationDate ?? '—'}</td>
          <td>${s.daysLeft ?? '—'}</td>
          <td>${s.status ?? '—'}</td>
          <td class=${s.warning ? 'problem' : 'ok'}>
            ${s.warning ? this.t(`warning_${s.warning}`) : this.t('noWarning')}
            ${s.error ? html`<code>${s.error.code ?? s.error.kind} (${s.error.status})</code>` : ''}
          </td>
          <td>${turkeyTime(s.checkedAt)}</td>
        </tr>`,
    });
  }

  private brand(b: Brand, o: ReconciliationOverview) {
    const id = `days-${b.iysCode}-${b.brandCode}`;
    return html`<section data-brand=${`${b.iysCode}:${b.brandCode}`}>
      <h2 id="${id}-title">
        ${this.t('brandDays', {
          brandCode: b.brandCode,
          iysCode: b.iysCode,
          sites: b.siteKeys.join(', '),
        })}
      </h2>
      ${dataTable({
        id,
        labelledBy: `${id}-title`,
        columns: [
          this.t('day'),
          this.t('reconState'),
          this.t('iysRows'),
          this.t('izinliRows'),
          this.t('differences'),
          this.t('files'),
        ],
        rows: newestFirst(b.days),
        empty: this.t('noDays', { from: o.from }),
        row: (d) => this.day(b, d),
      })}
    </section>`;
  }

  private day(b: Brand, d: Day) {
    const shown = d.differences.slice(0, DIFFERENCES_SHOWN);
    return html`<tr data-day=${d.day} data-state=${d.state}>
      <th scope="row">${d.day}</th>
      <td class=${d.state === 'mismatch' || d.state === 'missed' ? 'problem' : ''}>
        ${this.t(`recon_${d.state}`)}
      </td>
      <td>${d.iysRows ?? '—'}</td>
      <td>${d.izinliRows ?? '—'}</td>
      <td>
        ${d.state === 'missed' ? this.missedReason(d) : d.differenceCount}
        ${
          shown.length
            ? html`<ul class="differences">
                ${shown.map(
                  (x) =>
                    html`<li data-kind=${x.kind}>
                      <strong>${this.t(`diffKind_${x.kind}`)}</strong>:
                      ${differenceText(x, this.locale)}
                    </li>`,
                )}
              </ul>`
            : ''
        }
        ${
          d.differenceCount > shown.length
            ? html`<p class="muted">
                ${this.t('moreDifferences', { n: d.differenceCount - shown.length })}
              </p>`
            : ''
        }
      </td>
      <td>
        ${d.fileSha256 ? this.download(b, d, 'file', this.t('downloadCsv'), 'CSV') : ''}
        ${d.timestampSha256 ? this.download(b, d, 'timestamp', this.t('downloadTsr'), '.tsr') : ''}
        ${d.fileSha256 || d.timestampSha256 ? '' : '—'}
        ${
          d.chained?.length
            ? html`<ul class="chained">
                ${d.chained.map(
                  (c) =>
                    html`<li data-chained=${`${c.siteKey}#${c.seq}`} title=${c.recordHash}>
                      ${this.t('chainedAt', { site: c.siteKey, seq: c.seq })}
                    </li>`,
                )}
              </ul>`
            : ''
        }
      </td>
    </tr>`;
  }

  private download(b: Brand, d: Day, kind: 'file' | 'timestamp', what: string, text: string) {
    return html`<button
      type="button"
      class="link"
      data-download=${kind}
      aria-label="${what}: ${d.day}"
      @click=${() => void this.save(b, d, kind)}
    >
      ${text}
    </button>`;
  }

  private missedReason(d: Day) {
    return d.reason === 'outside-window' ? this.t('missedOutsideWindow') : (d.reason ?? '—');
  }
}
