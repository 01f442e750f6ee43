// What the console shows of a capture's verifications: never the address or the secret, and per
// held channel the verification that speaks for it (docs/verification.md).
import type { CaptureRecord } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import { confirmationId } from '../capture/seal-confirmation.js';
import type { Verification } from '../store/ports/verification-store.js';
import { heldChannelViews, holdsChannels, verificationView } from './verification-views.js';

const verification = (overrides: Partial<Verification> = {}): Verification => ({
  id: 'v-1',
  siteKey: 'ornek-kitabevi-demo-0001',
  method: 'code',
  addressKind: 'phone',
  destination: '+905321234567',
  destinationSha256: 'a'.repeat(64),
  locale: 'tr',
  secretHash: 'b'.repeat(64),
  createdAt: '2026-11-26T09:15:00.000Z',
  sentAt: '2026-11-26T09:15:01.000Z',
  sends: 1,
  expiresAt: '2026-11-26T09:18:01.000Z',
  holdUntil: '2026-11-29T09:15:00.000Z',
  attempts: 0,
  state: 'pending',
  captureId: 'c-1',
  channels: ['MESAJ'],
  ip: '203.0.113.45',
  userAgent: 'Mozilla/5.0',
  ...overrides,
});

const record = {
  kind: 'capture',
  channels: [
    { type: 'MESAJ', checked: true, verify: 'code' },
    { type: 'ARAMA', checked: false, status: 'RET' },
    { type: 'EPOSTA', checked: true, verify: 'link' },
  ],
} as unknown as CaptureRecord;

describe('verification views', () => {
  it('show states and times, never the address, its IP or the secret’s hash', () => {
    const view = verificationView(verification({ state: 'confirmed', confirmedAt: 'x' }));
    expect(view).toEqual({
      id: 'v-1',
      method: 'code',
      addressKind: 'phone',
      state: 'confirmed',
      channels: ['MESAJ'],
      sentAt: '2026-11-26T09:15:01.000Z',
      sends: 1,
      attempts: 0,
      expiresAt: '2026-11-26T09:18:01.000Z',
      holdUntil: '2026-11-29T09:15:00.000Z',
      confirmedAt: 'x',
    });
    expect(JSON.stringify(view)).not.toMatch(/905321234567|aaaa|bbbb|203\.0\.113/);
    // Released means chained: the confirmation record's id derives from the verification's.
    const released = verificationView(verification({ state: 'confirmed', releasedAt: 'y' }));
    expect(released.confirmationId).toBe(confirmationId('v-1'));
  });

  it('name each held channel’s state: confirmed wins over a retry, nothing tied yet is held', () => {
    const views = [
      verificationView(verification({ id: 'old', state: 'locked' })),
      verificationView(
        verification({ id: 'new', state: 'confirmed', confirmedAt: '2026-11-26T09:16:00.000Z' }),
      ),
    ];
    expect(heldChannelViews(record, views)).toEqual([
      {
        channel: 'MESAJ',
        method: 'code',
        state: 'confirmed',
        at: '2026-11-26T09:16:00.000Z',
        verificationId: 'new',
      },
      { channel: 'EPOSTA', method: 'link', state: 'held' },
    ]);
  });

  it('say sent, expired or superseded with the hold’s end', () => {
    const link = (state: Verification['state'], sentAt?: string) =>
      verificationView(
        verification({
          id: state,
          method: 'link',
          addressKind: 'email',
          channels: ['EPOSTA'],
          state,
          ...(sentAt ? { sentAt } : { sentAt: undefined }),
        }),
      );
    const states = (v: ReturnType<typeof link>) =>
      heldChannelViews(record, [v]).find((h) => h.channel === 'EPOSTA');
    expect(states(link('pending', '2026-11-26T09:15:05.000Z'))?.state).toBe('sent');
    expect(states(link('pending'))?.state).toBe('held');
    expect(states(link('expired'))).toMatchObject({
      state: 'expired',
      at: '2026-11-29T09:15:00.000Z',
    });
    expect(states(link('superseded'))?.state).toBe('superseded');
  });

  it('hold nothing for a capture without held channels or a purged one', () => {
    const plain = { kind: 'capture', channels: [{ type: 'MESAJ', checked: true, status: 'ONAY' }] };
    expect(holdsChannels(plain as unknown as CaptureRecord)).toBe(false);
    expect(holdsChannels(undefined)).toBe(false);
    expect(holdsChannels(record)).toBe(true);
    expect(heldChannelViews(undefined, [])).toEqual([]);
  });
});
