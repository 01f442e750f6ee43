// The printable evidence page of one recipient (#/evidence?phone=… or ?email=…): for a legal team,
// each record's what, when and where, the exact texts shown, each İYS delivery, the receipt's
// verification (the server's check of the bundle, as `izinli verify bundle` does it) and how to
// check it all independently. admin.css's print rules drop the console's chrome and buttons.
import { html, nothing } from 'lit';
import type { AdminApi } from './api.js';
import { failureText } from './api.js';
import { AdminView, states } from './admin-view.js';
import { download } from './download.js';
import type { EvidenceBundle, EvidenceVerification } from './api-types.js';
import { turkeyTime } from './format.js';
import { isKey } from './i18n/index.js';
import { confirmationRows, heldState, isConfirmation } from './evidence-confirmation.js';

type Entry = EvidenceBundle['records'][number];
type Check = EvidenceVerification['records'][number];
type Notice = EvidenceBundle['notices'][number];

/** The recipient the hash names (`#/evidence?phone=…`), or undefined. */
export function evidenceRecipient(hash: string): { phone: string } | { email: string } | undefined {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const phone = query.get('phone');
  const email = query.get('email');
  if (phone) return { phone };
  if (email) return { email };
  return undefined;
}

/** The evidence page's address for a recipient, for a link from the recipient view. */
export function evidenceHref(recipient: { phone?: string; email?: string }): string {
  const params = new URLSearchParams();
  if (recipient.phone) params.set('phone', recipient.phone);
  else if (recipient.email) params.set('email', recipient.email);
  return `#/evidence?${params}`;
}

const noticeKey = (siteKey: string, n: { id: string; locale: string; version: number }) =>
  `${siteKey}/${n.id}/${n.locale}/${n.version}`;

export class IzinliEvidenceView extends AdminView {
  static override properties = states('bundle', 'check');
  declare bundle: EvidenceBundle | undefined;
  declare check: EvidenceVerification | undefined;

  protected async load(api: AdminApi) {
    const recipient = evidenceRecipient(location.hash);
    if (!recipient) return;
    const [bundle, check] = await Promise.all([
      api.get<EvidenceBundle>('/v1/admin/recipients/evidence', recipient),
      api.get<EvidenceVerification>('/v1/admin/recipients/evidence/verification', recipient),
    ]);
    this.bundle = bundle;
    this.check = check;
  }

  private async downloadBundle() {
    if (!this.api || !this.bundle) return;
    try {
      const query = new URLSearchParams(this.bundle.recipient);
      const name = await download(
        this.api,
        `/v1/admin/recipients/evidence?${query}`,
        'izinli-evidence.json',
      );
      this.notice = this.t('evidenceDone', { name });
    } catch (error) {
      this.notice = failureText(error);
    }
  }

  override render() {
    const b = this.bundle;
    const who = b ? (b.recipient.phone ?? b.recipient.email ?? '') : '';
    return html`<article class="evidence" id="evidence-page">
      <h1 tabindex="-1">${this.t('evidencePage')}${who ? html` · <bdi>${who}</bdi>` : nothing}</h1>
      <p class="no-print actions-row">
        <button type="button" id="print" @click=${() => print()}>${this.t('print')}</button>
        <button type="button" id="evidence-json" @click=${this.downloadBundle}>
          ${this.t('evidence')}
        </button>
        <a href="#/recipient">${this.t('backToRecipient')}</a>
      </p>
      <p role="status" class="notice no-print">${this.notice}</p>
      ${this.status()} ${b && this.check ? this.page(b, this.check) : nothing}
    </article>`;
  }

  private page(b: EvidenceBundle, check: EvidenceVerification) {
    if (b.records.length === 0) return html`<p>${this.t('notFound')}</p>`;
    const signed = check.records.filter((r) => r.status === 'verified' || r.status === 'failed');
    const failed = check.records.filter((r) => r.status === 'failed').length;
    const texts = new Map(b.notices.map((n) => [noticeKey(n.siteKey, n), n]));
    const jwksUrl = new URL(check.jwksUrl, location.origin).href;
    return html`<p>
        ${this.t('evidenceIntro', {
          recipient: b.recipient.phone ?? b.recipient.email ?? '',
          tenant: b.tenant.name ?? b.tenant.id,
          at: turkeyTime(b.generatedAt),
        })}
      </p>
      <p id="evidence-summary" class=${failed ? 'problem' : 'ok'} data-ok=${String(check.ok)}>
        ${
          failed
            ? this.t('evidenceSummaryBad', { n: failed })
            : this.t('evidenceSummaryOk', { n: signed.length })
        }
      </p>
      ${b.records.map((entry, i) => this.record(entry, i, check.records[i], b, texts))}
      <section class="evidence-texts">
        <h2>${this.t('noticeTexts')}</h2>
        ${b.notices.map((n) => this.noticeText(n))}
      </section>
      <section class="evidence-how" id="how-to-check">
        <h2>${this.t('howToCheck')}</h2>
        <p>${this.t('howToCheckText')}</p>
        <pre><code>izinli verify bundle izinli-evidence.json --jwks ${jwksUrl}</code></pre>
        <p>${this.t('jwksUrlLabel')}: <code>${jwksUrl}</code></p>
        <ul>
          ${check.checkpoints.map(
            (c) =>
              html`<li>
                ${this.t('checkpointLine', {
                  site: c.siteKey,
                  seq: c.seq,
                  state: c.ok ? this.t('signatureOk') : this.t('signatureBad'),
                })}
              </li>`,
          )}
        </ul>
      </section>`;
  }

