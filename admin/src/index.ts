// The console's one script: defines every element; index.html holds <izinli-admin>.
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
