// Deliveries to İYS: movements by state, a cursor page at a time; dead letters with İYS's code
// and (Turkish) message, what the code means, and a retry once the cause is fixed.
import { html } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView } from './admin-view.js';
import { MOVEMENT_STATES } from './api-types.js';
import type { Movement, MovementState, Page } from './api-types.js';
import { turkeyTime } from './format.js';
import { explainIysCode } from './iys-errors.js';

export const MOVEMENTS_PER_PAGE = 20;

export class IzinliDeliveriesView extends AdminView {
  static override properties = {
    stateFilter: { state: true },
    page: { state: true },
    cursors: { state: true },
    shownPage: { state: true },
    notice: { state: true },
    actionError: { state: true },
  };
  declare stateFilter: MovementState | '';
  declare page: Page<Movement> | undefined;
  declare cursors: (string | undefined)[];
  /** The number of the page on screen (the cursors may already name the next one). */
  declare shownPage: number;
  declare notice: string;
  declare actionError: string;

  constructor() {
    super();
    this.stateFilter = 'dead';
    this.cursors = [undefined];
    this.shownPage = 1;
    this.notice = '';
    this.actionError = '';
  }

  protected async load(api: AdminApi) {
    const cursors = this.cursors;
    this.page = await api.get<Page<Movement>>('/v1/admin/movements', {
      state: this.stateFilter || undefined,
      limit: String(MOVEMENTS_PER_PAGE),
      cursor: cursors.at(-1),
    });
    this.shownPage = cursors.length;
  }

  private choose(event: Event) {
    this.stateFilter = (event.target as HTMLSelectElement).value as MovementState | '';
    this.cursors = [undefined];
    this.notice = '';
    void this.reload();
  }

  private go(step: 1 | -1) {
    this.cursors =
      step === 1 ? [...this.cursors, this.page?.nextCursor] : this.cursors.slice(0, -1);
    void this.reload();
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
    const pageNumber = this.shownPage;
    const items = this.page?.items ?? [];
    return html`<h1 tabindex="-1">${this.t('deliveries')}</h1>
      <p class="muted">${this.t('deadHint')}</p>
      <label class="inline"
        >${this.t('stateFilter')}
        <select id="state-filter" @change=${this.choose}>
          <option value="" ?selected=${this.stateFilter === ''}>${this.t('allStates')}</option>
          ${MOVEMENT_STATES.map(
            (s) =>
              html`<option value=${s} ?selected=${s === this.stateFilter}>
                ${this.t(`state_${s}`)}
              </option>`,
          )}
        </select>
      </label>
      ${this.status()}
      <p role="status" class="notice" id="deliveries-notice">${this.notice}</p>
      <p role="alert" class="problem" id="deliveries-error">${this.actionError}</p>
      ${
        this.page
          ? html`<p id="movements-summary" data-page=${pageNumber} data-rows=${items.length}>
                ${this.t('pageN', { n: pageNumber })} · ${this.t('rowsShown', { n: items.length })}
              </p>
              ${
                items.length === 0
                  ? html`<p>${this.t('none')}</p>`
                  : html`<div
                      class="scroll"
                      tabindex="0"
                      role="region"
                      aria-labelledby="movements-summary"
                    >
                      <table id="movements">
                        <thead>
                          <tr>
                            <th scope="col">${this.t('channel')}</th>
                            <th scope="col">${this.t('recipientCol')}</th>
                            <th scope="col">${this.t('consentDate')}</th>
                            <th scope="col">${this.t('deadline')}</th>
                            <th scope="col">${this.t('stateFilter')}</th>
                            <th scope="col">${this.t('attempts')}</th>
                            <th scope="col">${this.t('error')}</th>
                            <th scope="col">${this.t('action')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${items.map((m) => this.row(m))}
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
