// Long because: the element's public surface is one Lit class; view, draft and outbox are apart.
import { LitElement, html, nothing } from 'lit';
import type { Channel, RecipientType } from '@izinli/core';
import { buildDraft, offeredChannels } from './capture-draft.js';
import type { CaptureDraft, TypedPerson } from './capture-draft.js';
import { sharedOutbox } from './capture-outbox.js';
import type { CaptureOutbox } from './capture-outbox.js';
import { consentStyles } from './consent-styles.js';
import { renderConsent } from './consent-view.js';
import { consentProblem } from './consent-validity.js';
import type { ConsentProblem } from './consent-validity.js';
import { IzinliChangeEvent } from './events/izinli-change-event.js';
import { IzinliErrorEvent } from './events/izinli-error-event.js';
import type { IzinliErrorCode, IzinliProblem } from './events/izinli-error-event.js';
import { collect } from './host-fields.js';
import type { Collected } from './host-fields.js';
import { HostFormBinding } from './host-form-binding.js';
import { localeOf, say } from './i18n/index.js';
import { newId } from './new-id.js';
import { isPhoneChannel, noticeOf, shownPurposes } from './site-view.js';
import type { SiteView } from './site-view.js';
import { baseOf, loadSiteView } from './site-view-client.js';
import type { SiteViewFailure } from './site-view-client.js';
import type { VerifySteps } from './verify/verify-step.js';
import { WIDGET_VERSION } from './version.js';

type Ticked = { channels: Partial<Record<Channel, boolean>>; purposes: Record<string, boolean> };
type OwnField = keyof TypedPerson;

/**
 * The consent part of a signup form: one unticked box per İYS channel the form has an address
 * for, the KVKK aydınlatma notice on its own, and one unticked box per açık rıza purpose, all
 * from the server's site config. A form-associated element: its value is the capture id, and on
 * submit the capture is stored in IndexedDB and sent before the form goes on.
 *
 * @tagname izinli-consent
 * @summary İYS permissions and KVKK consent inside a site's own form.
 *
 * @fires {IzinliCapturedEvent} izinli-captured - The server stored the capture: `captureId`, `receipt`, and `verification` (each held channel's `channel`, `method` and `state`).
 * @fires {IzinliErrorEvent} izinli-error - Something failed: `code` (config.unavailable, capture.skipped, capture.retrying, capture.refused, capture.undelivered), `error` (the server's code and message), `status`, `captureId`, and `final` (false only while the capture is kept for another send).
 * @fires {IzinliChangeEvent} izinli-change - The person ticked or unticked a box.
 *
 * @csspart base - The wrapper of everything; carries the `lang` of the texts.
 * @csspart status - The sentence shown when the site config cannot be loaded (empty while loading).
 * @csspart fieldset - Each group of fields or boxes.
 * @csspart person - The group of the element's own inputs (a fieldset).
 * @csspart etk - The commercial-message group: its text, hint, channel boxes and message (a fieldset).
 * @csspart purposes - The explicit-consent group (a fieldset).
 * @csspart legend - Each group's title.
 * @csspart text - A consent or notice text, exactly as the site config holds it.
 * @csspart hint - The sentence saying that choosing no channel is fine.
 * @csspart choice - A checkbox with its label.
 * @csspart checkbox - A checkbox.
 * @csspart purpose - One purpose: its box and its text.
 * @csspart notice - A text's disclosure (`details`).
 * @csspart aydinlatma - The aydınlatma notice's disclosure.
 * @csspart purpose-text - A purpose's consent-text disclosure.
 * @csspart summary - A disclosure's title.
 * @csspart field - One of the element's own inputs with its label.
 * @csspart input - One of the element's own inputs.
 * @csspart field-hint - Under the element's own phone field: which numbers the site's phone rules take.
 * @csspart error - What a ticked channel still needs; a polite live region.
 * @csspart verify - The code step under a ticked channel whose site asks a code (docs/verification.md).
 * @csspart button - A button of the code step (also `send`, `check` or `resend`).
 * @csspart code - The one-time-code input (with `input`).
 * @csspart verify-status - What the code step says (sent, wrong, locked, expired, verified); a polite live region.
 * @csspart verify-note - After the capture, which confirmation links were sent; a polite live region.
 *
 * @cssproperty --izinli-color-text - Text colour.
 * @cssproperty --izinli-color-muted - Hints and status.
 * @cssproperty --izinli-color-background - Background.
 * @cssproperty --izinli-color-border - Group and input borders.
 * @cssproperty --izinli-color-accent - Checkboxes, links, focus ring.
 * @cssproperty --izinli-color-error - Validation message and invalid outline.
 * @cssproperty --izinli-font-family - Font family (inherited by default).
 * @cssproperty --izinli-font-size - Font size (inherited by default).
 * @cssproperty --izinli-radius - Corner radius.
 * @cssproperty --izinli-gap - Space between groups.
 */
