// A held channel's state in the console's words (docs/verification.md): awaiting confirmation,
// confirmed by a code or link at a time, or expired and never sent to İYS.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { HeldChannel, Timeline } from './api-types.js';
import { turkeyTime } from './format.js';
import type { AdminKey } from './i18n/index.js';

type Say = (key: AdminKey, values?: Record<string, string | number>) => string;

/** "Doğrulandı (kod, 26.11.2026 12:15:30)", "Onay bekliyor", "Süresi doldu — …". */
export function heldText(t: Say, held: Pick<HeldChannel, 'method' | 'state' | 'at'>): string {
  const method = t(`method_${held.method}`);
  const at = held.at ? turkeyTime(held.at) : '—';
  return t(`held_${held.state}`, { method, at });
}

/** Each held channel as "MESAJ: Doğrulandı (kod, …)", joined. */
export function heldLine(t: Say, held: readonly HeldChannel[]): string {
  return held.map((h) => `${t(h.channel)}: ${heldText(t, h)}`).join(' · ');
}

/** A timeline event's verification: what a confirmation released, or the held channels' states. */
export function timelineVerification(t: Say, e: Timeline['events'][number]): TemplateResult {
  if (e.kind === 'confirmation') {
    const channels = e.channels.map((c) => t(c.type)).join(', ');
    const method = t(`method_${e.method}`);
    return html` ·
      <span data-confirms=${e.confirms}
        >${t('confirmedLine', { channels, method, at: turkeyTime(e.confirmedAt) })}</span
      >`;
  }
  if (!e.held) return html``;
  return html` ·
    <span class="held" data-held=${e.held.map((h) => `${h.channel}:${h.state}`).join(' ')}
      >${heldLine(t, e.held)}</span
    >`;
}
