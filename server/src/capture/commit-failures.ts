// How the group commit tells one capture's failure from the batch's: a failure a capture's own
// record or data caused takes that capture out; anything else fails the whole transaction.
import { excerpt } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { RecordInvalid } from './seal-capture.js';

/** The store refused the batch's rows together, without saying whose data it refused. */
export class BatchRefused extends Error {
  constructor(override readonly cause: unknown) {
    super('the store refused the batch', { cause });
  }
}

/** A failure that belongs to one capture of the batch (its index in the transaction's drafts). */
export class DraftFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`capture ${index} of the batch failed`, { cause });
  }
}

/**
 * Runs one capture's step, blaming the capture for its failure when `blame` says the failure is
 * its own (by default any failure: the pure seal touches nothing shared).
 */
export async function attributed<T>(
  index: number,
  step: () => T | Promise<T>,
  blame: (error: unknown) => boolean = () => true,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw blame(error) && !(error instanceof DraftFailure) ? new DraftFailure(index, error) : error;
  }
}

/**
 * Whether a store's error is about the row's data rather than the store itself: PostgreSQL's
 * classes 22 (data exception) and 23 (integrity constraint), SQLite's constraint, size and type
 * errors. A connection lost or a disk full is not, and fails the whole batch.
 */
export function isDataFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code);
}

/** What a taken-out capture's client is told: the record's own problems where the schema says. */
export function problemsOf(error: unknown): Problem[] {
  if (error instanceof RecordInvalid) return error.problems;
  return [
    {
      code: 'capture.unstorable',
      path: [],
      expected: {
        en: 'a capture whose record can be sealed, signed and stored',
        tr: 'kaydı mühürlenip imzalanabilen ve saklanabilen bir izin kaydı',
      },
      received: excerpt(error instanceof Error ? error.message : String(error), 120),
      // The seal's or the store's own words, in English: the Turkish says where to find them.
      receivedText: {
        en: 'a record the server failed to seal, sign or store (the reason is in its log)',
        tr: 'sunucunun mühürleyemediği, imzalayamadığı ya da saklayamadığı bir kayıt (nedeni sunucu günlüğünde)',
      },
    },
  ];
}
