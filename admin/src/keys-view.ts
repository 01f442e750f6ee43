// Keys and checkpoints: the public keys receipts verify with (current first, then retired), the
// latest signed chain heads of the tenant's sites, and "verify the log now": a background job on
// the server whose progress this polls, and whose report it finds again after a reload.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { ApiFailure, failureText } from './api.js';
import { AdminView, states } from './admin-view.js';
import { dataTable, tableSection } from './data-table.js';
import type { Checkpoint, Jwks, LogVerifyJob, SyncState } from './api-types.js';
import { turkeyTime } from './format.js';

const CHECKPOINTS_PER_SITE = 5;
/** How often a running verification is asked for its progress. */
const POLL_MS = 500;

export class IzinliKeysView extends AdminView {
  static override properties = states('jwks', 'checkpoints', 'job', 'verifyError');
  declare jwks: Jwks | undefined;
  declare checkpoints: Checkpoint[];
  declare job: LogVerifyJob | undefined;
  declare verifyError: string;
  private poll: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.checkpoints = [];
    this.verifyError = '';
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.poll);
    this.poll = undefined;
  }

  private get verifying(): boolean {
    return this.job?.state === 'running';
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
    // The newest verification of this server process, running or done: the page may have been
    // reloaded (or left) while it ran.
    try {
      this.follow(await api.get<LogVerifyJob>('/v1/admin/log/verify'));
    } catch (error) {
      if (!(error instanceof ApiFailure && error.status === 404)) throw error;
    }
  }

  /** Shows the job, and asks again while it runs. */
  private follow(job: LogVerifyJob) {
    this.job = job;
    clearTimeout(this.poll);
    this.poll = undefined;
    if (job.state !== 'running' || !this.isConnected) return;
    this.poll = setTimeout(() => {
      const api = this.api;
      if (!api) return;
      api.get<LogVerifyJob>(`/v1/admin/log/verify/${encodeURIComponent(job.id)}`).then(
        (next) => this.follow(next),
        (error: unknown) => {
          this.verifyError = failureText(error);
          this.job = undefined;
        },
      );
    }, POLL_MS);
  }

  private async verify() {
    if (!this.api) return;
    this.verifyError = '';
    try {
      this.follow(await this.api.post<LogVerifyJob>('/v1/admin/log/verify'));
    } catch (error) {
      this.verifyError = failureText(error);
    }
  }

  private count(n: number): string {
    return n.toLocaleString(this.locale === 'tr' ? 'tr-TR' : 'en-GB');
  }

  private progressLine(job: LogVerifyJob) {
    const { checked, total } = job.progress;
    const percent = total > 0 ? Math.min(100, Math.floor((checked / total) * 100)) : 0;
    return html`<p id="log-progress">
      <label for="log-progress-bar">
        ${this.t('verifyProgress', { checked: this.count(checked), total: this.count(total) })}
      </label>
      <progress id="log-progress-bar" max="100" .value=${percent}>${percent}%</progress>
    </p>`;
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
      ${tableSection(this.t('checkpoints'), {
        id: 'checkpoints',
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
      <section>
        <h2 id="verify-title">${this.t('verifyLog')}</h2>
        <button type="button" id="verify-log" ?disabled=${this.verifying} @click=${this.verify}>
          ${this.verifying ? this.t('verifying') : this.t('verifyLog')}
        </button>
        <div
          id="log-report"
          role="status"
          aria-live="polite"
          data-state=${this.job?.state ?? ''}
          data-ok=${this.job?.result ? String(this.job.result.ok) : ''}
        >
          ${this.job ? this.jobReport(this.job) : ''}
        </div>
        <p role="alert" class="problem">${this.verifyError}</p>
      </section>`;
  }

  private jobReport(job: LogVerifyJob) {
    if (job.state === 'running') return this.progressLine(job);
    if (job.state === 'failed' || !job.result)
      return html`<p class="problem">${this.t('verifyFailed')}</p>`;
    const report = job.result;
    return html`<p class=${report.ok ? 'ok' : 'problem'}>
        ${
          report.ok
            ? this.t('logOk', {
                records: report.sites.reduce((n, s) => n + s.records, 0),
                checkpoints: report.sites.reduce((n, s) => n + s.checkpoints, 0),
              })
            : this.t('logBad', { n: report.problems.length })
        }
      </p>
      <p class="muted">${this.t('verifiedAt', { at: turkeyTime(report.verifiedAt) })}</p>
      ${
        report.problems.length
          ? html`<ul>
              ${report.problems.slice(0, 50).map((p) => html`<li>${p.message}</li>`)}
            </ul>`
          : ''
      }`;
  }
}
