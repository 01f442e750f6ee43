// One constructed stylesheet, adopted by every shadow root, so a strict CSP (`style-src 'self'`)
// needs no exception. Its colours are the design tokens (design-tokens.ts), which follow the
// page's `color-scheme`: a light-only page never gets a dark box, and a dark one no light box.
import { css, designTokens } from './design-tokens.js';

export const consentStyles = new CSSStyleSheet();
consentStyles.replaceSync(css`
  :host {
    ${designTokens}
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--izinli-font-family, inherit);
    font-size: var(--izinli-font-size, inherit);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  [part~='base'] > * + * {
    margin-top: var(--_gap);
  }
  fieldset {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
    margin: 0;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 600;
  }
  p {
    margin: 0;
  }
  [part~='hint'],
  [part~='field-hint'],
  [part~='status'] {
    color: var(--_muted);
  }
  [part~='field-hint'] {
    display: block;
    margin-top: 0.25rem;
  }
  label {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    cursor: pointer;
  }
  [part~='field'] {
    display: grid;
    gap: 0.25rem;
  }
  input[type='checkbox'] {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }
  [part~='input'] {
    box-sizing: border-box;
    width: 100%;
    padding: 0.375rem 0.5rem;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
  }
  [aria-invalid='true'] {
    outline: 2px solid var(--_error);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  summary {
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  [part~='text'] {
    white-space: pre-line;
  }
  details > [part~='text'] {
    margin-top: 0.5rem;
  }
  [part~='purpose'] {
    display: grid;
    gap: 0.25rem;
  }
  [part~='purpose'] > details {
    margin-left: 1.75rem;
  }
  [part~='error'] {
    color: var(--_error);
    font-weight: 600;
  }
`);
