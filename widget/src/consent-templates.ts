// The element's pieces as plain template functions, so the class keeps to state and behaviour.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Notice } from '@izinli/core';

type Listener = (event: Event) => void;

/** A notice as a disclosure of its own (B2): its title opens its exact text, with no box near it. */
export function noticeBlock(notice: Notice, part: string): TemplateResult {
  return html`<details part="notice ${part}">
    <summary part="summary">${notice.title}</summary>
    <div part="text">${notice.text}</div>
  </details>`;
}

/** One unticked-by-default checkbox with its label (A4, A5, B4, B6). */
export function checkbox(
  label: string,
  key: { channel: string } | { purpose: string },
  checked: boolean,
  disabled: boolean,
  invalid: boolean,
  onChange: Listener,
): TemplateResult {
  const channel = 'channel' in key ? key.channel : nothing;
  const purpose = 'purpose' in key ? key.purpose : nothing;
  return html`<label part="choice">
    <input
      type="checkbox"
      part="checkbox"
      data-channel=${channel}
      data-purpose=${purpose}
      .checked=${checked}
      ?disabled=${disabled}
      aria-invalid=${invalid ? 'true' : nothing}
      aria-describedby=${invalid ? 'error' : nothing}
      @change=${onChange}
    /><span>${label}</span>
  </label>`;
}

/** One of the element's own inputs, used when the host form has no field for it. */
export function textField(
  label: string,
  field: 'fullName' | 'phone' | 'email',
  value: string,
  disabled: boolean,
  invalid: boolean,
  onInput: Listener,
  hint?: string,
): TemplateResult {
  const type = field === 'fullName' ? 'text' : field === 'phone' ? 'tel' : 'email';
  const autocomplete = field === 'fullName' ? 'name' : type;
  const hintId = `${field}-hint`;
  const describedBy = [hint ? hintId : '', invalid ? 'error' : ''].join(' ').trim();
  return html`<label part="field">
      <span>${label}</span>
      <input
        part="input"
        type=${type}
        autocomplete=${autocomplete}
        data-field=${field}
        .value=${value}
        ?disabled=${disabled}
        aria-invalid=${invalid ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        @input=${onInput}
      />
    </label>
    ${hint ? html`<small part="field-hint" id=${hintId}>${hint}</small>` : nothing}`;
}
