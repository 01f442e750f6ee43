// A bundle's confirmation records against the captures they confirm (docs/verification.md#records):
// a confirmation's own receipt proves only that izinli signed it; that it releases *this*
// recipient's capture needs its `confirms.recordHash` to be that capture's, and its
// `destinationSha256` the hash of that capture's address for the channels it releases. A
// confirmation moved onto another person's capture, or a capture altered after confirmation, fails.
import { createHash } from 'node:crypto';
import { excerpt, isCaptureRecord } from '@izinli/core';
import type { ChainRecord, ConfirmationRecord, Problem } from '@izinli/core';

/** The parts of a record's check (bundle-verify.ts's BundleRecordCheck) read and amended here. */
interface RecordCheck {
  index: number;
  captureId?: string;
  status: 'verified' | 'failed' | 'purged' | 'unsigned';
  record?: ChainRecord;
  problems: Problem[];
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Adds to each verified confirmation's check the problems of its capture: absent from the bundle,
 * another record hash, another address, or channels the capture did not hold. A failed one fails.
 */
export function checkConfirmations(entries: readonly unknown[], checks: RecordCheck[]): void {
  for (const check of checks) {
    if (check.status !== 'verified' || check.record?.kind !== 'confirmation') continue;
    const problems = confirmationProblems(check.record, check.index, entries, checks);
    if (problems.length === 0) continue;
    check.problems.push(...problems);
    check.status = 'failed';
  }
}

function confirmationProblems(
  confirmation: ConfirmationRecord,
  index: number,
  entries: readonly unknown[],
  checks: readonly RecordCheck[],
): Problem[] {
  const path = ['records', index, 'record'];
  const { captureId, recordHash } = confirmation.confirms;
  // The signed record where its receipt verified; a purged capture's entry keeps its digests.
  const signed = checks.find((c) => c.status === 'verified' && c.captureId === captureId)?.record;
  const entry = entries.find((e) => isObj(e) && e.captureId === captureId) as Obj | undefined;
  const hash =
    signed?.recordHash ?? (typeof entry?.recordHash === 'string' ? entry.recordHash : undefined);
  if (hash === undefined) {
    return [
      {
        code: 'bundle.confirmationWithoutCapture',
        path: [...path, 'confirms', 'captureId'],
        expected: {
          en: `the capture ${captureId} it confirms, among the bundle's records`,
          tr: `doğruladığı ${captureId} kaydı, paketin kayıtları arasında`,
        },
        received: 'no record with that captureId',
      },
    ];
  }
  if (hash !== recordHash) {
    return [
      {
        code: 'bundle.confirmationHashMismatch',
        path: [...path, 'confirms', 'recordHash'],
        expected: {
          en: `the recordHash of the capture ${captureId} in the bundle: ${hash}`,
          tr: `paketteki ${captureId} kaydının recordHash değeri: ${hash}`,
        },
        received: recordHash,
      },
    ];
  }
  // A purged capture's address is gone: its hash above is all that can be checked.
  if (!signed || !isCaptureRecord(signed)) return [];
  const problems: Problem[] = [];
  const notHeld = confirmation.channels.filter(
    (c) => !signed.channels.some((h) => h.type === c.type && h.verify !== undefined),
  );
  if (notHeld.length > 0) {
    problems.push({
      code: 'bundle.confirmationNotHeld',
      path: [...path, 'channels'],
      expected: {
        en: `channels the capture ${captureId} holds for confirmation`,
        tr: `${captureId} kaydının onay için beklettiği kanallar`,
      },
      received: notHeld.map((c) => c.type).join(', '),
    });
  }
  const kinds = new Set(
    confirmation.channels.map((c): 'email' | 'phone' => (c.type === 'EPOSTA' ? 'email' : 'phone')),
  );
  for (const kind of kinds) {
    const address = signed.person[kind];
    const expected = address === undefined ? undefined : sha256(address);
    if (expected === confirmation.destinationSha256) continue;
    problems.push({
      code: 'bundle.confirmationAddressMismatch',
      path: [...path, 'destinationSha256'],
      expected: {
        en: `the SHA-256 of the capture's ${kind === 'email' ? 'e-mail address' : 'phone number'}, for the channels it releases: ${expected ?? '(the capture has none)'}`,
        tr: `bıraktığı kanallar için kaydın ${kind === 'email' ? 'e-posta adresinin' : 'telefon numarasının'} SHA-256 özeti: ${expected ?? '(kayıtta yok)'}`,
      },
      received: excerpt(confirmation.destinationSha256, 70),
    });
  }
  return problems;
}
