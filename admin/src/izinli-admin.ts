// <izinli-admin>: the console's shell. Signed out, the sign-in form; signed in, the header (the
// sections, the language switch, logout) and the view the URL's hash names (#/overview …).
import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { states } from './admin-view.js';
import { AdminApi, ApiFailure, failureText } from './api.js';
import type { SyncState } from './api-types.js';
import { localeOf, say } from './i18n/index.js';
import type { AdminKey, AdminLocale } from './i18n/index.js';
import { clearToken, readToken, saveToken } from './session.js';

export const VIEWS = [
  'overview',
  'captures',
  'recipient',
  'consent',
  'deliveries',
  'keys',
  'reconciliation',
] as const;
/** Views reached from another view, not from the navigation (the printable evidence page). */
const LINKED_VIEWS = ['evidence'] as const;
export type ViewName = (typeof VIEWS)[number] | (typeof LINKED_VIEWS)[number];

const LANG_KEY = 'izinli-admin-lang';

/** The view a hash names (`#/captures`), the overview for anything else. */
export function viewOf(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ([...VIEWS, ...LINKED_VIEWS] as readonly string[]).includes(name)
    ? (name as ViewName)
    : 'overview';
}

export class IzinliAdmin extends LitElement {
  static override properties = states(
    'locale',
    'view',
    'api',
    'signInError',
    'signingIn',
    'paused',
  );
  declare locale: AdminLocale;
  declare view: ViewName;
  declare api: AdminApi | undefined;
  declare signInError: string | undefined;
  declare signingIn: boolean;
  /** The tenant's İYS accounts that İYS refuses as a whole: a banner on every page. */
  declare paused: PausedAccount[];
  #bannerTimer: ReturnType<typeof setInterval> | undefined;
  private readonly onHash = () => {
    this.view = viewOf(location.hash);
  };

  constructor() {
    super();
    // ?lang=en in the URL, else the language chosen in this tab, else <html lang> (Turkish).
    this.locale = localeOf(
      new URLSearchParams(location.search).get('lang') ??
        sessionStorage.getItem(LANG_KEY) ??
        document.documentElement.lang,
    );
    this.view = viewOf(location.hash);
    const token = readToken();
    this.api = token ? new AdminApi(token, this.locale) : undefined;
    this.signingIn = false;
    this.paused = [];
  }

  /** Reads the accounts' state; a failure leaves the banner as it was (the views say why). */
  private async checkAccounts() {
    const api = this.api;
    if (!api) return;
    try {
      const sync = await api.get<SyncState>('/v1/admin/sync');
      if (api === this.api) this.paused = sync.accounts.filter((a) => a.state === 'paused');
    } catch {
      // The view's own request reports the failure.
    }
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    document.documentElement.lang = this.locale;
    void this.checkAccounts();
    this.#bannerTimer = setInterval(() => void this.checkAccounts(), 60_000);
  }

