// The crash test: a capture load against a real server process killed with SIGKILL
// mid-way; after a restart every capture that got a 2xx is stored and verifies, and the chain is
// intact. SQLite with synchronous=FULL: an answered capture is on disk.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { compactVerify, createLocalJWKSet } from 'jose';
import {
  adminRecords,
  captureBody,
  expectUnbrokenChain,
  postCapture,
  sleep,
  startLoad,
} from './captures.test-support.js';
import { makeDataDir, serverProcesses } from './server-process.test-support.js';

const servers = serverProcesses();

describe('crash safety', () => {
  it('A13: after SIGKILL mid-load, every capture that got a 2xx is stored, verifies, and the chain is intact', async () => {
    const { env } = makeDataDir();
    const first = await servers.start(env);

    // 16 clients post until the kill; after it, requests that get no answer are expected.
    let killed = false;
    const load = startLoad({
      workers: 16,
      next: (n) => (killed ? undefined : { url: first.url, body: captureBody(n) }),
      onNoAnswer: (error) => {
        if (!killed) throw error;
      },
    });
    // Kill once a good number of captures are in, while the others are in flight.
    while (load.result.acknowledged.length < 150) await sleep(5);
    killed = true;
    first.child.kill('SIGKILL');
    const { acknowledged, failures, sent } = await load.done;
    expect(failures, 'every answer before the kill is a 2xx').toEqual([]);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(sent).toBeGreaterThan(acknowledged.length);

    const second = await servers.start(env);
    const jwks = createLocalJWKSet(
      (await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as never,
    );
    for (const { id } of acknowledged) {
      const response = await fetch(`${second.url}/v1/admin/captures/${id}`, {
        headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
      });
      expect(response.status, id).toBe(200);
      const stored = (await response.json()) as { receipt: string; record: unknown };
      const { payload } = await compactVerify(stored.receipt, jwks);
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(stored.record);
    }
    // The whole chain, page by page through the admin API.
    const records = await adminRecords(second.url);
    expect(records.length).toBeGreaterThanOrEqual(acknowledged.length);
    await expectUnbrokenChain(records);
    // The restarted server goes on appending to the same chain.
    const response = await postCapture(second.url, captureBody(999_999));
    expect(response.status).toBe(201);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
