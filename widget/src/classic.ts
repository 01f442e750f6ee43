// The classic-script build (dist/izinli.iife.js) for pages that cannot add type="module": the
// same embed; `window.izinli` names only the element class and the version.
import './start.js';

export { IzinliConsent } from './izinli-consent.js';
export { WIDGET_VERSION } from './version.js';
