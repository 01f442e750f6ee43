// What every view shares: light DOM (the console's one stylesheet, admin.css, styles it; no
// inline style, so a strict CSP holds), the signed-in API client, the language, and a load
// state with the server's failure shown plainly.
import { LitElement, html } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { failureText } from './api.js';
import type { AdminApi } from './api.js';
import { say } from './i18n/index.js';
import type { AdminKey, AdminLocale } from './i18n/index.js';

/** Reactive properties that are internal state (not attributes), one entry a name. */
export function states(...names: string[]): PropertyDeclarations {
  return Object.fromEntries(names.map((name) => [name, { state: true }]));
}

/** A <select>'s options: one a value, the one equal to `selected` chosen. */
export function optionsOf<T extends string>(
  values: readonly T[],
  selected: string,
  label: (value: T) => string,
): TemplateResult[] {
  return values.map(
    (v) => html`<option value=${v} ?selected=${v === selected}>${label(v)}</option>`,
  );
}

export abstract class AdminView extends LitElement {
  static override properties: PropertyDeclarations = {
    api: { attribute: false },
    locale: {},
    loading: { state: true },
    failure: { state: true },
    notice: { state: true },
    actionError: { state: true },
  };
  declare api: AdminApi | undefined;
  declare locale: AdminLocale;
  declare protected loading: boolean;
  declare protected failure: string | undefined;
  /** What the last action (a retry, a download, a withdrawal) did, or why it failed. */
  declare notice: string;
  declare actionError: string;

  constructor() {
    super();
    this.locale = 'tr';
    this.loading = false;
    this.notice = '';
    this.actionError = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  protected t(key: AdminKey, values?: Record<string, string | number>): string {
    return say(this.locale, key, values);
  }

  /** Loads the view's data with the signed-in client; errors become `failure`. */
  protected abstract load(api: AdminApi): Promise<void>;

  override connectedCallback() {
    super.connectedCallback();
    void this.reload();
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('api') && changed.get('api') !== undefined) void this.reload();
  }

  async reload() {
    const api = this.api;
    if (!api) return;
    this.loading = true;
    this.failure = undefined;
    try {
      await this.load(api);
    } catch (error) {
      this.failure = failureText(error);
    } finally {
      this.loading = false;
    }
  }

  /** The last action's outcome: `<id>-notice` said politely, `<id>-error` as an alert. */
  protected outcome(id: string): TemplateResult {
    return html`<p role="status" class="notice" id="${id}-notice">${this.notice}</p>
      <p role="alert" class="problem" id="${id}-error">${this.actionError}</p>`;
  }

  /** The loading line or the failure with a retry button, else nothing. */
  protected status(): TemplateResult {
    if (this.failure)
      return html`<div class="problem" role="alert">
        <p>${this.t('failed')}: ${this.failure}</p>
        <button type="button" @click=${() => void this.reload()}>${this.t('retry')}</button>
      </div>`;
    return html`<p class="muted" role="status" aria-live="polite">
      ${this.loading ? this.t('loading') : ''}
    </p>`;
  }
}
