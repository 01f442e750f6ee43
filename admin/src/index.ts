// The console's one script: adopts the widget's design tokens and defines every element;
// index.html holds <izinli-admin>.
import { designTokens } from '@izinli/widget/design-tokens';
import { IzinliBarChart } from './bar-chart.js';
import { IzinliCapturesView } from './captures-view.js';
import { IzinliConsentView } from './consent-view.js';
import { IzinliImportPanel } from './import-panel.js';
import { IzinliDeliveriesView } from './deliveries-view.js';
import { IzinliEvidenceView } from './evidence-view.js';
import { IzinliAdmin } from './izinli-admin.js';
import { IzinliKeysView } from './keys-view.js';
import { IzinliOverviewView } from './overview-view.js';
import { IzinliRecipientView } from './recipient-view.js';
import { IzinliReconciliationView } from './reconciliation-view.js';

// The tokens go on the page's root, where admin.css reads them, so one theme styles the console
// and the widget alike. A constructed sheet, like the widget's, needs no CSP exception.
const tokens = new CSSStyleSheet();
tokens.replaceSync(`:root {${designTokens}}`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, tokens];

const elements: [string, CustomElementConstructor][] = [
  ['izinli-bar-chart', IzinliBarChart],
  ['izinli-overview-view', IzinliOverviewView],
  ['izinli-captures-view', IzinliCapturesView],
  ['izinli-recipient-view', IzinliRecipientView],
  ['izinli-import-panel', IzinliImportPanel],
  ['izinli-consent-view', IzinliConsentView],
  ['izinli-deliveries-view', IzinliDeliveriesView],
  ['izinli-reconciliation-view', IzinliReconciliationView],
  ['izinli-keys-view', IzinliKeysView],
  ['izinli-evidence-view', IzinliEvidenceView],
  ['izinli-admin', IzinliAdmin],
];
for (const [name, element] of elements) {
  if (!customElements.get(name)) customElements.define(name, element);
}
