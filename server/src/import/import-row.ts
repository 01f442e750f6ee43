// One import row as the admin API's consent body (consent/consent-request.ts): its columns mapped
// to fields, the defaults of the command (--site, --source) applied, and its files named by path.
import { problemsFromZod } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { ConsentRequest } from '../consent/consent-request.js';
import type { ImportRow } from './import-csv.js';

/** What the command adds to each row: the site and source of rows that name none. */
export interface RowDefaults {
  siteKey?: string;
  source?: string;
}

/** A row read as a consent: its body (files still by path) and the files its evidence needs. */
export interface RowConsent {
  body: ConsentRequest;
  /** Scan paths (evidence.files) and the recording path, relative to the CSV's folder. */
  scanPaths: string[];
  recordingPath?: string;
}

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

// A stand-in hash for each file until it is read: the real hash replaces it.
const PENDING = '0'.repeat(64);

function evidenceOf(cells: ImportRow['cells'], scans: string[], recording: string | undefined) {
  if (
    cells.call_id !== undefined ||
    cells.agent_id !== undefined ||
    cells.recording_ref !== undefined
  ) {
    return {
      kind: 'call',
      callId: cells.call_id,
      agentId: cells.agent_id,
      recordingRef: cells.recording_ref,
      ...(recording !== undefined ? { recording: PENDING } : {}),
    };
  }
  if (cells.message_id !== undefined) {
    return {
      kind: 'reply',
      messageId: cells.message_id,
      ...(cells.reply_text !== undefined ? { replyText: cells.reply_text } : {}),
      ...(cells.reply_sha256 !== undefined ? { replySha256: cells.reply_sha256 } : {}),
    };
  }
  if (cells.reference !== undefined) {
    return {
      kind: 'reference',
      reference: cells.reference,
      ...(scans.length > 0 ? { files: scans.map(() => PENDING) } : {}),
    };
  }
  return {
    kind: 'scan',
    ...(cells.form_id !== undefined ? { formId: cells.form_id } : {}),
    files: scans.map(() => PENDING),
  };
}

/** Reads a row as a consent body, or lists why it is not one (paths as the API's fields). */
export function rowConsent(
  row: ImportRow,
  captureId: string,
  defaults: RowDefaults,
): { ok: true; value: RowConsent } | { ok: false; problems: Problem[] } {
  const { cells } = row;
  const scanPaths = list(cells.scan_files);
  const recordingPath = cells.recording_file;
  const channels = (['MESAJ', 'ARAMA', 'EPOSTA'] as const).flatMap((type) =>
    cells[type] === undefined ? [] : [{ type, status: cells[type].toUpperCase() }],
  );
  const input = {
    id: captureId,
    siteKey: cells.site_key ?? defaults.siteKey,
    source: cells.source ?? defaults.source,
    consentDate: cells.consent_date,
    recipient: {
      ...(cells.full_name !== undefined ? { fullName: cells.full_name } : {}),
      ...(cells.phone !== undefined ? { phone: cells.phone } : {}),
      ...(cells.email !== undefined ? { email: cells.email } : {}),
    },
    ...(cells.recipient_type !== undefined ? { recipientType: cells.recipient_type } : {}),
    ...(cells.locale !== undefined ? { locale: cells.locale } : {}),
    channels,
    purposes: [
      ...list(cells.granted_purposes).map((id) => ({ id, granted: true })),
      ...list(cells.refused_purposes).map((id) => ({ id, granted: false })),
    ],
    evidence: evidenceOf(cells, scanPaths, recordingPath),
  };
  const parsed = ConsentRequest.safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, input) };
  return {
    ok: true,
    value: {
      body: parsed.data,
      scanPaths,
      ...(recordingPath !== undefined ? { recordingPath } : {}),
    },
  };
}
