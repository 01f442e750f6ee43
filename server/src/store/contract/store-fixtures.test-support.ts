// Valid records, movements and events for the store tests, built deterministically from a number
// (ids, times and hashes all derive from it), so every run writes the same bytes.
import {
  CaptureRecord,
  Movement,
  formatIysDate,
  movementKey,
  sealCaptureRecord,
} from '@izinli/core';
import type { Channel, ConsentStatus, MovementState, UnsealedCaptureRecord } from '@izinli/core';
import type { CaptureWrite, ChainHead, Store, StoredCapture, WebhookEvent } from '../store.js';

export const SITE_A = 'store-contract-site-a-0001';
export const SITE_B = 'store-contract-site-b-0002';
export const BRAND = { iysCode: 700001, brandCode: 700002 };
const BASE_TIME = Date.UTC(2026, 10, 2, 9, 0, 0);
const NOTICE_HASH = 'a'.repeat(64);

/** A UUID v4 made from `n`. */
export const uuid = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The instant `seconds` after the fixtures' base time, as the server writes it. */
export const at = (seconds: number): string => new Date(BASE_TIME + seconds * 1000).toISOString();

/** A phone and an e-mail address numbered `n`, already normalised. */
export const phone = (n: number): string => `+90532${String(1000000 + n).slice(-7)}`;
export const email = (n: number): string => `kisi${n}@ornek.com.tr`;

export interface RecordSpec {
  /** Numbers the capture id, the body hash and (by default) the receive time. */
  n: number;
  siteKey?: string;
  receivedAt?: string;
  kind?: 'capture' | 'withdrawal';
  phone?: string;
  email?: string;
}

/** A sealed, schema-valid record that continues `head`. */
export async function sealedRecord(head: ChainHead, spec: RecordSpec): Promise<CaptureRecord> {
  const receivedAt = spec.receivedAt ?? at(spec.n);
  const person = {
    ...(spec.kind === 'withdrawal' ? {} : { fullName: 'Ayşe Yılmaz' }),
    ...(spec.phone ? { phone: spec.phone } : {}),
    ...(spec.email ? { email: spec.email } : {}),
  };
  const withdrawal = spec.kind === 'withdrawal';
  const box = (type: Channel, present: boolean) =>
    withdrawal
      ? { type, checked: false, ...(present ? { status: 'RET' as const } : {}) }
      : { type, checked: present, ...(present ? { status: 'ONAY' as const } : {}) };
  const common = {
    captureId: uuid(spec.n),
    siteKey: head.siteKey,
    seq: head.seq + 1,
    receivedAt,
    consentDate: formatIysDate(new Date(receivedAt)),
    origin: 'https://www.ornekkitabevi.com.tr',
    locale: 'tr' as const,
    recipientType: 'BIREYSEL' as const,
    person,
    channels: [box('MESAJ', spec.phone !== undefined), box('EPOSTA', spec.email !== undefined)],
    widgetVersion: '1.0.0',
    prevHash: head.hash,
  };
  const unsealed: UnsealedCaptureRecord = withdrawal
    ? { ...common, kind: 'withdrawal', source: 'HS_EPOSTA', purposes: [], notices: [] }
    : {
        ...common,
        kind: 'capture',
        source: 'HS_WEB',
        purposes: [],
        notices: [
          {
            id: 'kvkk-aydinlatma',
            version: 1,
            locale: 'tr',
            kind: 'aydinlatma',
            sha256: NOTICE_HASH,
          },
        ],
      };
  // A fixture that fails the schema would make every test meaningless: fail loudly here.
  return CaptureRecord.parse(await sealCaptureRecord(unsealed));
}

export interface MovementSpec {
  n: number;
  captureId: string;
  recipient?: string;
  type?: Channel;
  status?: ConsentStatus;
  consentDate?: string;
  state?: MovementState;
}

/** A schema-valid movement; states that need extra fields get them. */
export function movementFixture(spec: MovementSpec): Movement {
  const state = spec.state ?? 'pending';
  const type = spec.type ?? 'MESAJ';
  return Movement.parse({
    id: `mv-${spec.n}`,
    captureId: spec.captureId,
    ...BRAND,
    recipientType: 'BIREYSEL',
    type,
    recipient: spec.recipient ?? (type === 'EPOSTA' ? email(1) : phone(1)),
    status: spec.status ?? 'ONAY',
    consentDate: spec.consentDate ?? formatIysDate(new Date(at(spec.n))),
    source: 'HS_WEB',
    state,
    attempts: state === 'pending' ? 0 : 1,
    nextAttemptAt: at(spec.n),
    deadline: at(spec.n + 3 * 86400),
    ...(state === 'in-flight' ? { leaseUntil: at(spec.n + 30) } : {}),
    ...(state === 'delivered'
      ? { transactionId: `tx-${spec.n}`, creationDate: formatIysDate(new Date(at(spec.n + 2))) }
      : {}),
    ...(state === 'dead' ? { lastError: { code: 'H174', message: 'Aynı durum zaten var.' } } : {}),
  });
}

/** The key a fixture movement is queued under. */
export const keyOf = (m: Movement): string => movementKey(m);

/** A webhook event of a capture. */
export function eventFixture(n: number, siteKey: string, captureId: string): WebhookEvent {
  return {
    id: `ev-${n}`,
    siteKey,
    type: 'capture.recorded',
    payload: { captureId, nested: { list: [1, 'iki', true, null], şehir: 'İstanbul' } },
    createdAt: at(n),
  };
}

/** What one capture writes: the record after `head`, with the given movements and events. */
export async function captureWrite(
  head: ChainHead,
  spec: RecordSpec,
  extras: {
    movements?: (captureId: string) => Movement[];
    events?: (captureId: string) => WebhookEvent[];
  } = {},
): Promise<CaptureWrite> {
  const record = await sealedRecord(head, spec);
  const capture = {
    captureId: record.captureId,
    siteKey: record.siteKey,
    seq: record.seq,
    prevHash: record.prevHash,
    recordHash: record.recordHash,
    bodyHash: spec.n.toString(16).padStart(64, '0'),
    record,
    receipt: `receipt-${spec.n}`,
    receivedAt: record.receivedAt,
  };
  return {
    capture,
    movements: extras.movements?.(record.captureId) ?? [],
    events: extras.events?.(record.captureId) ?? [],
  };
}

/** Appends one capture in its own write, building it from the locked head, and returns it. */
export async function appendCapture(
  store: Store,
  spec: RecordSpec,
  extras: Parameters<typeof captureWrite>[2] = {},
): Promise<CaptureWrite['capture']> {
  const siteKey = spec.siteKey ?? SITE_A;
  return store.write([siteKey], async (tx) => {
    const write = await captureWrite(await tx.chainHead(siteKey), spec, extras);
    await tx.insertCapture(write);
    return write.capture;
  });
}

/** Every capture of a site's chain, in order. */
export async function chainOf(store: Store, siteKey: string, fromSeq?: number) {
  const found: StoredCapture[] = [];
  for await (const capture of store.chain(siteKey, fromSeq)) found.push(capture);
  return found;
}
