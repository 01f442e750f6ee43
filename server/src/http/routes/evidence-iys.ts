// What İYS itself says of a recipient's delivered consents, for the evidence bundle: each delivery
// with İYS's transactionId and creationDate, and, for a day reconciled with İYS, the day's file
// line for it, the file's hashes, and İYS's RFC 3161 time stamp of that file. The whole file is not
// included: it lists other people; the operator can show it (GET /v1/admin/reconciliation/…/file).
// An agreed day is also a record of the recipient's site chain (`iys-day`): the bundle links it by
// seq and hash with its receipt, so the file's and the stamp's hashes are signed and chained.
import type { Movement } from '@izinli/core';
import { iysDayRecordId } from '../../reconciliation/chain-iys-day.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { ReconciliationStore } from '../../store/ports/reconciliation-store.js';

/** One delivered movement as İYS recorded it. */
export interface IysDelivery {
  movementId: string;
  captureId: string;
  iysCode: number;
  brandCode: number;
  type: string;
  status: string;
  consentDate: string;
  transactionId: string;
  /** İYS's creationDate (Turkey time): the day of İYS's daily file it is in. */
  creationDate: string;
  /** The day's reconciliation, when izinli and İYS agreed on it. */
  reconciliation?: { day: string; fileLine: string };
}

/** A day the bundle cites: its state, the file's hashes and İYS's time stamp (base64). */
export interface ReconciledDay {
  iysCode: number;
  brandCode: number;
  day: string;
  state: string;
  agreedAt?: string;
  /** SHA-384 of the file (İYS's agreement hash) and SHA-256 (what the stamp's imprint is). */
  fileSha384?: string;
  fileSha256?: string;
  /** The file's header row, naming the line's columns. */
  fileHeader?: string;
  timestampSha256?: string;
  timestamp?: string;
  /** The day's `iys-day` record in each chain of the recipient's sites that holds it. */
  chained?: { siteKey: string; seq: number; recordHash: string; receipt?: string }[];
}

/** İYS's record of the delivered movements, with the reconciled days they fall on. */
export async function iysEvidence(
  store: ReconciliationStore & Pick<CaptureStore, 'getCapture'>,
  movements: readonly Movement[],
  /** The site of each of the recipient's records (whose chains may hold the day). */
  siteOf: (captureId: string) => string | undefined,
): Promise<{ deliveries: IysDelivery[]; days: ReconciledDay[] }> {
  const delivered = movements.filter(
    (m): m is Movement & { transactionId: string; creationDate: string } =>
      m.state === 'delivered' && m.transactionId !== undefined && m.creationDate !== undefined,
  );
  const days = new Map<string, { day: ReconciledDay; lines?: Map<string, string> }>();
  for (const m of delivered) {
    const day = m.creationDate.slice(0, 10);
    const key = `${m.iysCode}/${m.brandCode}/${day}`;
    if (days.has(key)) continue;
    const brand = { iysCode: m.iysCode, brandCode: m.brandCode };
    const [found] = await store.reconciliationDays({ brands: [brand], from: day, to: day });
    if (!found) continue;
    const entry: { day: ReconciledDay; lines?: Map<string, string> } = {
      day: {
        ...brand,
        day,
        state: found.state,
        ...(found.agreedAt ? { agreedAt: found.agreedAt } : {}),
        ...(found.hash ? { fileSha384: found.hash } : {}),
      },
    };
    const file = found.fileSha256 ? await store.reconciliationFile(found.fileSha256) : undefined;
    if (file) {
      const [header = '', ...rows] = new TextDecoder().decode(file.content).split('\n');
      entry.day.fileSha256 = file.sha256;
      entry.day.fileHeader = header;
      const column = header.split(',').indexOf('transactionId');
      entry.lines = new Map(rows.filter(Boolean).map((row) => [row.split(',')[column] ?? '', row]));
    }
    const stamp = found.timestampSha256
      ? await store.reconciliationFile(found.timestampSha256)
      : undefined;
    if (stamp) {
      entry.day.timestampSha256 = stamp.sha256;
      entry.day.timestamp = Buffer.from(stamp.content).toString('base64');
    }
    const sites = new Set(
      delivered.filter((d) => d.creationDate.startsWith(day)).map((d) => siteOf(d.captureId)),
    );
    for (const siteKey of sites) {
      const record = siteKey && (await store.getCapture(iysDayRecordId(siteKey, found)));
      if (!record) continue;
      (entry.day.chained ??= []).push({
        siteKey: record.siteKey,
        seq: record.seq,
        recordHash: record.recordHash,
        ...(record.receipt ? { receipt: record.receipt } : {}),
      });
    }
    days.set(key, entry);
  }
  const deliveries = delivered.map((m): IysDelivery => {
    const day = m.creationDate.slice(0, 10);
    const line = days.get(`${m.iysCode}/${m.brandCode}/${day}`)?.lines?.get(m.transactionId);
    return {
      movementId: m.id,
      captureId: m.captureId,
      iysCode: m.iysCode,
      brandCode: m.brandCode,
      type: m.type,
      status: m.status,
      consentDate: m.consentDate,
      transactionId: m.transactionId,
      creationDate: m.creationDate,
      ...(line ? { reconciliation: { day, fileLine: line } } : {}),
    };
  });
  return { deliveries, days: [...days.values()].map((d) => d.day) };
}
