// The checking pass of `izinli import` (A19): every row read, normalised and judged as the admin
// API and İYS would judge it — before anything is written. A dry run prints this plan; the real
// run commits its good rows. Rows already in the ledger (same row key) are skipped, so a second
// run records nothing new.
import { createHash } from 'node:crypto';
import type { ConsentStatus, Problem, TenantConfig } from '@izinli/core';
import type { CaptureDraft } from '../capture/prepare-capture.js';
import { consentKeys } from '../capture/seal-capture.js';
import { prepareConsent } from '../consent/prepare-consent.js';
import type { ConsentContext } from '../consent/prepare-consent.js';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type { EvidenceFileMeta } from '../store/ports/evidence-store.js';
import type { ImportRow } from './import-csv.js';
import { problem, readRowFile } from './import-files.js';
import type { RowFile } from './import-files.js';
import { rowConsent } from './import-row.js';
import type { RowDefaults } from './import-row.js';

/** A row that will be recorded. */
export interface GoodRow {
  line: number;
  rowKey: string;
  draft: CaptureDraft;
  tenant: TenantConfig;
  files: RowFile[];
}

/** A row that will not be, and every reason. */
export interface BadRow {
  line: number;
  rowKey?: string;
  problems: Problem[];
}

export interface ImportPlan {
  rows: number;
  good: GoodRow[];
  /** Rows whose key the ledger already holds: recorded by an earlier run. */
  already: { line: number; rowKey: string; captureId: string }[];
  bad: BadRow[];
}

export interface PlanContext extends Omit<ConsentContext, 'store' | 'captureId' | 'tenant'> {
  store: CaptureStore;
  /** The bytes of a file a row names (a path beside the CSV, or an uploaded file's hash). */
  readFile: (path: string) => Promise<Uint8Array | undefined>;
  defaults: RowDefaults;
  onRow?(done: number): void;
}

