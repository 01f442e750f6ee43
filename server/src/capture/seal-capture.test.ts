// Long because: sealing has many cases (ONAY/RET per channel, heads, events) and each needs its draft.
// Sealing as a pure function: a draft, its chain head and the current consent states
// give the record, its İYS movements and its webhook events — the same for the same inputs.
import {
  canonicalJson,
  captureRecordHashWith,
  checkCaptureChain,
  GENESIS_HASH,
  movementKey,
} from '@izinli/core';
import type { CaptureInput, ConsentStatus } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ORIGIN, validCapture } from '../http/app-harness.test-support.js';
import { sha256HexSync } from '../proof/node-sha256.js';
import { prepareWithdrawal } from '../withdrawal/withdrawal-draft.js';
import { sameDayDeadline } from './confirmation-due.js';
import { prepareCapture } from './prepare-capture.js';
import type { CaptureDraft } from './prepare-capture.js';
import { RecordInvalid, consentKeys, sealCapture } from './seal-capture.js';
import type { SealInputs } from './seal-capture.js';

// Thursday 26 Nov 2026, 12:15:30 in Turkey.
const RECEIVED_AT = new Date('2026-11-26T09:15:30.000Z');
const CONSENT_DATE = '2026-11-26 12:15:30';
const DEADLINE = new Date('2026-11-30T21:00:00.000Z');
const PHONE = '+905321234567';
const EMAIL = 'ayse@ornek.com.tr';
const HEAD = { siteKey: EXAMPLE_SITE_KEY, seq: 41, hash: 'ab'.repeat(32) };

let config: LoadedConfig;
beforeAll(async () => {
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  config = loaded.value;
});

/** A prepared draft of the harness's valid capture with `overrides`, received at RECEIVED_AT. */
function draft(overrides: Partial<CaptureInput> = {}): CaptureDraft {
  const facts = { receivedAt: RECEIVED_AT, origin: ORIGIN, ip: '203.0.113.7', userAgent: 'test' };
  const prepared = prepareCapture(validCapture(overrides), facts, config);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.refusal));
  return prepared.draft;
}

/** The consent key of `type` for the example site's brand and the harness's person. */
function key(type: 'MESAJ' | 'ARAMA' | 'EPOSTA'): string {
  const { brand } = config.sites.get(EXAMPLE_SITE_KEY)!.site;
  const recipient = type === 'EPOSTA' ? EMAIL : PHONE;
  return movementKey({ ...brand, recipientType: 'BIREYSEL', type, recipient });
}

type Statuses = Record<string, ConsentStatus>;
/** Seals `d` on HEAD with ids id-1, id-2, … and a fixed deadline; `asked` collects its dates. */
function seal(d: CaptureDraft, statuses: Statuses = {}, overrides: Partial<SealInputs> = {}) {
  let n = 0;
  const asked: Date[] = [];
  const sealed = sealCapture({
    draft: d,
    head: HEAD,
    statuses: new Map(Object.entries(statuses)),
    deadlineFor: (consentDate) => {
      asked.push(consentDate);
      return DEADLINE;
    },
    newId: () => `id-${++n}`,
    sha256: sha256HexSync,
    ...overrides,
  });
  return { ...sealed, asked };
}

/** Each box of a sealed record as `TYPE ticked|unticked [STATUS]`. */
const boxes = (record: { channels: { type: string; checked: boolean; status?: string }[] }) =>
  record.channels.map((c) =>
    [c.type, c.checked ? 'ticked' : 'unticked', ...(c.status ? [c.status] : [])].join(' '),
  );

/** The RecordInvalid that `attempt` throws (fails the test if it throws nothing or another error). */
function refusal(attempt: () => unknown): RecordInvalid {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordInvalid);
    return error as RecordInvalid;
  }
  throw new Error('expected RecordInvalid, but the draft was sealed');
}