export class IzinliConsent extends LitElement {
  /** The version of this copy of the widget, named when two copies meet. */
  static readonly version = WIDGET_VERSION;
  static readonly formAssociated = true;
  static override styles = consentStyles;
  static override properties = {
    site: {},
    endpoint: {},
    nameField: { attribute: 'name-field' },
    phoneField: { attribute: 'phone-field' },
    emailField: { attribute: 'email-field' },
    recipientType: { attribute: 'recipient-type' },
    submitWait: { attribute: 'submit-wait', type: Number },
    _lang: { attribute: 'lang' },
    _view: { state: true },
    _failed: { state: true },
    _ticked: { state: true },
    _own: { state: true },
    _touched: { state: true },
    _disabled: { state: true },
  };

  /** The site key from the izinli server's site config. */
  declare site: string;
  /** The izinli server's base URL; by default the origin the script was loaded from. */
  declare endpoint: string;
  /** `name` of the host form's full-name field. Without any `*-field`, the element asks itself. */
  declare nameField: string | undefined;
  /** `name` of the host form's phone field; MESAJ and ARAMA are offered only with one (A4). */
  declare phoneField: string | undefined;
  /** `name` of the host form's e-mail field; EPOSTA is offered only with one (A4). */
  declare emailField: string | undefined;
  /** `BIREYSEL` (default) or `TACIR` (A16). */
  declare recipientType: RecipientType;
  /** Milliseconds a native form submission waits for the capture to be stored and sent. */
  declare submitWait: number;
  /** The language of the widget's own words and of the texts it asks for: `tr` or `en`; else `<html lang>`. */
  declare _lang: string | undefined;
  declare private _view: SiteView | undefined;
  declare private _failed: boolean;
  declare private _ticked: Ticked;
  declare private _own: TypedPerson;
  declare private _touched: boolean;
  declare private _disabled: boolean;

