// The confirmation record as pure functions (docs/verification.md#records): built from a confirmed
// verification and the stored capture it releases, sealed on a head — the same inputs give the
// same record, its ONAY movements and its events; a verification that does not fit is refused.
import { checkCaptureRecordHash, deadlineFor } from '@izinli/core';
import { z } from 'zod';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../config/load-config.js';
import { sha256HexSync } from '../proof/node-sha256.js';
import type { Verification } from '../store/ports/verification-store.js';
import type { StoredCapture } from '../store/types.js';
import { addressSha256 } from './held-channels.js';
import {
  HELD_CAPTURED,
  HELD_EMAIL,
  HELD_PHONE,
  heldConfig,
  heldDraft,
} from './held.test-support.js';
import { sealCapture } from './seal-capture.js';
import { unsignedCapture } from './seal-iys-day.js';
import {
  ConfirmationUnbuildable,
  buildConfirmationDraft,
  confirmationId,
  confirmedConsentDate,
  sealConfirmation,
} from './seal-confirmation.js';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const HEAD = { siteKey: EXAMPLE_SITE_KEY, seq: 4, hash: 'ab'.repeat(32) };

/** A stored capture of the example site holding MESAJ by code and EPOSTA by link. */
async function heldCapture(): Promise<{ config: LoadedConfig; stored: StoredCapture }> {
  const config = await heldConfig({ MESAJ: 'code', EPOSTA: 'link' });
  let n = 0;
  const { record } = sealCapture({
    draft: heldDraft(config, HELD_CAPTURED),
    head: HEAD,
    statuses: new Map(),
    deadlineFor,
    newId: () => `id-${++n}`,
    sha256: sha256HexSync,
  });
  const stored: StoredCapture = { ...unsignedCapture(record, 'b'.repeat(64)), receipt: 'receipt' };
  return { config, stored };
}

function confirmed(stored: StoredCapture, overrides: Partial<Verification> = {}): Verification {
  return {
    id: '0b9f3f0e-6a43-4a59-9d0f-2b1f4c1d2e3f',
    siteKey: EXAMPLE_SITE_KEY,
    method: 'code',
    addressKind: 'phone',
    destinationSha256: addressSha256(HELD_PHONE),
    locale: 'tr',
    createdAt: '2026-11-26T09:13:00.000Z',
    sentAt: '2026-11-26T09:13:01.000Z',
    sends: 1,
    holdUntil: '2026-11-29T09:13:00.000Z',
    attempts: 2,
    state: 'confirmed',
    captureId: stored.captureId,
    channels: ['MESAJ'],
    confirmedAt: '2026-11-26T09:14:00.000Z',
    ip: '2001:db8:85a3:1234::7',
    userAgent: 'Mozilla/5.0',
    ...overrides,
  };
}

const seal = (draft: ReturnType<typeof buildConfirmationDraft>, head = HEAD) => {
  let n = 0;
  return sealConfirmation({
    draft,
    head,
    deadlineFor,
    newId: () => `id-${++n}`,
    sha256: sha256HexSync,
  });
};

