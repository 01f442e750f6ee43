// The writing pass of `izinli import`: each good row's files stored, then its draft committed
// through the group commit (signed, chained, its İYS movements queued in the outbox, which the
// delivery worker sends in batches once the backlog is large). Rows go in waves so the group
// commit fills its transactions.
import type { Problem } from '@izinli/core';
import type { GroupCommitter } from '../capture/group-commit.js';
import { uploadEvidenceFile } from '../evidence/evidence-upload.js';
import type { EvidenceStore } from '../store/ports/evidence-store.js';
import type { BadRow, GoodRow } from './import-plan.js';

const WAVE = 512;

export interface ImportWritten {
  recorded: number;
  /** Rows refused while writing (a file past the tenant's quota, a store refusal). */
  failed: BadRow[];
}

/** Commits the good rows; `onRow` is told how many are done. */
export async function writeImport(
  rows: readonly GoodRow[],
  deps: { committer: GroupCommitter; store: EvidenceStore; now: () => Date },
  onRow?: (done: number) => void,
): Promise<ImportWritten> {
  const out: ImportWritten = { recorded: 0, failed: [] };
  for (let start = 0; start < rows.length; start += WAVE) {
    const wave = rows.slice(start, start + WAVE);
    await Promise.all(
      wave.map(async (row) => {
        const problems: Problem[] = [];
        for (const file of row.files) {
          const stored = await uploadEvidenceFile(deps.store, row.tenant, file.bytes, deps.now());
          if (!stored.ok) problems.push(...stored.refusal.problems);
        }
        if (problems.length === 0) {
          const outcome = await deps.committer.submit(row.draft);
          if (outcome.kind === 'created') out.recorded += 1;
          else if (outcome.kind === 'unstorable') problems.push(...outcome.problems);
          else if (outcome.kind === 'conflict') {
            problems.push({
              code: 'capture.conflict',
              path: ['row_key'],
              expected: {
                en: 'a row key not used for another consent',
                tr: 'başka bir izin için kullanılmamış bir satır anahtarı',
              },
              received: row.rowKey,
            });
          }
        }
        if (problems.length > 0) out.failed.push({ line: row.line, rowKey: row.rowKey, problems });
      }),
    );
    onRow?.(Math.min(start + WAVE, rows.length));
  }
  out.failed.sort((a, b) => a.line - b.line);
  return out;
}