describe('sealCapture', () => {
  it('A3, A8: a ticked box gives ONAY and one pending movement to its address, due by the deadline', () => {
    const { record, movements, statusesAfter, asked } = seal(draft());
    expect(boxes(record)).toEqual(['MESAJ ticked ONAY', 'ARAMA unticked', 'EPOSTA ticked ONAY']);
    expect(movements).toEqual([
      {
        id: 'id-1',
        captureId: record.captureId,
        iysCode: 100000,
        brandCode: 100000,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        recipient: PHONE,
        status: 'ONAY',
        consentDate: CONSENT_DATE,
        source: 'HS_WEB',
        state: 'pending',
        attempts: 0,
        nextAttemptAt: RECEIVED_AT.toISOString(),
        deadline: DEADLINE.toISOString(),
      },
      expect.objectContaining({
        id: 'id-2',
        type: 'EPOSTA',
        recipient: EMAIL,
        deadline: DEADLINE.toISOString(),
      }),
    ]);
    // The deadline runs from the server's receive time, asked once for all movements.
    expect(asked).toEqual([RECEIVED_AT]);
    expect(Object.fromEntries(statusesAfter)).toEqual({
      [key('MESAJ')]: 'ONAY',
      [key('EPOSTA')]: 'ONAY',
    });
  });

  it('A9: the record, its movements and its events carry the server receive time as consentDate', () => {
    const { record, movements, events } = seal(draft({ capturedAt: '2020-01-01T00:00:00.000Z' }));
    expect(record).toMatchObject({
      consentDate: CONSENT_DATE,
      receivedAt: RECEIVED_AT.toISOString(),
    });
    expect(movements.map((m) => m.consentDate)).toEqual([CONSENT_DATE, CONSENT_DATE]);
    expect(new Set(events.map((e) => e.createdAt))).toEqual(new Set([RECEIVED_AT.toISOString()]));
    expect(events[0]!.payload).toMatchObject({ consentDate: CONSENT_DATE });
  });

  it('an unticked box whose current state is ONAY gives RET and a RET movement', () => {
    const unticked = draft({ channels: { MESAJ: false, ARAMA: false, EPOSTA: true } });
    const { record, movements, statusesAfter } = seal(unticked, { [key('MESAJ')]: 'ONAY' });
    expect(boxes(record)).toEqual(['MESAJ unticked RET', 'ARAMA unticked', 'EPOSTA ticked ONAY']);
    expect(movements.map((m) => [m.type, m.status, m.recipient])).toEqual([
      ['MESAJ', 'RET', PHONE],
      ['EPOSTA', 'ONAY', EMAIL],
    ]);
    expect(statusesAfter.get(key('MESAJ'))).toBe('RET');
  });

  it('an unticked box with no current state, or RET, gives no status and no movement', () => {
    const nothing = draft({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } });
    const sealed = seal(nothing, { [key('ARAMA')]: 'RET' });
    expect(boxes(sealed.record)).toEqual(['MESAJ unticked', 'ARAMA unticked', 'EPOSTA unticked']);
    expect(sealed.movements).toEqual([]);
    expect(sealed.statusesAfter.size).toBe(0);
    expect(sealed.events.map((e) => e.type)).toEqual(['capture.recorded']);
  });

  it('B7: a withdrawal sends RET for the chosen channels whose state is ONAY, and nothing else', () => {
    const prepared = prepareWithdrawal(
      {
        captureId: 'c0ffee00-0000-4000-8000-000000000001',
        bodyHash: 'cd'.repeat(32),
        siteKey: EXAMPLE_SITE_KEY,
        recipient: { phone: '0532 123 45 67', email: 'Ayse@Ornek.com.tr' },
        recipientType: 'BIREYSEL',
        channels: ['MESAJ', 'ARAMA', 'EPOSTA'],
        purposes: [],
        source: 'HS_WEB',
        locale: 'tr',
        receivedAt: RECEIVED_AT,
        origin: 'admin-api:test',
        serverVersion: '0.0.0',
      },
      config.sites.get(EXAMPLE_SITE_KEY)!.tenant,
      config,
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.refusal));
    const statuses: Statuses = { [key('MESAJ')]: 'ONAY', [key('ARAMA')]: 'RET' };
    const { record, movements, events } = seal(prepared.draft, statuses);
    expect(record.kind).toBe('withdrawal');
    expect(boxes(record)).toEqual(['MESAJ unticked RET', 'ARAMA unticked', 'EPOSTA unticked']);
    expect(movements.map((m) => `${m.type}:${m.status}`)).toEqual(['MESAJ:RET']);
    // A refusal asks for no confirmation (A15 is about an ONAY).
    expect(events.map((e) => e.type)).toEqual(['capture.recorded']);
    expect(events[0]!.payload).toMatchObject({ kind: 'withdrawal', confirmationDue: false });
  });

  it('A13: the record continues the head it is given — seq + 1, prevHash, recordHash over the rest', async () => {
    const { record, recordJson, head } = seal(draft());
    expect(record.seq).toBe(HEAD.seq + 1);
    expect(record.prevHash).toBe(HEAD.hash);
    expect(record.recordHash).toBe(captureRecordHashWith(record, sha256HexSync));
    expect(recordJson).toBe(canonicalJson(record));
    expect(head).toEqual({ siteKey: EXAMPLE_SITE_KEY, seq: 42, hash: record.recordHash });
    // Two seals, each on the head of the one before, make a chain that verifies from genesis.
    const genesis = { siteKey: EXAMPLE_SITE_KEY, seq: 0, hash: GENESIS_HASH };
    const first = seal(draft(), {}, { head: genesis });
    const second = seal(draft(), {}, { head: first.head });
    expect(await checkCaptureChain([first.record, second.record])).toEqual([]);
  });

  it('A15: capture.recorded tells the person as stored, the purposes without their texts, and confirmationDue; capture.confirmation_due follows', () => {
    const d = draft();
    const { record, events } = seal(d);
    const common = { siteKey: EXAMPLE_SITE_KEY, createdAt: RECEIVED_AT.toISOString() };
    expect(events).toEqual([
      {
        ...common,
        id: 'id-3',
        type: 'capture.recorded',
        payload: {
          captureId: d.captureId,
          kind: 'capture',
          source: 'HS_WEB',
          siteKey: EXAMPLE_SITE_KEY,
          seq: 42,
          receivedAt: RECEIVED_AT.toISOString(),
          consentDate: CONSENT_DATE,
          recipientType: 'BIREYSEL',
          // Normalised as the record stores it, not as typed.
          person: { fullName: 'Ayşe Yılmaz', phone: PHONE, email: EMAIL },
          channels: record.channels,
          purposes: [
            { id: 'kitap-onerileri', granted: true },
            { id: 'yurt-disi-eposta-hizmeti', granted: false },
          ],
          confirmationDue: true,
        },
      },
      {
        ...common,
        id: 'id-4',
        type: 'capture.confirmation_due',
        payload: {
          captureId: d.captureId,
          siteKey: EXAMPLE_SITE_KEY,
          consentDate: CONSENT_DATE,
          // The end of the consent day, Turkey time, to the channels given an ONAY.
          dueBy: sameDayDeadline(CONSENT_DATE),
          recipientType: 'BIREYSEL',
          person: record.person,
          channels: ['MESAJ', 'EPOSTA'],
        },
      },
    ]);
  });

  it('A15: no confirmation is due when the site turned it off, or when only a RET is sent', () => {
    const off = draft();
    off.site = { ...off.site, confirmationEvent: false };
    const quiet = seal(off);
    expect(quiet.movements).toHaveLength(2);
    expect(quiet.events.map((e) => e.type)).toEqual(['capture.recorded']);
    expect(quiet.events[0]!.payload).toMatchObject({ confirmationDue: false });
    const retOnly = draft({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } });
    const refusal = seal(retOnly, { [key('EPOSTA')]: 'ONAY' });
    expect(refusal.movements.map((m) => m.status)).toEqual(['RET']);
    expect(refusal.events.map((e) => e.type)).toEqual(['capture.recorded']);
    expect(refusal.events[0]!.payload).toMatchObject({ confirmationDue: false });
  });

  it('a draft that would break the record schema throws RecordInvalid with its paths, before any id or deadline is asked', () => {
    const d = draft();
    d.record = { ...d.record, pageUrl: `${ORIGIN}/${'%C5%9F'.repeat(1000)}` };
    const asked: string[] = [];
    const newId = () => (asked.push('id'), 'id');
    const deadlineFor = () => (asked.push('deadline'), DEADLINE);
    expect(
      refusal(() => seal(d, {}, { newId, deadlineFor })).problems.map((p) => p.path.join('.')),
    ).toEqual(['pageUrl']);
    expect(asked).toEqual([]);
  });

  it('A3: a ticked channel whose address is gone throws RecordInvalid at person.phone', () => {
    const d = draft();
    const { phone: _dropped, ...person } = d.record.person;
    d.record = { ...d.record, person };
    expect(refusal(() => seal(d)).problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['record.addressMissing', 'person.phone'],
    ]);
  });

  it('is deterministic: the same inputs give the same record, movements, events and ids', () => {
    const d = draft();
    const statuses = { [key('ARAMA')]: 'ONAY' as const };
    const once = seal(d, statuses);
    const again = seal(d, statuses);
    expect(again).toEqual(once);
    // Ids are asked in order: the movements, then capture.recorded, then confirmation_due.
    const ids = Array.from({ length: 5 }, (_, i) => `id-${i + 1}`);
    expect([...once.movements, ...once.events].map((x) => x.id)).toEqual(ids);
  });
});

describe('consentKeys', () => {
  it('names each channel’s consent key where the person gave its address, in the draft’s order', () => {
    expect(consentKeys(draft())).toEqual([key('MESAJ'), key('ARAMA'), key('EPOSTA')]);
    const person = { fullName: 'Ayşe Yılmaz', email: 'Ayse@Ornek.com.tr' };
    expect(consentKeys(draft({ person, channels: { EPOSTA: true } }))).toEqual([key('EPOSTA')]);
  });
});
