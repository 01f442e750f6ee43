// Held channels at capture time (docs/verification.md#records): a ticked box the site verifies is
// sealed with `verify` and no status and moves nothing; a link one starts a pending verification
// in the capture's own write; a newer capture supersedes the older one's open verification.
import { randomUUID } from 'node:crypto';
import { deadlineFor, isCaptureRecord, movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../proof/node-sha256.js';
import { tempSqliteStores } from '../store/sqlite/temp-sqlite.test-support.js';
import { addressSha256 } from './held-channels.js';
import {
  HELD_CAPTURED,
  HELD_EMAIL,
  HELD_PHONE,
  heldConfig,
  heldDraft,
  signingCommitter,
} from './held.test-support.js';
import type { CaptureDraft } from './prepare-capture.js';
import { sealCapture } from './seal-capture.js';

const HEAD = { siteKey: EXAMPLE_SITE_KEY, seq: 4, hash: 'ab'.repeat(32) };

/** Seals `draft` on HEAD, given the current statuses, its ids `id-1`, `id-2`… unless told. */
function sealOnHead(
  draft: CaptureDraft,
  statuses: ReadonlyMap<string, ConsentStatus> = new Map(),
  newId: () => string = counter(),
) {
  return sealCapture({ draft, head: HEAD, statuses, deadlineFor, newId, sha256: sha256HexSync });
}
function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

describe('held channels, sealed', () => {
  it('a verified ticked box carries verify and no status, moves nothing and tells no A15 event', async () => {
    const config = await heldConfig({ MESAJ: 'code', EPOSTA: 'link' });
    const draft = heldDraft(config, HELD_CAPTURED, { verifications: [randomUUID()] });
    expect(draft.verificationIds).toHaveLength(1);
    const sealed = sealOnHead(draft);
    expect(sealed.record.channels).toEqual([
      { type: 'MESAJ', checked: true, verify: 'code' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, verify: 'link' },
    ]);
    expect(sealed.movements).toEqual([]);
    expect(sealed.events.map((e) => e.type)).toEqual(['capture.recorded']);
    // One link verification, for the e-mail; the code one is the widget's, named by the body.
    expect(sealed.verifications).toEqual([
      {
        id: 'id-2',
        siteKey: EXAMPLE_SITE_KEY,
        method: 'link',
        addressKind: 'email',
        destination: HELD_EMAIL,
        destinationSha256: addressSha256(HELD_EMAIL),
        locale: 'tr',
        createdAt: HELD_CAPTURED.toISOString(),
        sends: 0,
        holdUntil: '2026-11-29T09:15:30.000Z',
        attempts: 0,
        state: 'pending',
        captureId: draft.captureId,
        channels: ['EPOSTA'],
      },
    ]);
    expect(sealed.supersedes).toEqual([
      { destinationSha256: addressSha256(HELD_PHONE), channels: ['MESAJ', 'ARAMA'] },
      { destinationSha256: addressSha256(HELD_EMAIL), channels: ['EPOSTA'] },
    ]);
  });

  it('an unticked box still sends RET where the current status is ONAY; unverified boxes move as before', async () => {
    const config = await heldConfig({ MESAJ: 'code' });
    const draft = heldDraft(config, HELD_CAPTURED, {
      channels: { MESAJ: false, ARAMA: false, EPOSTA: true },
    });
    const { brand } = config.sites.get(EXAMPLE_SITE_KEY)!.site;
    const key = movementKey({
      ...brand,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      recipient: HELD_PHONE,
    });
    const sealed = sealOnHead(draft, new Map([[key, 'ONAY']]));
    expect(sealed.record.channels).toEqual([
      { type: 'MESAJ', checked: false, status: 'RET' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, status: 'ONAY' },
    ]);
    expect(sealed.movements.map((m) => `${m.type} ${m.status}`)).toEqual([
      'MESAJ RET',
      'EPOSTA ONAY',
    ]);
    expect(sealed.verifications).toEqual([]);
  });

  it('a site without verification seals as before: no verify, no verification', async () => {
    const config = await heldConfig({});
    const sealed = sealOnHead(heldDraft(config, HELD_CAPTURED), new Map(), randomUUID);
    expect(sealed.record.channels.every((c) => !('verify' in c))).toBe(true);
    expect(sealed.movements).toHaveLength(2);
    expect(sealed.verifications).toEqual([]);
  });
});

describe('held channels, committed (SQLite)', () => {
  const openTempStore = tempSqliteStores('izinli-held-');

  it('writes the link verification with the capture and supersedes it with a newer capture', async () => {
    const { store, dir } = await openTempStore();
    const committer = await signingCommitter(store, dir);
    const config = await heldConfig({ EPOSTA: 'link' });
    const first = heldDraft(config, HELD_CAPTURED);
    expect((await committer.submit(first)).kind).toBe('created');
    const [pending] = await store.verificationsOf(first.captureId);
    expect(pending).toMatchObject({ method: 'link', state: 'pending', channels: ['EPOSTA'] });
    expect(await store.dueSends(10)).toEqual([pending]);
    // Only MESAJ moved; EPOSTA waits for its owner.
    const moved = await store.movements({ captureId: first.captureId });
    expect(moved.map((m) => m.type)).toEqual(['MESAJ']);
    const stored = await store.getCapture(first.captureId);
    expect(stored?.record && isCaptureRecord(stored.record) && stored.record.channels[2]).toEqual({
      type: 'EPOSTA',
      checked: true,
      verify: 'link',
    });

    const second = heldDraft(config, new Date(HELD_CAPTURED.getTime() + 60_000));
    expect((await committer.submit(second)).kind).toBe('created');
    expect((await store.verification(pending!.id))?.state).toBe('superseded');
    expect((await store.verification(pending!.id))?.destination).toBeUndefined();
    const [fresh] = await store.verificationsOf(second.captureId);
    expect(fresh?.state).toBe('pending');
    await committer.idle();
  });
});
