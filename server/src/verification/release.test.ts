// Releasing a held channel on a real SQLite store (docs/verification.md, "Which date İYS gets"): a
// capture holds MESAJ by code, the code is confirmed, and commitConfirmation chains the
// confirmation after the capture with one pending ONAY dated the later of the capture and the
// confirmation, its deadline counted from that date (A8); a second run replays, never doubles.
import { randomUUID } from 'node:crypto';
import { checkCaptureChain, deadlineFor, formatIysDate, parseIysDate } from '@izinli/core';
import type { ChainRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { addressSha256 } from '../capture/held-channels.js';
import {
  HELD_CAPTURED,
  HELD_PHONE,
  confirmedCodeVerification,
  heldConfig,
  heldDraft,
  signingCommitter,
} from '../capture/held.test-support.js';
import { confirmationId } from '../capture/seal-confirmation.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { tempSqliteStores } from '../store/sqlite/temp-sqlite.test-support.js';
import { commitConfirmation, releaseDue } from './release.js';
import { attachVerifications } from './release-attach.js';
import type { ReleaseDeps } from './release.js';

const openTempStore = tempSqliteStores('izinli-release-');

async function rig(now: Date, channels: Parameters<typeof heldConfig>[0] = { MESAJ: 'code' }) {
  const { store, dir } = await openTempStore();
  const committer = await signingCommitter(store, dir);
  const config = await heldConfig(channels);
  const deps: ReleaseDeps = { committer, store, sites: config.sites, now: () => now };
  return { store, committer, config, deps };
}

/** A code verification of the harness's phone, sent at `sentAt`, confirmed at `confirmedAt`. */
const confirmedCode = async (s: SqliteStore, sentAt: Date, confirmedAt: Date): Promise<string> =>
  (await confirmedCodeVerification(s, sentAt, confirmedAt)).id;

/** Commits a capture holding MESAJ (EPOSTA ticked, unverified) naming `verificationId`. */
async function captureNaming(
  r: Awaited<ReturnType<typeof rig>>,
  config: LoadedConfig,
  verificationId: string,
) {
  const draft = heldDraft(config, HELD_CAPTURED, { verifications: [verificationId] });
  expect((await r.committer.submit(draft)).kind).toBe('created');
  // The lead's route ties the named code verification to the stored capture.
  expect(
    await r.store.attachCapture(verificationId, EXAMPLE_SITE_KEY, draft.captureId, ['MESAJ']),
  ).toBeDefined();
  return draft;
}

async function chain(s: SqliteStore): Promise<ChainRecord[]> {
  const records: ChainRecord[] = [];
  for await (const c of s.chain(EXAMPLE_SITE_KEY)) records.push(c.record!);
  return records;
}

describe('commitConfirmation (SQLite)', () => {
  it('A8: a code confirmed before the capture releases MESAJ with the capture’s date, chained after it, once', async () => {
    const now = new Date(HELD_CAPTURED.getTime() + 5_000);
    const r = await rig(now);
    const id = await confirmedCode(
      r.store,
      new Date(HELD_CAPTURED.getTime() - 90_000),
      new Date(HELD_CAPTURED.getTime() - 30_000),
    );
    const capture = await captureNaming(r, r.config, id);
    // The held channel moved nothing: only the unverified EPOSTA is queued.
    expect((await r.store.movements({ captureId: capture.captureId })).map((m) => m.type)).toEqual([
      'EPOSTA',
    ]);

    const outcome = await commitConfirmation(r.deps, { id });
    expect(outcome).toMatchObject({ kind: 'released', replayed: false });
    const records = await chain(r.store);
    expect(records.map((c) => c.kind)).toEqual(['capture', 'confirmation']);
    expect(await checkCaptureChain(records)).toEqual([]);
    const [captured, confirmation] = records;
    if (confirmation?.kind !== 'confirmation' || captured?.kind !== 'capture')
      throw new Error('kinds');
    expect(confirmation).toMatchObject({
      captureId: confirmationId(id),
      seq: 2,
      prevHash: captured.recordHash,
      confirms: { captureId: capture.captureId, recordHash: captured.recordHash },
      channels: [{ type: 'MESAJ', status: 'ONAY' }],
      method: 'code',
      destinationSha256: addressSha256(HELD_PHONE),
      attempts: 1,
      consentDate: captured.consentDate,
      // The site keeps truncated IPs (B10).
      ip: '198.51.100.0',
      userAgent: 'Mozilla/5.0 test',
    });
    const movements = await r.store.movements({ captureId: confirmation.captureId });
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({
      type: 'MESAJ',
      status: 'ONAY',
      state: 'pending',
      recipient: HELD_PHONE,
      source: 'HS_WEB',
      consentDate: '2026-11-26 12:15:30',
      deadline: deadlineFor(new Date(HELD_CAPTURED)).toISOString(),
    });
    const types = (await r.store.webhookEvents(EXAMPLE_SITE_KEY)).map((e) => e.type).reverse();
    expect(types).toEqual([
      'capture.recorded',
      'capture.confirmation_due',
      'verification.confirmed',
      'capture.confirmation_due',
    ]);
    const released = await r.store.verification(id);
    expect(released?.releasedAt).toBe(now.toISOString());
    expect(released?.destination).toBeUndefined();

    // Run again (a retry, a second instance): the stored record, nothing new.
    expect(await commitConfirmation(r.deps, { id })).toMatchObject({
      kind: 'released',
      replayed: true,
    });
    expect(await releaseDue(r.deps, 10)).toEqual([]);
    expect(await chain(r.store)).toHaveLength(2);
    expect(await r.store.movements({ captureId: confirmation.captureId })).toHaveLength(1);
  });

  it('A8: a confirmation two days after the capture is dated when it was confirmed, and its deadline counts from it', async () => {
    const confirmedAt = new Date(HELD_CAPTURED.getTime() + 2 * 86_400_000 + 7_000);
    const r = await rig(new Date(confirmedAt.getTime() + 1_000));
    const id = await confirmedCode(
      r.store,
      new Date(HELD_CAPTURED.getTime() - 60_000),
      confirmedAt,
    );
    await captureNaming(r, r.config, id);
    // Submitted twice at once: the group commit replays the second by the derived id.
    const [a, b] = await Promise.all([
      commitConfirmation(r.deps, { id }),
      commitConfirmation(r.deps, { id }),
    ]);
    expect([a, b].map((o) => o.kind)).toEqual(['released', 'released']);
    const replays = [a, b].map((o) => (o.kind === 'released' ? o.replayed : undefined)).sort();
    expect(replays).toEqual([false, true]);
    const [, confirmation] = await chain(r.store);
    const consentDate = formatIysDate(confirmedAt);
    expect(confirmation).toMatchObject({ kind: 'confirmation', consentDate });
    const [movement] = await r.store.movements({ captureId: confirmationId(id) });
    const parsed = parseIysDate(consentDate);
    if (!parsed.ok) throw new Error('date');
    expect(movement).toMatchObject({
      consentDate,
      deadline: deadlineFor(parsed.value).toISOString(),
    });
  });

  it('releases nothing that is not due: pending, untied, superseded or unknown', async () => {
    const r = await rig(new Date(HELD_CAPTURED.getTime() + 5_000));
    expect(await commitConfirmation(r.deps, { id: randomUUID() })).toEqual({
      kind: 'notDue',
      reason: 'unknown',
    });
    const id = await confirmedCode(r.store, HELD_CAPTURED, HELD_CAPTURED);
    expect(await commitConfirmation(r.deps, { id })).toEqual({
      kind: 'notDue',
      reason: 'noCapture',
    });
    await captureNaming(r, r.config, id);
    // A newer capture of the same phone, showing MESAJ, decides anew before the release.
    await r.committer.submit(heldDraft(r.config, new Date(HELD_CAPTURED.getTime() + 1_000)));
    expect((await r.store.verification(id))?.state).toBe('superseded');
    expect(await commitConfirmation(r.deps, { id })).toEqual({
      kind: 'notDue',
      reason: 'notConfirmed',
    });
    expect((await chain(r.store)).map((c) => c.kind)).toEqual(['capture', 'capture']);
  });

  it('attaches the codes a capture names, releases the confirmed one, and tells each held channel’s state', async () => {
    const r = await rig(new Date(HELD_CAPTURED.getTime() + 5_000), {
      MESAJ: 'code',
      EPOSTA: 'link',
    });
    const id = await confirmedCode(
      r.store,
      new Date(HELD_CAPTURED.getTime() - 90_000),
      HELD_CAPTURED,
    );
    const draft = heldDraft(r.config, HELD_CAPTURED, { verifications: [id, randomUUID()] });
    const outcome = await r.committer.submit(draft);
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    const deps = { ...r.deps, store: r.store };
    const first = await attachVerifications(deps, outcome.capture, draft.verificationIds ?? []);
    expect(first.held).toEqual([
      { channel: 'MESAJ', method: 'code', state: 'confirmed' },
      { channel: 'EPOSTA', method: 'link', state: 'sent' },
    ]);
    expect(first.released).toMatchObject([{ kind: 'released', replayed: false }]);
    expect((await r.store.verification(id))?.channels).toEqual(['MESAJ']);
    // The capture replayed: the same answer, nothing chained twice.
    const again = await attachVerifications(deps, outcome.capture, [id]);
    expect(again.held).toEqual(first.held);
    expect(again.released).toMatchObject([{ kind: 'released', replayed: true }]);
    expect((await chain(r.store)).map((c) => c.kind)).toEqual(['capture', 'confirmation']);
  });
});
