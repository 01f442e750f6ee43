// The code step of verified consent (docs/verification.md#the-flow), as a chunk of its own: the
// element imports it only when its site verifies a channel, so other sites' pages never load it.
// It imports no Lit at run time: the element hands it `html` and `nothing`, so the module build
// and the classic script share this one file and one Lit.
import type { Channel, SupportedLocale } from '@izinli/core';
import type { TemplateResult, html as litHtml, nothing as litNothing } from 'lit';
import type { TypedPerson } from '../capture-draft.js';
import { addressProblem } from '../consent-validity.js';
import type { IzinliVerification } from '../events/izinli-captured-event.js';
import { baseOf } from '../site-view-client.js';
import { isPhoneChannel } from '../site-view.js';
import type { SiteView } from '../site-view.js';
import { attemptsLeftOf, errorCodeOf, postJson, timeOf } from './verify-answers.js';
import type { Answer } from './verify-answers.js';
import { verifyTexts } from './verify-texts.js';
import type { VerifyKey } from './verify-texts.js';

/** What the step needs of Lit, from the element's own copy. */
export interface Lit {
  html: typeof litHtml;
  nothing: typeof litNothing;
}

/** The element, as the step sees it. */
export interface StepHost {
  endpoint: string;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/** Where a channel's code stands; no phase: not sent yet. */
type Phase = 'sent' | 'wrong' | 'locked' | 'expired' | 'confirmed';

interface Step {
  /** The address the code went (or goes) to: another address starts over. */
  address: string;
  phase?: Phase;
  id?: string;
  attemptsLeft?: number;
  /** When a new code may be asked (ms since the epoch). */
  resendAt?: number;
  busy?: boolean;
  /** What the live region says, when not the phase's own sentence. */
  say?: VerifyKey;
  timer?: ReturnType<typeof setTimeout>;
}

// Lays the step out under its box; buttons look like the element's inputs.
const STYLES = `[part~=verify]{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.25rem 0 .5rem 1.75rem}
[part~=verify] [part~=field]{flex:0 1 14rem}
[part~=button]{font:inherit;color:inherit;background:var(--_bg);border:1px solid var(--_accent);border-radius:.25rem;padding:.375rem .75rem;cursor:pointer}
[part~=button]:disabled{cursor:default;opacity:.6}
[part~=verify-status],[part~=verify] small{flex-basis:100%;margin:0}
[part~=verify-status]:empty,[part~=verify-note]:empty{display:none}`;

const CODE = /^[0-9]{6}$/;

/** The code step under each ticked `code` channel, and the note on links sent after the capture. */
export class VerifySteps {
  readonly #host: StepHost;
  readonly #lit: Lit;
  readonly #steps = new Map<Channel, Step>();
  #view: SiteView | undefined;
  #links: IzinliVerification[] = [];

