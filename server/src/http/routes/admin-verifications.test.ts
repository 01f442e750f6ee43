// Verified consent in the admin API and the evidence bundle, on a real SQLite store
// (docs/verification.md#in-the-console-and-the-evidence-bundle): a capture holds MESAJ by code and
// EPOSTA by link; the code is confirmed and released as a chained confirmation record, the link
// expires unconfirmed. The console's answers say so per channel, never with an address or secret.
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupCommitter } from '../../capture/group-commit.js';
import { addressSha256 } from '../../capture/held-channels.js';
import {
  HELD_CAPTURED,
  HELD_EMAIL,
  HELD_PHONE,
  confirmedCodeVerification,
  heldConfig,
  heldDraft,
  signingCommitter,
} from '../../capture/held.test-support.js';
import { verifyBundle } from '../../proof/bundle-verify.js';
import { commitConfirmation } from '../../verification/release.js';
import { makeHarness } from '../app-harness.test-support.js';

const CONFIRMED = new Date('2026-11-26T09:16:10.000Z');
const RELEASED = new Date('2026-11-26T09:16:12.000Z');
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
let committer: GroupCommitter | undefined;
afterEach(async () => {
  await committer?.idle();
  await h?.close();
  h = undefined;
  committer = undefined;
});

/** The capture (MESAJ confirmed by code and released, EPOSTA by link expired) and its ids. */
async function seeded() {
  const config = await heldConfig({ MESAJ: 'code', EPOSTA: 'link' });
  h = await makeHarness({ now: () => RELEASED, deps: { config } });
  const harness = h;
  // The harness's own key ring, read again from its data folder.
  committer = await signingCommitter(harness.store, harness.dir);
  const code = await confirmedCodeVerification(
    harness.store,
    new Date('2026-11-26T09:14:50.000Z'),
    CONFIRMED,
  );
  const draft = heldDraft(config, HELD_CAPTURED, { verifications: [code.id] });
  expect((await committer.submit(draft)).kind).toBe('created');
  await harness.store.attachCapture(code.id, EXAMPLE_SITE_KEY, draft.captureId, ['MESAJ']);
  const released = await commitConfirmation(
    { committer, store: harness.store, sites: config.sites, now: () => RELEASED },
    { id: code.id },
  );
  if (released.kind !== 'released') throw new Error(JSON.stringify(released));
  // The link the capture started is never opened: the hold ends, nothing goes to İYS.
  const expired = await harness.store.expireDue('2026-12-01T00:00:00.000Z', 10);
  expect(expired.map((v) => v.channels)).toEqual([['EPOSTA']]);
  return {
    h: harness,
    captureId: draft.captureId,
    codeId: code.id,
    linkId: expired[0]!.id,
    confirmationId: released.confirmation.captureId,
  };
}