  override disconnectedCallback() {
    removeEventListener('hashchange', this.onHash);
    clearInterval(this.#bannerTimer);
    super.disconnectedCallback();
  }

  private t(key: AdminKey, values?: Record<string, string | number>) {
    return say(this.locale, key, values);
  }

  protected override updated(changed: Map<string, unknown>) {
    document.documentElement.lang = this.locale;
    const title = this.t(this.view === 'evidence' ? 'evidencePage' : this.view);
    document.title = `${this.api ? `${title} · ` : ''}${this.t('appName')}`;
    // A new view (or sign-in) moves focus to its heading, as a page load would.
    if ((changed.has('view') && changed.get('view') !== undefined) || changed.has('api')) {
      const view = this.querySelector<LitElement>('main > *');
      void (view?.updateComplete ?? Promise.resolve(true)).then(() =>
        this.querySelector<HTMLElement>('main h1')?.focus(),
      );
    }
  }

  private switchLanguage() {
    this.locale = this.locale === 'tr' ? 'en' : 'tr';
    sessionStorage.setItem(LANG_KEY, this.locale);
    const token = readToken();
    if (token) this.api = new AdminApi(token, this.locale);
  }

  private async signIn(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const token = (new FormData(form).get('token') as string | null)?.trim() ?? '';
    this.signingIn = true;
    this.signInError = undefined;
    const api = new AdminApi(token, this.locale);
    try {
      // Any admin route checks the token; the sync state is the cheapest.
      await api.get('/v1/admin/sync');
      saveToken(token);
      this.api = api;
      void this.checkAccounts();
    } catch (error) {
      this.signInError =
        error instanceof ApiFailure && error.status === 401
          ? `${this.t('refused')}: ${failureText(error)}`
          : `${this.t('failed')}: ${failureText(error)}`;
    } finally {
      this.signingIn = false;
    }
  }

  private logout() {
    clearToken();
    this.api = undefined;
    this.paused = [];
    this.signInError = undefined;
  }

  private languageButton(): TemplateResult {
    const other = this.locale === 'tr' ? 'en' : 'tr';
    return html`<button
      type="button"
      class="link"
      lang=${other}
      aria-label=${this.t('languageLabel')}
      @click=${this.switchLanguage}
    >
      ${this.t('language')}
    </button>`;
  }

  private signInForm(): TemplateResult {
    return html`<header class="bar">
        <span class="brand">${this.t('appName')}</span>${this.languageButton()}
      </header>
      <main id="main" class="narrow">
        <h1 tabindex="-1">${this.t('signInTitle')}</h1>
        <form id="sign-in" @submit=${this.signIn}>
          <p class="muted" id="token-hint">${this.t('signInHint')}</p>
          <label for="token">${this.t('token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby="token-hint${this.signInError ? ' sign-in-error' : ''}"
            aria-invalid=${this.signInError ? 'true' : 'false'}
          />
          <button type="submit" ?disabled=${this.signingIn}>
            ${this.signingIn ? this.t('signingIn') : this.t('signIn')}
          </button>
          <p id="sign-in-error" class="problem" role="alert">${this.signInError ?? ''}</p>
        </form>
      </main>`;
  }

  private current(): TemplateResult {
    // Every view is the element <izinli-NAME-view>; the name comes from the fixed list of views.
    const tag = unsafeStatic(`izinli-${this.view}-view`);
    return staticHtml`<${tag} .api=${this.api} locale=${this.locale}></${tag}>`;
  }

  override render() {
    if (!this.api) return this.signInForm();
    return html`<a
        class="skip"
        href="#main"
        @click=${(e: Event) => {
          e.preventDefault();
          this.querySelector<HTMLElement>('main h1')?.focus();
        }}
        >${this.t('skip')}</a
      >
      <header class="bar">
        <span class="brand">${this.t('appName')}</span>
        <nav aria-label=${this.t('navLabel')}>
          <ul>
            ${VIEWS.map(
              (name) =>
                html`<li>
                  <a
                    href="#/${name}"
                    id="nav-${name}"
                    data-view=${name}
                    aria-current=${name === this.view ? 'page' : 'false'}
                    >${this.t(name)}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <span class="actions">
          ${this.languageButton()}
          <button type="button" id="logout" class="link" @click=${this.logout}>
            ${this.t('logout')}
          </button>
        </span>
      </header>
      ${this.banner()}
      <main id="main">${this.current()}</main>`;
  }

  private banner(): TemplateResult | typeof nothing {
    if (this.paused.length === 0) return nothing;
    const when = (iso: string | undefined) =>
      iso ? new Date(iso).toLocaleString(this.locale === 'tr' ? 'tr-TR' : 'en-GB') : '—';
    return html`<div id="account-banner" class="banner" role="alert">
      ${this.paused.map(
        (a) =>
          html`<p data-iys-code=${a.iysCode}>
            ${this.t('accountPaused', {
              iysCode: a.iysCode,
              code: a.cause?.code ?? '—',
              since: when(a.pausedAt),
              todo: a.whatToDo?.[this.locale] ?? '',
              next: when(a.nextProbeAt),
            })}
          </p>`,
      )}
    </div>`;
  }
}

type PausedAccount = SyncState['accounts'][number];