  constructor(host: StepHost, lit: Lit) {
    this.#host = host;
    this.#lit = lit;
    const root = host.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /**
   * The step under `channel`'s box: nothing unless the site asks a code for it, it is ticked and
   * its address is usable. A different address than the code went to starts over.
   */
  render(view: SiteView, channel: Channel, ticked: boolean, person: TypedPerson): unknown {
    const { html, nothing } = this.#lit;
    this.#view = view;
    if (view.verification?.channels[channel] !== 'code') return nothing;
    const address = (isPhoneChannel(channel) ? person.phone : person.email)?.trim() ?? '';
    let step = this.#steps.get(channel);
    if (step && step.address !== address) {
      clearTimeout(step.timer);
      this.#steps.delete(channel);
      step = undefined;
    }
    if (!ticked || addressProblem([channel], person, view.phones)) return nothing;
    if (!step) this.#steps.set(channel, (step = { address }));
    const t = (key: VerifyKey) => verifyTexts[view.locale][key];
    const { phase } = step;
    const status = `verify-${channel}-status`;
    const said =
      step.say ?? (phase === 'wrong' ? 'wrong' : phase === 'sent' ? sentKey(channel) : phase);
    const text = said ? t(said).replace('{n}', String(step.attemptsLeft ?? 0)) : '';
    const typing = phase === 'sent' || phase === 'wrong';
    const waiting = (step.resendAt ?? 0) > Date.now();
    // A group of its own: two channels' steps have buttons of the same name.
    const group = t(isPhoneChannel(channel) ? 'groupPhone' : 'groupEmail');
    return html`<div part="verify" role="group" aria-label=${group} data-verify=${channel}>
      ${
        !phase
          ? html`<button
                type="button"
                part="button send"
                aria-describedby="verify-${channel}-optional"
                @click=${() => void this.#send(channel)}
              >
                ${t('send')}</button
              ><small id="verify-${channel}-optional">${t('optional')}</small>`
          : nothing
      }
      ${
        typing
          ? html`<label part="field"
                ><span>${t('codeLabel')}</span
                ><input
                  part="input code"
                  data-code=${channel}
                  autocomplete="one-time-code"
                  inputmode="numeric"
                  pattern="[0-9]{6}"
                  maxlength="6"
                  aria-invalid=${phase === 'wrong' ? 'true' : nothing}
                  aria-describedby=${status}
                  @keydown=${(event: KeyboardEvent) => {
                    // Enter checks the code; the host form is sent by its own button.
                    if (event.key !== 'Enter') return;
                    event.preventDefault();
                    void this.#check(channel);
                  }} /></label
              ><button type="button" part="button check" @click=${() => void this.#check(channel)}>
                ${t('check')}
              </button>`
          : nothing
      }
      ${
        phase && phase !== 'confirmed'
          ? html`<button
              type="button"
              part="button resend"
              data-resend=${channel}
              ?disabled=${waiting}
              @click=${() => void this.#resend(channel)}
            >
              ${t('resend')}
            </button>`
          : nothing
      }
      <p part="verify-status" id=${status} aria-live="polite">${text}</p>
    </div>`;
  }

  /** The ids of the verifications started for the ticked channels, confirmed or not. */
  ids(ticked: Partial<Record<Channel, boolean>>): string[] {
    return [...this.#steps].flatMap(([c, s]) => (ticked[c] && s.id ? [s.id] : []));
  }

  /** The captured answer's verification: links sent are said under the boxes. */
  captured(verification: IzinliVerification[] | undefined): void {
    // An older copy's outbox on the same page may send events without it.
    this.#links = (verification ?? []).filter((v) => v.method === 'link' && v.state === 'sent');
    this.#host.requestUpdate();
  }

  /** The note on the links the server sent, a polite live region (empty until then). */
  note(locale: SupportedLocale): TemplateResult {
    const texts = this.#links.map(
      (v) => verifyTexts[locale][isPhoneChannel(v.channel) ? 'linkPhone' : 'linkEmail'],
    );
    return this.#lit
      .html`<p part="verify-note" aria-live="polite">${[...new Set(texts)].join(' ')}</p>`;
  }

  /** The form was reset: every code starts over. */
  reset(): void {
    for (const step of this.#steps.values()) clearTimeout(step.timer);
    this.#steps.clear();
    this.#links = [];
  }

  async #send(channel: Channel): Promise<void> {
    const step = this.#steps.get(channel);
    const view = this.#view;
    if (!step || !view || step.busy) return;
    const to = isPhoneChannel(channel) ? { phone: step.address } : { email: step.address };
    const answer = await this.#call(step, 'verifications', {
      siteKey: view.siteKey,
      channel,
      ...to,
      locale: view.locale,
    });
    if (this.#steps.get(channel) !== step) return;
    if (answer?.status === 201 && typeof answer.body.verificationId === 'string') {
      step.id = answer.body.verificationId;
      this.#sent(step, answer);
    } else step.say = answer?.status === 422 ? 'badAddress' : 'failed';
    await this.#settle(channel, step.id ? `[data-code=${channel}]` : undefined);
  }

  async #check(channel: Channel): Promise<void> {
    const step = this.#steps.get(channel);
    const input = this.#find(`[data-code=${channel}]`);
    if (!step?.id || !input || step.busy) return;
    const code = input.value.trim();
    if (!CODE.test(code)) {
      step.say = 'codeShape';
      return this.#settle(channel, `[data-code=${channel}]`);
    }
    const answer = await this.#call(step, `verifications/${encodeURIComponent(step.id)}/code`, {
      code,
    });
    if (this.#steps.get(channel) !== step) return;
    const error = answer ? errorCodeOf(answer.body) : '';
    let focus: string | undefined = `[data-code=${channel}]`;
    if (answer?.status === 200) {
      step.phase = 'confirmed';
      focus = `[data-channel=${channel}]`;
    } else if (error === 'verification.codeWrong') {
      step.attemptsLeft = attemptsLeftOf(answer!.body) ?? 0;
      step.phase = step.attemptsLeft > 0 ? 'wrong' : 'locked';
    } else if (error === 'verification.locked' || error === 'verification.expired') {
      step.phase = error === 'verification.locked' ? 'locked' : 'expired';
    } else step.say = 'failed';
    if (step.phase === 'locked' || step.phase === 'expired') focus = `[data-resend=${channel}]`;
    if (step.phase === 'wrong') input.select();
    await this.#settle(channel, focus);
  }

  async #resend(channel: Channel): Promise<void> {
    const step = this.#steps.get(channel);
    if (!step?.id || step.busy) return;
    const answer = await this.#call(step, `verifications/${encodeURIComponent(step.id)}/resend`);
    if (this.#steps.get(channel) !== step) return;
    if (answer?.status === 200) {
      const input = this.#find(`[data-code=${channel}]`);
      if (input) input.value = '';
      this.#sent(step, answer);
      return this.#settle(channel, `[data-code=${channel}]`);
    }
    step.say = 'failed';
    if (answer?.retryAfter) this.#waitUntil(step, Date.now() + answer.retryAfter);
    await this.#settle(channel, `[data-resend=${channel}]`);
  }

  /** A code went out: it can be typed, and a new one asked after `resendAfter`. */
  #sent(step: Step, answer: Answer): void {
    step.phase = 'sent';
    step.attemptsLeft = undefined;
    this.#waitUntil(step, timeOf(answer.body.resendAfter, Date.now() + 30_000));
  }

