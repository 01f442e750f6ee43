// `izinli verify bundle` (and `verify receipt` given a bundle) on a real evidence bundle from the
// admin API: captures posted to the real app, the bundle downloaded, then checked and tampered.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import type { Harness } from '../http/app-harness.test-support.js';
import { checkpointedAppPerFile, izinliAgainst } from './cli-run.test-support.js';
import { EXIT } from './run.js';

type Bundle = {
  howToVerify: string;
  records: { record?: { origin: string }; receipt?: string }[];
  notices: { text: string }[];
  [key: string]: unknown;
};
let h: Harness;
let work: string;
let bundle: Bundle;
let file: string;
const JWKS_URL = 'http://localhost/.well-known/jwks.json';

checkpointedAppPerFile(2, 'izinli-bundle-', async (made) => {
  ({ h, work } = made);
  const response = await h.app.request('/v1/admin/recipients/evidence?phone=05321234567', {
    headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(200);
  bundle = (await response.json()) as Bundle;
  file = join(work, 'evidence.json');
  writeFileSync(file, JSON.stringify(bundle, null, 2));
});

const izinli = (argv: string[], stdin = '') => izinliAgainst(h.app, argv, stdin);

describe('izinli verify bundle', () => {
  it('A13: verifies every receipt of a bundle from the API, per record, against the JWKS URL', async () => {
    const run = await izinli(['verify', 'bundle', file, '--jwks', JWKS_URL]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain(`(${EXAMPLE_SITE_KEY} #1): receipt verified, signed by key`);
    expect(run.stdout).toContain(`(${EXAMPLE_SITE_KEY} #2): receipt verified, signed by key`);
    expect(run.stdout).toMatch(
      /notices: kvkk-aydinlatma v\d+ tr text matches, etk-onay v1 tr text matches/,
    );
    expect(run.stdout).toContain(`checkpoint ${EXAMPLE_SITE_KEY} #2: signature verified`);
    expect(run.stdout).toContain('bundle verified: 2 of 2 record(s) verified');
  });

  it('the bundle’s howToVerify names the command that takes the file, and verify receipt takes it too', async () => {
    expect(bundle.howToVerify).toContain('izinli verify bundle');
    const run = await izinli(['verify', 'receipt', file, '--jwks', JWKS_URL, '--json']);
    expect(run.code).toBe(EXIT.ok);
    const report = JSON.parse(run.stdout) as { ok: boolean; records: { status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.records.map((r) => r.status)).toEqual(['verified', 'verified']);
  });

  it('without --jwks uses the bundle’s own keys and warns', async () => {
    const run = await izinli(['verify', 'bundle', '-'], JSON.stringify(bundle));
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain('the bundle’s own JWKS was used');
  });

  it('A13, B8: an edited record, or an edited notice text, fails and is named', async () => {
    const edited = structuredClone(bundle);
    edited.records[1]!.record!.origin = 'https://evil.example';
    const record = await izinli(
      ['verify', 'bundle', '-', '--jwks', JWKS_URL],
      JSON.stringify(edited),
    );
    expect(record.code).toBe(EXIT.failed);
    expect(record.stdout).toContain(`(${EXAMPLE_SITE_KEY} #2): NOT verified`);
    expect(record.stdout).toContain('records[1].record: expected what the receipt signed');
    expect(record.stdout).toContain('bundle NOT verified: 1 of 2 record(s) verified');

    const text = structuredClone(bundle);
    text.notices[0]!.text += ' (değiştirildi)';
    const notice = await izinli(
      ['verify', 'bundle', '-', '--jwks', JWKS_URL],
      JSON.stringify(text),
    );
    expect(notice.code).toBe(EXIT.failed);
    expect(notice.stdout).toContain('notices[0].text: expected a text whose SHA-256 is');
  });

  it('takes fields and entries it does not know (other record kinds, other fields)', async () => {
    const extended = {
      ...structuredClone(bundle),
      annexes: [{ name: 'form.pdf', sha256: 'a'.repeat(64) }],
      records: [
        ...structuredClone(bundle.records),
        { kind: 'tsr', siteKey: EXAMPLE_SITE_KEY, seq: 3, tsr: 'MIIB…' },
      ],
    };
    const run = await izinli(
      ['verify', 'bundle', '-', '--jwks', JWKS_URL],
      JSON.stringify(extended),
    );
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain(`record 3 (${EXAMPLE_SITE_KEY} #3): no receipt, not checked`);
    expect(run.stdout).toContain('2 of 3 record(s) verified, 0 purged, 1 without a receipt');
  });

  it('the admin API checks the same bundle the same way, messages in the request’s language', async () => {
    const response = await h.app.request(
      '/v1/admin/recipients/evidence/verification?phone=05321234567',
      { headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`, 'Accept-Language': 'tr' } },
    );
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      ok: boolean;
      jwksUrl: string;
      records: { status: string; kid: string; notices: { text: string }[] }[];
      checkpoints: { ok: boolean }[];
    };
    expect(report.ok).toBe(true);
    expect(report.jwksUrl).toBe('/.well-known/jwks.json');
    expect(report.records.map((r) => r.status)).toEqual(['verified', 'verified']);
    expect(report.records[0]!.kid).toBe(h.ring.kid);
    expect(report.records[0]!.notices.every((n) => n.text === 'matches')).toBe(true);
    expect(report.checkpoints).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('refuses what is not a bundle with exit 2', async () => {
    const run = await izinli(['verify', 'bundle', '-'], '{"receipt":"x"}');
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('is not an evidence bundle');
  });
});