  readonly #internals: ElementInternals;
  readonly #binding = new HostFormBinding(this);
  #outbox: CaptureOutbox | undefined;
  #captureId = newId();
  #queued: string | undefined;
  #delivery: Promise<void> | undefined;
  #pending: CaptureDraft | undefined;
  #loads = 0;
  /** The code step, loaded only for a site that verifies a channel. */
  #steps: VerifySteps | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.site = '';
    this.endpoint = new URL(import.meta.url).origin;
    this.recipientType = 'BIREYSEL';
    this.submitWait = 1500;
    this._failed = this._touched = this._disabled = false;
    this._ticked = { channels: {}, purposes: {} };
    this._own = {};
    this.addEventListener('invalid', this.#touch);
    this.addEventListener('izinli-captured', (e) => this.#steps?.captured(e.verification));
  }

  /** The capture id this form will submit (the form value), or '' before the config is loaded. */
  get value(): string {
    return this._view ? this.#captureId : '';
  }
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  /** Whether the answer can be captured; the form's own `checkValidity()` includes it. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  /** The delivery queue; the page's shared one unless a test gives its own. */
  get outbox(): CaptureOutbox {
    return (this.#outbox ??= sharedOutbox());
  }
  set outbox(outbox: CaptureOutbox) {
    this.#outbox = outbox;
  }

  // The form owner may be unchanged while its root is new (a form built detached, then inserted).
  override connectedCallback(): void {
    super.connectedCallback();
    this.#binding.attach(this.#internals.form);
  }

  /** Called with the form owner whenever it changes, on insertion and removal too. */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.#binding.attach(form);
  }
  formResetCallback(): void {
    this._ticked = { channels: {}, purposes: {} };
    this._own = {};
    this._touched = false;
    this.#steps?.reset();
    if (this.#queued !== undefined) this.#renew();
  }
  formDisabledCallback(disabled: boolean): void {
    this._disabled = disabled;
  }
  formStateRestoreCallback(state: unknown): void {
    if (typeof state === 'string') this._ticked = JSON.parse(state) as Ticked;
  }

  /** @internal HostFormClient: settles the form value before the host's listeners read it. */
  beforeSubmit(): void {
    this.#pending = undefined;
    const view = this._view;
    if (this._disabled) return;
    if (!view)
      return this.#fail('capture.skipped', {
        code: 'widget.notReady',
        message: 'Sent before the site config loaded: no capture.',
      });
    const problem = this.#problem();
    if (problem) {
      this._touched = true;
      this.#internals.setFormValue(null);
      return this.#fail('capture.skipped', {
        code: 'capture.invalid',
        message: say(view.locale, problem.message),
      });
    }
    const draft = this.#draft(view);
    // A different answer under a used id would be a 409: a new answer gets a new id.
    if (this.#queued !== undefined && JSON.stringify(draft) !== this.#queued) this.#renew();
    this.#pending = draft;
  }

  /** @internal HostFormClient: queues the capture; resolves when it is stored and sent. */
  submitted(): Promise<unknown> | undefined {
    const draft = this.#pending;
    this.#pending = undefined;
    if (!draft) return undefined;
    const key = JSON.stringify(draft);
    if (key === this.#queued) return this.#delivery;
    const id = this.#captureId;
    const body = JSON.stringify({ id, ...draft, capturedAt: new Date().toISOString() });
    const url = `${baseOf(this.endpoint)}/v1/captures`;
    this.#queued = key;
    return (this.#delivery = this.outbox.submit({ id, url, body, attempts: 0 }, this));
  }

  /** @internal HostFormClient */
  fieldsChanged(): void {
    this.requestUpdate();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('site') || changed.has('endpoint') || changed.has('_lang')) void this.#load();
  }

  override updated(): void {
    const view = this._view;
    const problem = view && this.#problem();
    const anchor = problem
      ? this.renderRoot.querySelector<HTMLElement>(`[data-channel=${problem.channel}]`)
      : null;
    if (problem) {
      this.#internals.setValidity(
        { customError: true },
        say(view.locale, problem.message),
        anchor ?? undefined,
      );
    } else this.#internals.setValidity({});
    this.#internals.states[problem && this._touched ? 'add' : 'delete']('user-invalid');
    this.#syncValue();
  }

  override render() {
    const view = this._view;
    if (!view) {
      // Nothing while loading (no flash of text); a sentence if the config cannot be had.
      const text = this._failed ? say(localeOf(this.#langTag()), 'unavailable') : '';
      return html`<p part="status" role="status">${text}</p>`;
    }
    const collected = this.#collect();
    const channels = this.#channels(collected);
    const { ownMode } = collected;
    const ownFields: OwnField[] = [];
    if (channels.length > 0 && !collected.hostName) ownFields.push('fullName');
    if (ownMode && channels.some(isPhoneChannel)) ownFields.push('phone');
    if (ownMode && channels.includes('EPOSTA')) ownFields.push('email');
    return renderConsent(
      {
        view,
        channels,
        purposes: shownPurposes(view),
        ownFields,
        own: this._own,
        ticked: this._ticked,
        disabled: this._disabled,
        problem: this._touched ? this.#problem() : undefined,
        step: (c) => this.#steps?.render(view, c, !!this._ticked.channels[c], collected.person),
        note: this.#steps?.note(view.locale),
      },
      this.#toggle,
      this.#typed,
    );
  }

  #toggle = (event: Event): void => {
    const box = event.target as HTMLInputElement;
    const { channel, purpose } = box.dataset;
    const ticked = {
      channels: { ...this._ticked.channels },
      purposes: { ...this._ticked.purposes },
    };
    if (channel) ticked.channels[channel as Channel] = box.checked;
    if (purpose) ticked.purposes[purpose] = box.checked;
    this._ticked = ticked;
    this._touched = true;
    const { channels, purposes } = this.#draft(this._view!);
    this.dispatchEvent(new IzinliChangeEvent(channels, purposes, !this.#problem()));
  };

  #draft(view: SiteView): CaptureDraft {
    const collected = this.#collect();
    return buildDraft({
      view,
      recipientType: this.recipientType,
      person: collected.person,
      channels: this.#channels(collected),
      purposes: shownPurposes(view),
      ticked: this._ticked,
      pageUrl: location.origin + location.pathname,
      verifications: this.#steps?.ids(this._ticked.channels),
    });
  }

  #typed = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this._own = { ...this._own, [input.dataset.field as OwnField]: input.value };
  };

  #touch = (): void => {
    this._touched = true;
  };

  #renew(): void {
    this.#captureId = newId();
    this.#queued = this.#delivery = undefined;
    // Now, not at the next render: the host's submit listeners read the form right after.
    this.#syncValue();
  }

  #syncValue(): void {
    this.#internals.setFormValue(this._view ? this.#captureId : null, JSON.stringify(this._ticked));
  }

  #fail(code: IzinliErrorCode, problem: IzinliProblem, status?: number): void {
    this.dispatchEvent(new IzinliErrorEvent(code, problem, status));
  }

  #langTag(): string {
    return this.getAttribute('lang') || document.documentElement.lang;
  }

  async #load(): Promise<void> {
    const ticket = ++this.#loads;
    const loaded = await loadSiteView(this.endpoint, this.site, localeOf(this.#langTag()));
    if (ticket !== this.#loads) return;
    this._failed = 'problem' in loaded;
    this._view = this._failed ? undefined : (loaded as SiteView);
    // The server sends `verification` only when a channel is verified. The step is a chunk of
    // its own (rollup.config.js); the signup works without it (B5).
    if (!this.#steps && this._view?.verification) {
      import('./verify/verify-step.js').then(
        (m) => {
          this.#steps = new m.VerifySteps(this, { html, nothing });
          this.requestUpdate();
        },
        (error: unknown) => console.warn('izinli:', error),
      );
    }
    if (this._failed) {
      const { problem, status } = loaded as SiteViewFailure;
      if (status === 403 && problem.code === 'origin.forbidden') {
        // The site owner's mistake, not the visitor's: say in the console what to change.
        console.warn(
          `izinli: this page's origin (${location.origin}) is not allowed for site "${this.site}" on ${this.endpoint}. ` +
            `Add "${location.origin}" to that site's allowedOrigins in the izinli server's config. ` +
            `Until then no consent is captured on this page.`,
        );
        this.#fail('origin.not_allowed', problem, status);
      } else this.#fail('config.unavailable', problem, status);
    }
  }

  #collect(): Collected {
    const names = { name: this.nameField, phone: this.phoneField, email: this.emailField };
    return collect(this.#internals.form, names, this._own);
  }

  #channels(collected = this.#collect()): Channel[] {
    const view = this._view;
    return view && noticeOf(view, view.etkNoticeId) ? offeredChannels(view, collected) : [];
  }

  #problem(): ConsentProblem | undefined {
    const view = this._view;
    if (!view) return undefined;
    const collected = this.#collect();
    const ticked = this.#channels(collected).filter((c) => this._ticked.channels[c]);
    return consentProblem(ticked, collected.person, view.phones);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'izinli-consent': IzinliConsent;
  }
}
