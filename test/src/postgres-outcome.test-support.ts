// What the PostgreSQL fault tests (restart, freeze) check once the fault is over: the refused
// captures replayed by their clients, then every capture stored once, the chain whole, and the
// exported log verifying.
import pg from 'pg';
import { expect } from 'vitest';
import { checkCaptureChain } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { exportAndVerify } from './cli-process.test-support.js';
import { parseRecords, postCaptureAnswer } from './captures.test-support.js';

/**
 * Retries each refused capture with its id and body, `workers` at a time, as the widget does:
 * 201 when it was not written, 200 when its commit ran after all; never a 409 (a refused capture
 * is never stored differently). Resolves with each one's status, in `refused` order.
 */
export async function replayRefused<T extends { body: { id: string } }>(
  baseUrl: string,
  refused: readonly T[],
  workers: number,
  timeoutMs: number,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < refused.length; i = next++) {
        const answer = await postCaptureAnswer(baseUrl, refused[i]!.body, timeoutMs);
        expect([200, 201], answer.text).toContain(answer.status);
        statuses[i] = answer.status;
      }
    }),
  );
  return statuses;
}

/**
 * The example site's captures in the database are exactly `ids`, each once, in one unbroken chain,
 * each with its movements (every capture ticks MESAJ: none half-written); and the operator's
 * check — `izinli export` through the same URL, `izinli verify log` against the JWKS — passes.
 */
export async function expectStoredOnceAndVerified(
  databaseUrl: string,
  dataDir: string,
  jwksFile: string,
  ids: readonly string[],
): Promise<void> {
  const expected = [...ids].sort();
  expect(new Set(expected).size).toBe(expected.length);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ capture_id: string; record: string }>(
      'SELECT capture_id, record FROM captures WHERE site_key = $1 ORDER BY seq',
      [EXAMPLE_SITE_KEY],
    );
    expect(rows.map((r) => r.capture_id).sort()).toEqual(expected);
    const records = parseRecords(rows.map((r) => r.record));
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(await checkCaptureChain(records)).toEqual([]);
    const movements = await client.query<{ n: string }>(
      'SELECT count(DISTINCT capture_id) AS n FROM movements',
    );
    expect(Number(movements.rows[0]!.n)).toBe(rows.length);
  } finally {
    await client.end();
  }
  const { exported, verified } = await exportAndVerify(databaseUrl, dataDir, jwksFile);
  expect(exported.code, exported.stderr).toBe(0);
  expect(verified.code, `${verified.stdout}${verified.stderr}`).toBe(0);
  expect(verified.stdout).toContain(`site ${EXAMPLE_SITE_KEY}: ${expected.length} records`);
}
