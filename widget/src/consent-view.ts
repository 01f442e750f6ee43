// What the element shows once the site config is loaded, as one template function of its state.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Channel } from '@izinli/core';
import type { TypedPerson } from './capture-draft.js';
import { checkbox, noticeBlock, textField } from './consent-templates.js';
import type { ConsentProblem } from './consent-validity.js';
import { say } from './i18n/index.js';
import type { TranslationKey } from './i18n/index.js';
import { noticeOf } from './site-view.js';
import type { ShownPurpose, SiteView } from './site-view.js';

/** Everything the view depends on. */
export interface ConsentState {
  view: SiteView;
  channels: readonly Channel[];
  purposes: readonly ShownPurpose[];
  /** The element's own inputs to show, for what the host form does not collect. */
  ownFields: readonly (keyof TypedPerson)[];
  own: TypedPerson;
  ticked: { channels: Partial<Record<Channel, boolean>>; purposes: Record<string, boolean> };
  disabled: boolean;
  /** The problem to show: only after the person interacted. */
  problem: ConsentProblem | undefined;
  /** What goes under a channel's box: its code step, if the site asks a code for it. */
  step: (channel: Channel) => unknown;
  /** After the capture, which confirmation links were sent. */
  note: unknown;
}

/**
 * The aydınlatma notice first and on its own (B2, B3); the element's own inputs, if any; the
 * commercial-message text in full with one box per channel (A4, A7) and the live region that
 * announces what a ticked channel still needs; one box per purpose with its consent text (B4).
 */
export function renderConsent(
  state: ConsentState,
  onToggle: (event: Event) => void,
  onType: (event: Event) => void,
): TemplateResult {
  const { view, channels, purposes, ticked, disabled, problem } = state;
  const t = (key: TranslationKey) => say(view.locale, key);
  const etk = noticeOf(view, view.etkNoticeId);
  // Says next to the phone field which numbers the site's phone rules let the ticked boxes use.
  const mobileOnly = channels.includes('MESAJ') && view.phones.mesaj === 'mobile';
  const turkishOnly = view.phones.foreign === 'refuse';
  const phoneHint: TranslationKey | undefined = mobileOnly
    ? turkishOnly
      ? 'phoneHintMobileTr'
      : 'phoneHintMobile'
    : turkishOnly
      ? 'phoneHintTr'
      : undefined;
  return html`<div part="base" lang=${view.locale}>
    ${noticeBlock(noticeOf(view, view.aydinlatmaNoticeId)!, 'aydinlatma')}
    ${
      state.ownFields.length > 0
        ? html`<fieldset part="fieldset person">
            <legend part="legend">${t('personLegend')}</legend>
            ${state.ownFields.map((field) =>
              textField(
                t(field),
                field,
                state.own[field] ?? '',
                disabled,
                problem?.field === field,
                onType,
                field === 'phone' && phoneHint ? t(phoneHint) : undefined,
              ),
            )}
          </fieldset>`
        : nothing
    }
    ${
      etk && channels.length > 0
        ? html`<fieldset part="fieldset etk" aria-describedby="etk-text">
            <legend part="legend">${etk.title}</legend>
            <p part="text" id="etk-text">${etk.text}</p>
            <p part="hint">${t('etkHint')}</p>
            ${channels.map((c) => [
              checkbox(
                t(c),
                { channel: c },
                !!ticked.channels[c],
                disabled,
                problem?.channel === c,
                onToggle,
              ),
              state.step(c),
            ])}
            <p part="error" id="error" aria-live="polite">${problem ? t(problem.message) : ''}</p>
            ${state.note}
          </fieldset>`
        : nothing
    }
    ${
      purposes.length > 0
        ? html`<fieldset part="fieldset purposes">
            <legend part="legend">${t('purposesLegend')}</legend>
            ${purposes.map(
              (p) =>
                html`<div part="purpose">
                  ${checkbox(
                    p.label,
                    { purpose: p.id },
                    !!ticked.purposes[p.id],
                    disabled,
                    false,
                    onToggle,
                  )}
                  ${noticeBlock(p.notice, 'purpose-text')}
                </div>`,
            )}
          </fieldset>`
        : nothing
    }
  </div>`;
}