async function get<T>(h: Harness, path: string): Promise<T> {
  const response = await h.app.request(path, { headers: auth });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Held {
  channel: string;
  method: string;
  state: string;
  at?: string;
  confirmationId?: string;
}

describe('verified consent in the admin API', () => {
  it('the capture names its verifications, their states and the confirmation, never an address or secret', async () => {
    const s = await seeded();
    const body = await get<{ verifications: Record<string, unknown>[] }>(
      s.h,
      `/v1/admin/captures/${s.captureId}`,
    );
    const byId = new Map(body.verifications.map((v) => [v.id, v]));
    expect(byId.get(s.codeId)).toEqual({
      id: s.codeId,
      method: 'code',
      addressKind: 'phone',
      state: 'confirmed',
      channels: ['MESAJ'],
      sentAt: '2026-11-26T09:14:50.000Z',
      sends: 1,
      attempts: 1,
      expiresAt: '2026-11-26T09:17:50.000Z',
      holdUntil: '2026-11-29T09:14:50.000Z',
      confirmedAt: CONFIRMED.toISOString(),
      releasedAt: RELEASED.toISOString(),
      confirmationId: s.confirmationId,
    });
    expect(byId.get(s.linkId)).toMatchObject({
      method: 'link',
      addressKind: 'email',
      state: 'expired',
      channels: ['EPOSTA'],
    });
    const text = JSON.stringify(body.verifications);
    for (const secret of [HELD_PHONE, HELD_EMAIL, addressSha256(HELD_PHONE), 'e'.repeat(64)])
      expect(text).not.toContain(secret);
  });

  it('the list shows each held channel’s state, lists confirmations when asked, and filters by state', async () => {
    const s = await seeded();
    const list = await get<{
      items: { captureId: string; kind?: string; held?: Held[]; confirms?: string }[];
    }>(s.h, '/v1/admin/captures');
    const capture = list.items.find((i) => i.captureId === s.captureId)!;
    expect(capture.held?.map(({ channel, method, state }) => [channel, method, state])).toEqual([
      ['MESAJ', 'code', 'confirmed'],
      ['EPOSTA', 'link', 'expired'],
    ]);
    // Captures and withdrawals only, unless confirmations are asked for.
    expect(list.items.map((i) => i.captureId)).toEqual([s.captureId]);
    const confirmations = await get<typeof list>(s.h, '/v1/admin/captures?kind=confirmation');
    expect(confirmations.items).toEqual([
      expect.objectContaining({
        captureId: s.confirmationId,
        kind: 'confirmation',
        confirms: s.captureId,
        channels: [{ type: 'MESAJ', checked: true, status: 'ONAY' }],
      }),
    ]);
    const ids = async (query: string) =>
      (await get<{ items: { captureId: string }[] }>(s.h, `/v1/admin/captures?${query}`)).items.map(
        (i) => i.captureId,
      );
    expect(await ids('held=expired')).toEqual([s.captureId]);
    expect(await ids('held=awaiting')).toEqual([]);
    expect(await ids('kind=confirmation')).toEqual([s.confirmationId]);
    const bad = await s.h.app.request('/v1/admin/captures?held=maybe', { headers: auth });
    expect(bad.status).toBe(400);
  });

  it('the timeline shows the confirmation with its movement, and the held channels per address', async () => {
    const s = await seeded();
    type Timeline = {
      events: { captureId: string; kind?: string; held?: Held[]; movements: { type: string }[] }[];
      current: { type: string; intended: string }[];
    };
    const phone = await get<Timeline>(
      s.h,
      `/v1/admin/recipients/timeline?phone=${encodeURIComponent(HELD_PHONE)}`,
    );
    expect(phone.events.map((e) => [e.captureId, e.kind])).toEqual([
      [s.captureId, 'capture'],
      [s.confirmationId, 'confirmation'],
    ]);
    expect(phone.events[0]!.held).toEqual([
      expect.objectContaining({
        channel: 'MESAJ',
        state: 'confirmed',
        at: CONFIRMED.toISOString(),
      }),
    ]);
    expect(phone.events[1]!.movements.map((m) => m.type)).toEqual(['MESAJ']);
    expect(phone.current).toEqual([expect.objectContaining({ type: 'MESAJ', intended: 'ONAY' })]);
    const email = await get<Timeline>(
      s.h,
      `/v1/admin/recipients/timeline?email=${encodeURIComponent(HELD_EMAIL)}`,
    );
    expect(email.events.map((e) => e.kind)).toEqual(['capture']);
    expect(email.events[0]!.held?.map((x) => [x.channel, x.state])).toEqual([
      ['EPOSTA', 'expired'],
    ]);
  });

  it('A13: the evidence bundle carries the confirmation with its receipt, and verifies', async () => {
    const s = await seeded();
    const bundle = await get<{
      records: { captureId: string; record?: { kind: string }; receipt?: string }[];
      heldChannels: Held[];
    }>(s.h, `/v1/admin/recipients/evidence?phone=${encodeURIComponent(HELD_PHONE)}`);
    expect(bundle.records.map((r) => [r.captureId, r.record?.kind, Boolean(r.receipt)])).toEqual([
      [s.captureId, 'capture', true],
      [s.confirmationId, 'confirmation', true],
    ]);
    expect(bundle.heldChannels.map((x) => [x.channel, x.state, x.confirmationId])).toEqual([
      ['MESAJ', 'confirmed', s.confirmationId],
      ['EPOSTA', 'expired', undefined],
    ]);
    const report = await verifyBundle(bundle, s.h.ring.jwks());
    expect(report.records.map((r) => r.status)).toEqual(['verified', 'verified']);
    expect(report.ok).toBe(true);
  });
});
