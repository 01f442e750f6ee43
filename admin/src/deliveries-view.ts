// Deliveries to İYS: movements by state, a cursor page at a time; dead letters with İYS's code
// and (Turkish) message, what the code means, and a retry once the cause is fixed.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { MOVEMENT_STATES } from './api-types.js';
import type { Movement, MovementState, Page } from './api-types.js';
import { turkeyTime } from './format.js';
import { explainIysCode } from './iys-errors.js';
import { optionsOf, states } from './admin-view.js';
import { PagedView } from './paged-view.js';

export const MOVEMENTS_PER_PAGE = 20;

export class IzinliDeliveriesView extends PagedView<Movement> {
  static override properties = states('stateFilter');
  declare stateFilter: MovementState | '';

  constructor() {
    super();
    this.stateFilter = 'dead';
  }

  protected loadPage(api: AdminApi, cursor: string | undefined) {
    return api.get<Page<Movement>>('/v1/admin/movements', {
      state: this.stateFilter || undefined,
      limit: String(MOVEMENTS_PER_PAGE),
      cursor,
    });
  }

  private choose(event: Event) {
    this.stateFilter = (event.target as HTMLSelectElement).value as MovementState | '';
    this.notice = '';
    this.firstPage();
  }

  private async retry(movement: Movement) {
    if (!this.api) return;
    this.notice = '';
    this.actionError = '';
    try {
      await this.api.post(`/v1/admin/movements/${encodeURIComponent(movement.id)}/retry`);
      await this.reload();
      this.notice = this.t('retried');
    } catch (error) {
      this.actionError = failureText(error);
    }
  }

  override render() {
    return html`<h1 tabindex="-1">${this.t('deliveries')}</h1>
      <p class="muted">${this.t('deadHint')}</p>
      <label class="inline"
        >${this.t('stateFilter')}
        <select id="state-filter" @change=${this.choose}>
          <option value="" ?selected=${this.stateFilter === ''}>${this.t('allStates')}</option>
          ${optionsOf(MOVEMENT_STATES, this.stateFilter, (s) => this.t(`state_${s}`))}
        </select>
      </label>
      ${this.status()} ${this.outcome('deliveries')}
      ${this.pageTable({
        id: 'movements',
        columns: [
          this.t('channel'),
          this.t('recipientCol'),
          this.t('consentDate'),
          this.t('deadline'),
          this.t('stateFilter'),
          this.t('attempts'),
          this.t('error'),
          this.t('action'),
        ],
        empty: this.t('none'),
        row: (m) => this.row(m),
      })}`;
  }

  private row(m: Movement) {
    const explained = m.lastError ? explainIysCode(m.lastError.code, this.locale) : undefined;
    return html`<tr data-movement=${m.id} data-state=${m.state}>
      <td>${this.t(m.type)} ${m.status}</td>
      <td>${m.recipient}</td>
      <td>${m.consentDate}</td>
      <td>${turkeyTime(m.deadline)}</td>
      <td>${this.t(`state_${m.state}`)}</td>
      <td>${m.attempts}</td>
      <td>
        ${
          m.lastError
            ? html`<code data-code=${m.lastError.code}>${m.lastError.code}</code>
                <span lang="tr">${m.lastError.message}</span>
                ${explained ? html`<br /><span class="muted">${explained}</span>` : ''}`
            : '—'
        }
      </td>
      <td>
        ${
          m.state === 'dead'
            ? html`<button
                type="button"
                data-retry=${m.id}
                aria-label="${this.t('retryMovement')}: ${this.t(m.type)} ${m.recipient}"
                @click=${() => void this.retry(m)}
              >
                ${this.t('retryMovement')}
              </button>`
            : ''
        }
      </td>
    </tr>`;
  }
}
