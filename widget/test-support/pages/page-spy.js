// Records what the embed tests check on these pages: CSP violations and console warnings.
window.__violations = [];
window.__warnings = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
);
const warn = console.warn.bind(console);
console.warn = (...args) => {
  window.__warnings.push(args.join(' '));
  warn(...args);
};
