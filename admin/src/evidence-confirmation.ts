// Verified consent on the evidence page: a held channel's state beside the capture
// ("Doğrulandı (kod, …)" from the signed confirmation record in the bundle, else the bundle's
// unsigned state), and a confirmation record's own fields;
// docs/verification.md#in-the-console-and-the-evidence-bundle.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Channel, ConfirmationRecord } from '@izinli/core';
import type { EvidenceBundle } from './api-types.js';
import { turkeyTime } from './format.js';
import { heldText } from './held-channels.js';
import type { AdminKey } from './i18n/index.js';

type Say = (key: AdminKey, values?: Record<string, string | number>) => string;

/** Whether a bundle's record is a confirmation record. */
export const isConfirmation = (record: unknown): record is ConfirmationRecord =>
  (record as { kind?: unknown } | undefined)?.kind === 'confirmation';

/** Where the held `channel` of the capture `captureId` stands, from the bundle. */
export function heldState(
  t: Say,
  b: EvidenceBundle,
  captureId: string,
  channel: Channel,
): TemplateResult {
  // The signed confirmation record proves it; the bundle's heldChannels only says what is left.
  const confirmed = b.records
    .map((e) => e.record)
    .find(
      (r): r is ConfirmationRecord =>
        isConfirmation(r) &&
        r.confirms.captureId === captureId &&
        r.channels.some((c) => c.type === channel),
    );
  const held = confirmed
    ? { method: confirmed.method, state: 'confirmed' as const, at: confirmed.confirmedAt }
    : b.heldChannels?.find((h) => h.captureId === captureId && h.channel === channel);
  if (!held) return html``;
  return html` —
    <span class="held" data-held=${`${channel}:${held.state}`}>${heldText(t, held)}</span>`;
}

/** A confirmation record's rows: what it released, which record, how, and the address's hash. */
export function confirmationRows(
  t: Say,
  b: EvidenceBundle,
  r: ConfirmationRecord,
  row: (label: string, value: unknown) => TemplateResult,
): TemplateResult {
  const confirmed = b.records.find((e) => e.captureId === r.confirms.captureId);
  const method = t(`method_${r.method}`);
  const channels = r.channels.map((c) => t(c.type)).join(', ');
  return html`<dl>
    ${row(t('whenLabel'), `${turkeyTime(r.receivedAt)} (${r.receivedAt})`)}
    ${row(t('consentDateLabel'), r.consentDate)}
    ${row(t('heldLabel'), t('confirmedLine', { channels, method, at: turkeyTime(r.confirmedAt) }))}
    ${row(
      t('confirmsLabel'),
      t('confirmsValue', {
        site: r.siteKey,
        seq: confirmed?.seq ?? '?',
        hash: r.confirms.recordHash,
      }),
    )}
    ${row(
      t('confirmedHowLabel'),
      t('confirmedHow', {
        method,
        sent: turkeyTime(r.sentAt),
        at: turkeyTime(r.confirmedAt),
        attempts: r.attempts,
      }),
    )}
    ${row(t('addressHashLabel'), html`<code class="hash">${r.destinationSha256}</code>`)}
  </dl>`;
}
