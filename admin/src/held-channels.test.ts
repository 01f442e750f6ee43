// A held channel's state in the console's words, Turkish and English (docs/verification.md).
import { describe, expect, it } from 'vitest';
import { heldLine, heldText } from './held-channels.js';
import { say } from './i18n/index.js';
import type { AdminKey } from './i18n/index.js';

const inTurkish = (key: AdminKey, values?: Record<string, string | number>) =>
  say('tr', key, values);
const inEnglish = (key: AdminKey, values?: Record<string, string | number>) =>
  say('en', key, values);

describe('held channels in the console', () => {
  it('say confirmed with the method and the Turkey time, expired as never sent to İYS', () => {
    const confirmed = {
      method: 'code',
      state: 'confirmed',
      at: '2026-11-26T09:16:10.000Z',
    } as const;
    expect(heldText(inTurkish, confirmed)).toBe('Doğrulandı (kod, 2026-11-26 12:16:10)');
    expect(heldText(inEnglish, { ...confirmed, method: 'link' })).toBe(
      'Confirmed (link, 2026-11-26 12:16:10)',
    );
    expect(heldText(inTurkish, { method: 'link', state: 'expired' })).toBe(
      'Süresi doldu — İYS’ye gönderilmedi',
    );
    expect(heldText(inTurkish, { method: 'link', state: 'sent' })).toBe(
      'Onay bekliyor (bağlantı gönderildi)',
    );
  });

  it('join a capture’s held channels with their names', () => {
    expect(
      heldLine(inTurkish, [
        { channel: 'MESAJ', method: 'code', state: 'held' },
        { channel: 'EPOSTA', method: 'link', state: 'superseded' },
      ]),
    ).toBe('SMS: Onay bekliyor · E-posta: Yerine daha yeni bir kayıt geçti — İYS’ye gönderilmedi');
  });
});