describe('buildConfirmationDraft and sealConfirmation', () => {
  it('releases exactly the held channels of the confirmed address, chained on the head', async () => {
    const { config, stored } = await heldCapture();
    const site = config.sites.get(EXAMPLE_SITE_KEY)!.site;
    const sealed = seal(buildConfirmationDraft(confirmed(stored), stored, site, NOW));
    const { record } = sealed;
    expect(z.uuid().safeParse(record.captureId).success).toBe(true);
    expect(record).toMatchObject({
      kind: 'confirmation',
      captureId: confirmationId('0b9f3f0e-6a43-4a59-9d0f-2b1f4c1d2e3f'),
      seq: 5,
      prevHash: HEAD.hash,
      receivedAt: NOW.toISOString(),
      confirms: { captureId: stored.captureId, recordHash: stored.recordHash },
      channels: [{ type: 'MESAJ', status: 'ONAY' }],
      method: 'code',
      sentAt: '2026-11-26T09:13:01.000Z',
      confirmedAt: '2026-11-26T09:14:00.000Z',
      attempts: 2,
      // Confirmed before the capture: İYS gets the capture's date.
      consentDate: '2026-11-26 12:15:30',
      // The example site truncates IPs (B10).
      ip: '2001:db8:85a3::',
      userAgent: 'Mozilla/5.0',
    });
    expect((await checkCaptureRecordHash(record)).ok).toBe(true);
    expect(sealed.head).toEqual({ siteKey: EXAMPLE_SITE_KEY, seq: 5, hash: record.recordHash });
    expect(sealed.movements).toEqual([
      {
        id: 'id-1',
        captureId: record.captureId,
        ...site.brand,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        recipient: HELD_PHONE,
        status: 'ONAY',
        consentDate: '2026-11-26 12:15:30',
        source: 'HS_WEB',
        state: 'pending',
        attempts: 0,
        nextAttemptAt: NOW.toISOString(),
        deadline: deadlineFor(HELD_CAPTURED).toISOString(),
      },
    ]);
    expect(sealed.events.map((e) => [e.id, e.type])).toEqual([
      ['id-2', 'verification.confirmed'],
      ['id-3', 'capture.confirmation_due'],
    ]);
    expect(sealed.events[0]!.payload).toEqual({
      captureId: stored.captureId,
      confirmationId: record.captureId,
      siteKey: EXAMPLE_SITE_KEY,
      seq: 5,
      method: 'code',
      channels: ['MESAJ'],
      confirmedAt: record.confirmedAt,
      consentDate: record.consentDate,
    });
    expect(sealed.events[1]!.payload).toMatchObject({
      captureId: stored.captureId,
      channels: ['MESAJ'],
      consentDate: record.consentDate,
    });
  });

  it('a link to the e-mail releases EPOSTA alone; the same confirmation later states the same thing', async () => {
    const { config, stored } = await heldCapture();
    const site = config.sites.get(EXAMPLE_SITE_KEY)!.site;
    const link = confirmed(stored, {
      method: 'link',
      addressKind: 'email',
      destinationSha256: addressSha256(HELD_EMAIL),
      attempts: 0,
      confirmedAt: '2026-11-28T07:00:00.000Z',
    });
    const first = buildConfirmationDraft(link, stored, site, NOW);
    const retry = buildConfirmationDraft(link, stored, site, new Date('2026-11-28T08:00:00.000Z'));
    expect(first.record.channels).toEqual([{ type: 'EPOSTA', status: 'ONAY' }]);
    // Confirmed two days later: İYS gets the confirmation time.
    expect(first.record.consentDate).toBe('2026-11-28 10:00:00');
    expect(retry.captureId).toBe(first.captureId);
    expect(retry.bodyHash).toBe(first.bodyHash);
  });

  it('keeps the ip and user agent as the site’s policy says (B10)', async () => {
    const { config, stored } = await heldCapture();
    const site = config.sites.get(EXAMPLE_SITE_KEY)!.site;
    const none = buildConfirmationDraft(confirmed(stored), stored, site, NOW, 'none');
    expect(none.record.ip).toBeUndefined();
    expect(none.record.userAgent).toBeUndefined();
    const full = buildConfirmationDraft(confirmed(stored), stored, site, NOW, 'full');
    expect(full.record.ip).toBe('2001:db8:85a3:1234::7');
  });

  it('tells no A15 event when the site turned confirmationEvent off', async () => {
    const { config, stored } = await heldCapture();
    const site = { ...config.sites.get(EXAMPLE_SITE_KEY)!.site, confirmationEvent: false };
    const sealed = seal(buildConfirmationDraft(confirmed(stored), stored, site, NOW));
    expect(sealed.events.map((e) => e.type)).toEqual(['verification.confirmed']);
  });

  it('refuses a verification that does not fit its capture', async () => {
    const { config, stored } = await heldCapture();
    const site = config.sites.get(EXAMPLE_SITE_KEY)!.site;
    const reason = (v: Verification, capture: StoredCapture = stored) => {
      try {
        buildConfirmationDraft(v, capture, site, NOW);
        return 'built';
      } catch (error) {
        return error instanceof ConfirmationUnbuildable ? error.reason : String(error);
      }
    };
    expect(reason(confirmed(stored, { state: 'pending' }))).toBe('notConfirmed');
    const { captureId: _untied, ...untied } = confirmed(stored);
    expect(reason(untied)).toBe('noCapture');
    expect(reason(confirmed(stored, { siteKey: 'baska-magaza-demo-0002' }))).toBe(
      'captureMismatch',
    );
    const { record: _purged, ...purged } = stored;
    expect(reason(confirmed(stored), purged)).toBe('capturePurged');
    expect(reason(confirmed(stored, { method: 'link' }))).toBe('nothingHeld');
    expect(reason(confirmed(stored, { destinationSha256: 'f'.repeat(64) }))).toBe('nothingHeld');
  });

  it('dates the permission the later of the capture and the confirmation', () => {
    expect(confirmedConsentDate('2026-11-26 12:15:30', '2026-11-26T09:14:00.000Z')).toBe(
      '2026-11-26 12:15:30',
    );
    expect(confirmedConsentDate('2026-11-26 12:15:30', '2026-11-26T09:15:31.200Z')).toBe(
      '2026-11-26 12:15:31',
    );
  });
});
