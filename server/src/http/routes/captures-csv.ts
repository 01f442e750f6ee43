// The captures of a filter (a date range, a site…) as CSV for a spreadsheet: the columns the
// console's captures list shows and the notices and origin of each record, never the person's
// name, phone or e-mail. UTF-8 with a byte order mark, so Excel reads Turkish letters right;
// streamed page by page, so a year of records never sits in memory.
import { isCaptureRecord } from '@izinli/core';
import { stringify } from 'csv-stringify/sync';
import type { CaptureFilter, StoredCapture } from '../../store/store.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';

/** The columns, in order (docs/admin-console.md describes each). */
export const CAPTURE_CSV_COLUMNS = [
  'captureId',
  'siteKey',
  'seq',
  'receivedAt',
  'consentDate',
  'kind',
  'origin',
  'MESAJ',
  'ARAMA',
  'EPOSTA',
  'purposesGranted',
  'purposesNotGranted',
  'notices',
  'recordHash',
  'purgedAt',
] as const;

const PAGE = 500;
const BOM = '\uFEFF';

function row(capture: StoredCapture): string[] {
  // The captures list holds consents only; a chained İYS day would leave these cells empty.
  const record = capture.record && isCaptureRecord(capture.record) ? capture.record : undefined;
  // A channel's cell: ONAY or RET as recorded for İYS, or ticked/unticked where no status went.
  const channel = (type: string) => {
    const found = record?.channels.find((c) => c.type === type);
    if (!found) return '';
    return found.status ?? (found.checked ? 'ticked' : 'unticked');
  };
  const purposes = (granted: boolean) =>
    (record?.purposes ?? [])
      .filter((p) => p.granted === granted)
      .map((p) => p.id)
      .join(' ');
  return [
    capture.captureId,
    capture.siteKey,
    String(capture.seq),
    capture.receivedAt,
    record?.consentDate ?? '',
    record?.kind ?? '',
    record?.origin ?? '',
    channel('MESAJ'),
    channel('ARAMA'),
    channel('EPOSTA'),
    purposes(true),
    purposes(false),
    (record?.notices ?? []).map((n) => `${n.id} v${n.version} ${n.locale}`).join(' '),
    capture.recordHash,
    capture.purgedAt ?? '',
  ];
}

/** The CSV body: a header row, then every capture of `filter`, oldest page first as listed. */
export function capturesCsv(
  store: Pick<CaptureStore, 'listCaptures'>,
  filter: Omit<CaptureFilter, 'cursor' | 'limit'>,
  delimiter: ',' | ';',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(BOM + stringify([[...CAPTURE_CSV_COLUMNS]], { delimiter })),
        );
        return;
      }
      const page = await store.listCaptures({
        ...filter,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      if (page.items.length > 0)
        controller.enqueue(encoder.encode(stringify(page.items.map(row), { delimiter })));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
}
