// Keys and checkpoints: the public keys receipts verify with (current first, then retired), the
// latest signed chain heads of the tenant's sites, and "verify the log now" with its report.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView } from './admin-view.js';
import { dataTable } from './data-table.js';
import type { Checkpoint, Jwks, LogVerification, SyncState } from './api-types.js';
import { turkeyTime } from './format.js';

const CHECKPOINTS_PER_SITE = 5;

export class IzinliKeysView extends AdminView {
  static override properties = {
    jwks: { state: true },
    checkpoints: { state: true },
    report: { state: true },
    verifying: { state: true },
    verifyError: { state: true },
  };
  declare jwks: Jwks | undefined;
  declare checkpoints: Checkpoint[];
  declare report: LogVerification | undefined;
  declare verifying: boolean;
  declare verifyError: string;

  constructor() {
    super();
    this.checkpoints = [];
    this.verifying = false;
    this.verifyError = '';
  }

  protected async load(api: AdminApi) {
    const [jwks, sync] = await Promise.all([
      api.get<Jwks>('/.well-known/jwks.json'),
      api.get<SyncState>('/v1/admin/sync'),
    ]);
    const sites = sync.brands.flatMap((b) => b.siteKeys);
    const lists = await Promise.all(
      sites.map((siteKey) =>
        api.get<{ checkpoints: Checkpoint[] }>('/v1/checkpoints', {
          siteKey,
          limit: String(CHECKPOINTS_PER_SITE),
        }),
      ),
    );
    this.jwks = jwks;
    this.checkpoints = lists.flatMap((l) => l.checkpoints);
  }

  private async verify() {
    if (!this.api) return;
    this.verifying = true;
    this.verifyError = '';
    this.report = undefined;
    try {
      this.report = await this.api.post<LogVerification>('/v1/admin/log/verify');
    } catch (error) {
      this.verifyError = failureText(error);
    } finally {
      this.verifying = false;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">${this.t('keys')}</h1>
      ${this.status()}
      <section>
        <h2 id="keys-title">${this.t('jwks')}</h2>
        ${dataTable({
          id: 'jwks',
          labelledBy: 'keys-title',
          columns: [this.t('kid'), this.t('keyState'), 'alg'],
          rows: this.jwks?.keys ?? [],
          row: (k, i) =>
            html`<tr data-kid=${k.kid}>
              <td><code>${k.kid}</code></td>
              <td>${i === 0 ? this.t('keyCurrent') : this.t('keyRetired')}</td>
              <td>${k.alg ?? ''} ${k.crv ?? ''}</td>
            </tr>`,
        })}
      </section>
      <section>
        <h2 id="checkpoints-title">${this.t('checkpoints')}</h2>
        ${dataTable({
          id: 'checkpoints',
          labelledBy: 'checkpoints-title',
          columns: [this.t('site'), this.t('seq'), this.t('signedAt'), this.t('headHash')],
          rows: this.checkpoints,
          empty: this.t('none'),
          row: (c) =>
            html`<tr data-site=${c.siteKey} data-seq=${c.seq}>
              <td>${c.siteKey}</td>
              <td>${c.seq}</td>
              <td>${turkeyTime(c.signedAt)}</td>
              <td><code class="hash">${c.hash}</code></td>
            </tr>`,
        })}
      </section>
      <section>
        <h2 id="verify-title">${this.t('verifyLog')}</h2>
        <button type="button" id="verify-log" ?disabled=${this.verifying} @click=${this.verify}>
          ${this.verifying ? this.t('verifying') : this.t('verifyLog')}
        </button>
        <div
          id="log-report"
          role="status"
          aria-live="polite"
          data-ok=${this.report ? String(this.report.ok) : ''}
        >
          ${
            this.report
              ? html`<p class=${this.report.ok ? 'ok' : 'problem'}>
                    ${
                      this.report.ok
                        ? this.t('logOk', {
                            records: this.report.sites.reduce((n, s) => n + s.records, 0),
                            checkpoints: this.report.sites.reduce((n, s) => n + s.checkpoints, 0),
                          })
                        : this.t('logBad', { n: this.report.problems.length })
                    }
                  </p>
                  ${
                    this.report.problems.length
                      ? html`<ul>
                          ${this.report.problems.slice(0, 50).map((p) => html`<li>${p.message}</li>`)}
                        </ul>`
                      : ''
                  }`
              : ''
          }
        </div>
        <p role="alert" class="problem">${this.verifyError}</p>
      </section>`;
  }
}
