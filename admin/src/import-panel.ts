// The CSV upload under "Yeni izin": a file of consents (docs/sources.md#import) sent to
// POST /v1/admin/imports, checked first by default; the answer's JSON lines drive a progress line,
// then the report lists every bad row with its reasons.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView, states } from './admin-view.js';
import type { ImportReport } from './api-types.js';

/** The report line that ends the stream: the server's import report. */
type Report = ImportReport & { type: 'report' };
type Line = { type: 'progress'; label: string; done: number; total: number } | Report;

const SHOWN = 100;

export class IzinliImportPanel extends AdminView {
  static override properties = {
    sites: { attribute: false },
    ...states('running', 'progress', 'report', 'runError'),
  };
  declare sites: string[];
  declare running: boolean;
  declare progress: string;
  declare report: Report | undefined;
  declare runError: string;

  constructor() {
    super();
    this.sites = [];
    this.running = false;
    this.progress = '';
    this.runError = '';
  }

  protected async load(_api: AdminApi) {
    // Nothing to load: the sites come from the form around it.
  }

  private async run(event: SubmitEvent) {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = new FormData(event.target as HTMLFormElement);
    const file = form.get('csv');
    if (!(file instanceof File) || file.size === 0) return;
    const query = new URLSearchParams({
      site: String(form.get('site') ?? ''),
      ...(form.get('dryRun') ? { dryRun: 'true' } : {}),
    });
    this.running = true;
    this.report = undefined;
    this.runError = '';
    this.progress = '';
    try {
      const response = await api.request(`/v1/admin/imports?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Accept: 'application/x-ndjson' },
        body: file,
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (value) buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const text of lines.filter(Boolean)) this.take(JSON.parse(text) as Line);
        if (done) break;
      }
    } catch (error) {
      this.runError = failureText(error);
    } finally {
      this.running = false;
    }
  }

  private take(line: Line) {
    if (line.type === 'progress') {
      this.progress = this.t('importProgress', {
        step: this.t(line.label === 'recording' ? 'importRecording' : 'importChecking'),
        done: line.done,
        total: line.total,
      });
    } else {
      this.report = line;
      this.progress = '';
    }
  }

  override render() {
    const r = this.report;
    return html`<section>
      <h2 id="import-title">${this.t('importTitle')}</h2>
      <p class="muted" id="import-hint">${this.t('importHint')}</p>
      <form id="import-form" aria-labelledby="import-title" @submit=${this.run}>
        <label for="import-site">${this.t('site')}</label>
        <select id="import-site" name="site">
          ${this.sites.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>
        <label for="import-csv">${this.t('importFile')}</label>
        <input
          id="import-csv"
          name="csv"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="import-hint"
        />
        <label class="check"
          ><input type="checkbox" name="dryRun" id="import-dry" checked />
          ${this.t('importDryRun')}</label
        >
        <button type="submit" ?disabled=${this.running}>${this.t('importRun')}</button>
      </form>
      <p id="import-progress" role="status" aria-live="polite">${this.progress}</p>
      <div id="import-report" aria-live="polite">
        ${
          r
            ? html`<p class=${r.bad ? 'problem' : 'ok'}>
                  ${this.t(r.dryRun ? 'importDryReport' : 'importReport', {
                    rows: r.rows,
                    good: r.good,
                    recorded: r.recorded,
                    already: r.alreadyRecorded,
                    bad: r.bad,
                  })}
                </p>
                ${
                  r.badRows.length
                    ? html`<ul id="import-bad">
                        ${r.badRows
                          .slice(0, SHOWN)
                          .map(
                            (row) =>
                              html`<li data-line=${row.line}>
                                ${this.t('importLine', { line: row.line })}${
                                  row.rowKey ? ` (${row.rowKey})` : ''
                                }:
                                ${row.problems.map((p) => p.message).join('; ')}
                              </li>`,
                          )}
                      </ul>`
                    : ''
                }`
            : ''
        }
      </div>
      <p role="alert" class="problem" id="import-error">${this.runError}</p>
    </section>`;
  }
}