/** The id a row is recorded under: the same file row always gets the same one (idempotency). */
export function importCaptureId(siteKey: string, rowKey: string): string {
  const hex = createHash('sha256').update(`izinli-import\0${siteKey}\0${rowKey}`).digest('hex');
  // A version 8 (RFC 9562, custom) UUID from the hash's first 128 bits.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// What a checked row leaves for the second pass: its draft, and its channels' statuses by key.
interface Checked {
  row: GoodRow;
  moves: { key: string; type: string; status: ConsentStatus }[];
}

/** Checks every row; writes nothing. */
export async function planImport(
  rows: readonly ImportRow[],
  context: PlanContext,
): Promise<ImportPlan> {
  const plan: ImportPlan = { rows: rows.length, good: [], already: [], bad: [] };
  const keysSeen = new Map<string, number>();
  const contentSeen = new Map<string, number>();
  const checked: Checked[] = [];
  const files = new Map<string, EvidenceFileMeta>();
  for (const [i, row] of rows.entries()) {
    context.onRow?.(i);
    const rowKey = row.cells.row_key ?? '';
    const siteKey = row.cells.site_key ?? context.defaults.siteKey ?? '';
    const bad = (problems: Problem[]) =>
      plan.bad.push({ line: row.line, ...(rowKey ? { rowKey } : {}), problems });
    const firstLine = keysSeen.get(rowKey);
    if (firstLine !== undefined) {
      bad([
        problem(
          'import.duplicate',
          ['row_key'],
          'a row key used once in the file',
          'dosyada bir kez kullanılan bir satır anahtarı',
          `${rowKey}, as on line ${firstLine}`,
        ),
      ]);
      continue;
    }
    keysSeen.set(rowKey, row.line);
    const captureId = importCaptureId(siteKey, rowKey);
    const read = rowConsent(row, captureId, context.defaults);
    if (!read.ok) {
      bad(read.problems);
      continue;
    }
    const { body, scanPaths, recordingPath } = read.value;
    const content = JSON.stringify([
      body.siteKey,
      body.recipient,
      body.consentDate,
      body.channels,
      body.purposes,
    ]);
    const sameAs = contentSeen.get(content);
    if (sameAs !== undefined) {
      bad([
        problem(
          'import.duplicate',
          [],
          'each consent once in the file',
          'her izin dosyada bir kez',
          `the same consent as line ${sameAs}`,
        ),
      ]);
      continue;
    }
    contentSeen.set(content, row.line);
    // After the content check, so a row the ledger holds still makes its copies duplicates.
    if (await context.store.getCapture(captureId)) {
      plan.already.push({ line: row.line, rowKey, captureId });
      continue;
    }
    const found = context.config.sites.get(body.siteKey);
    if (!found) {
      bad([
        problem(
          'site.unknown',
          ['site_key'],
          'the key of a site in the config',
          'yapılandırmadaki bir sitenin anahtarı',
          body.siteKey,
        ),
      ]);
      continue;
    }
    const problems: Problem[] = [];
    const scans = await Promise.all(
      scanPaths.map((p, n) =>
        readRowFile(context.readFile, p, ['scan_files', n], found.tenant, problems),
      ),
    );
    const recording =
      recordingPath === undefined
        ? undefined
        : await readRowFile(
            context.readFile,
            recordingPath,
            ['recording_file'],
            found.tenant,
            problems,
          );
    if (problems.length > 0) {
      bad(problems);
      continue;
    }
    const rowFiles = [...scans, ...(recording ? [recording] : [])].filter((f): f is RowFile => !!f);
    for (const f of rowFiles) {
      files.set(f.sha256, {
        tenantId: found.tenant.id,
        sha256: f.sha256,
        mediaType: f.mediaType,
        size: f.bytes.byteLength,
        storedAt: '',
      });
    }
    const evidence = body.evidence;
    if (evidence.kind === 'scan') evidence.files = scans.map((f) => f!.sha256);
    if (evidence.kind === 'reference' && evidence.files)
      evidence.files = scans.map((f) => f!.sha256);
    if (evidence.kind === 'call' && recording) evidence.recording = recording.sha256;
    const prepared = await prepareConsent(body, {
      ...context,
      tenant: found.tenant,
      captureId,
      store: {
        evidenceFilesMeta: (tenantId, hashes) =>
          Promise.resolve(
            new Map(
              hashes.flatMap((h) => {
                const f = files.get(h);
                return f && f.tenantId === tenantId ? [[h, f] as const] : [];
              }),
            ),
          ),
      },
    });
    if (!prepared.ok) {
      bad(prepared.refusal.problems);
      continue;
    }
    const keys = consentKeys(prepared.draft);
    const addressed = prepared.draft.record.channels.filter((c) =>
      c.type === 'EPOSTA' ? body.recipient.email !== undefined : body.recipient.phone !== undefined,
    );
    const status = new Map(body.channels.map((c) => [c.type, c.status]));
    checked.push({
      row: { line: row.line, rowKey, draft: prepared.draft, tenant: found.tenant, files: rowFiles },
      moves: addressed.map((c, n) => ({
        key: keys[n]!,
        type: c.type,
        status: status.get(c.type)!,
      })),
    });
  }
  await judgeFirstRefusals(checked, context.store, plan);
  context.onRow?.(rows.length);
  return plan;
}

/**
 * A RET İYS holds no ONAY for is refused as a first record (H175): judged in file order against
 * the ledger's current statuses and the rows before it.
 */
async function judgeFirstRefusals(checked: Checked[], store: CaptureStore, plan: ImportPlan) {
  const keys = [...new Set(checked.flatMap((c) => c.moves.map((m) => m.key)))];
  const bySite = [...new Set(checked.map((c) => c.row.draft.siteKey))];
  const statuses = new Map<string, ConsentStatus>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const found = await store.write(bySite, (tx) => tx.currentStatuses(part));
    for (const [k, v] of found) statuses.set(k, v);
  }
  for (const { row, moves } of checked) {
    const first = moves.filter((m) => m.status === 'RET' && statuses.get(m.key) !== 'ONAY');
    if (first.length > 0) {
      plan.bad.push({
        line: row.line,
        rowKey: row.rowKey,
        problems: first.map((m) =>
          problem(
            'import.firstRet',
            [m.type],
            `ONAY, or RET of a channel İYS holds ONAY for (İYS refuses a first RET: H175)`,
            `ONAY ya da İYS'de ONAY olan bir kanal için RET (İYS ilk kaydın RET olmasını kabul etmez: H175)`,
            'RET',
          ),
        ),
      });
      continue;
    }
    for (const m of moves) statuses.set(m.key, m.status);
    plan.good.push(row);
  }
  plan.bad.sort((a, b) => a.line - b.line);
}
