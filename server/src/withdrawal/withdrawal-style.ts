// The withdrawal pages' stylesheet, served as a file (GET /v1/withdraw/style.css) so the pages
// need no inline style under their CSP. Large targets, high contrast, visible focus.
export const WITHDRAWAL_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 1.5rem; background: Canvas; color: CanvasText; }
main { max-width: 36rem; margin: 0 auto; }
h1 { font-size: 1.5rem; line-height: 1.25; }
h2 { font-size: 1rem; margin-bottom: 0.25rem; }
ul { margin-top: 0; padding-left: 1.25rem; }
button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1.5rem; border: 2px solid currentColor; border-radius: 0.375rem; background: #a4161a; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.lang { text-align: right; margin: 0; }
.note { font-size: 0.875rem; }
code { overflow-wrap: anywhere; }
`;