  #waitUntil(step: Step, at: number): void {
    clearTimeout(step.timer);
    step.resendAt = at;
    // The server's clock may differ from the browser's: never wait more than ten minutes.
    const wait = Math.min(Math.max(at - Date.now(), 0), 600_000);
    step.timer = setTimeout(() => {
      step.resendAt = 0;
      this.#host.requestUpdate();
    }, wait);
  }

  async #call(step: Step, path: string, body?: unknown): Promise<Answer | undefined> {
    step.busy = true;
    step.say = undefined;
    this.#host.requestUpdate();
    try {
      return await postJson(`${baseOf(this.#host.endpoint)}/v1/${path}`, body);
    } finally {
      step.busy = false;
    }
  }

  /**
   * Renders the new state, then moves focus to what comes next; to the channel's box when that
   * is gone or disabled, so focus never falls back to the page's start.
   */
  async #settle(channel: Channel, focus?: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    if (!focus) return;
    const next = this.#find(focus);
    (next && !next.disabled ? next : this.#find(`[data-channel=${channel}]`))?.focus();
  }

  #find(selector: string): HTMLInputElement | null {
    // Inputs and buttons alike: both have `value`, `disabled` and `focus()` where used.
    return this.#host.renderRoot.querySelector<HTMLInputElement>(selector);
  }
}

const sentKey = (channel: Channel): VerifyKey =>
  isPhoneChannel(channel) ? 'sentPhone' : 'sentEmail';