  private record(
    entry: Entry,
    i: number,
    check: Check | undefined,
    b: EvidenceBundle,
    texts: Map<string, Notice>,
  ) {
    const r = entry.record;
    // Records of other kinds or sources (a bundle may carry more than the console knows) show
    // their kind as it is, and whatever of the fields below they have.
    const kindKey = `kind_${String(r?.kind)}`;
    const kind = !r ? this.t('purged') : isKey(kindKey) ? this.t(kindKey) : r.kind;
    const deliveries = b.iysDeliveries.filter((d) => d.captureId === entry.captureId);
    const row = (label: string, value: unknown) =>
      html`<div>
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`;
    const t = this.t.bind(this);
    return html`<section class="evidence-record" data-capture=${entry.captureId}>
      <h2>${this.t('recordHeading', { kind, n: i + 1, site: entry.siteKey, seq: entry.seq })}</h2>
      ${
        isConfirmation(r)
          ? confirmationRows(t, b, r, row)
          : r
            ? html`<dl>
                ${row(this.t('whenLabel'), `${turkeyTime(r.receivedAt)} (${r.receivedAt})`)}
                ${row(this.t('consentDateLabel'), r.consentDate)}
                ${row(this.t('whereLabel'), r.origin)}
                ${r.pageUrl ? row(this.t('pageLabel'), r.pageUrl) : nothing}
                ${row(this.t('sourceLabel'), r.source)}
                ${row(
                  this.t('whatLabel'),
                  html`<ul>
                    ${(r.channels ?? []).map(
                      (c) =>
                        html`<li>
                          ${this.t(c.type)}: ${c.checked ? this.t('ticked') : this.t('unticked')}
                          ${c.status ? `(${c.status})` : ''}
                          ${c.verify ? heldState(t, b, entry.captureId, c.type) : ''}
                        </li>`,
                    )}
                    ${(r.purposes ?? []).map(
                      (p) =>
                        html`<li>
                          ${p.id}: ${p.granted ? this.t('granted') : this.t('notGranted')}
                        </li>`,
                    )}
                  </ul>`,
                )}
                ${row(
                  this.t('noticesShown'),
                  html`<ul>
                    ${(r.notices ?? []).map((n) => {
                      const shown = texts.get(noticeKey(r.siteKey, n));
                      const state = check?.notices.find(
                        (c) => c.id === n.id && c.version === n.version,
                      );
                      const word =
                        state?.text === 'matches'
                          ? this.t('textMatches')
                          : state?.text === 'differs'
                            ? this.t('textDiffers')
                            : this.t('textMissing');
                      return html`<li>
                        ${shown?.title ?? n.id} —
                        ${this.t('noticeVersion', { id: n.id, version: n.version, locale: n.locale })};
                        ${word}
                      </li>`;
                    })}
                  </ul>`,
                )}
              </dl>`
            : html`<p>
                ${this.t('receiptPurged', { at: entry.purgedAt ? turkeyTime(entry.purgedAt) : '—' })}
              </p>`
      }
      <h3>${this.t('receiptCheck')}</h3>
      ${this.receipt(check)}
      <h3>${this.t('iysDeliveries')}</h3>
      ${
        deliveries.length === 0
          ? html`<p>${this.t('noDeliveries')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${this.t('channel')}</th>
                  <th scope="col">${this.t('consentDateLabel')}</th>
                  <th scope="col">${this.t('transactionId')}</th>
                  <th scope="col">${this.t('iysCreated')}</th>
                  <th scope="col">${this.t('reconciled')}</th>
                </tr>
              </thead>
              <tbody>
                ${deliveries.map(
                  (d) =>
                    html`<tr data-transaction=${d.transactionId}>
                      <td>${this.t(d.type)} ${d.status}</td>
                      <td>${d.consentDate}</td>
                      <td><code>${d.transactionId}</code></td>
                      <td>${d.creationDate}</td>
                      <td>
                        ${
                          d.reconciliation
                            ? this.t('reconciledOn', { day: d.reconciliation.day })
                            : this.t('notReconciled')
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private receipt(check: Check | undefined) {
    if (!check || check.status === 'unsigned') return html`<p>${this.t('receiptNone')}</p>`;
    if (check.status === 'purged') return html`<p>${this.t('receiptNone')}</p>`;
    if (check.status === 'verified')
      return html`<p class="ok" data-receipt="verified">
        ${this.t('receiptVerified', { kid: check.kid ?? '' })}
      </p>`;
    return html`<div class="problem" data-receipt="failed">
      <p><strong>${this.t('receiptFailed')}</strong></p>
      <ul>
        ${check.problems.map((p) => html`<li>${p.message}</li>`)}
      </ul>
    </div>`;
  }

  private noticeText(n: Notice) {
    return html`<section class="notice-text" data-notice=${`${n.id}/${n.version}/${n.locale}`}>
      <h3>
        ${n.title} — ${this.t('noticeVersion', { id: n.id, version: n.version, locale: n.locale })}
      </h3>
      <p class="muted">SHA-256: <code class="hash">${n.sha256}</code></p>
      <pre class="text">${n.text}</pre>
    </section>`;
  }
}
