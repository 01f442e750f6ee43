// /openapi.json under Redocly's `recommended` ruleset, the one generators and API catalogues
// expect: no error and no warning, so a client generated from it has a name for every call,
// knows each call's credentials, and handles every status the routes really answer.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../package-version.js';
import { makeHarness } from './app-harness.test-support.js';

describe('/openapi.json under Redocly recommended', () => {
  it('has 0 errors and 0 warnings, a real version, servers, a licence and security on every operation', async () => {
    const h = await makeHarness();
    try {
      const source = await (await h.app.request('/openapi.json')).text();
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source, absoluteRef: '/openapi.json', config });
      const found = problems.map(
        (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`,
      );
      expect(found).toEqual([]);
      const doc = JSON.parse(source) as {
        info: { version: string };
        paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
      };
      expect(doc.info.version).toBe(packageVersion());
      const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
      const ids = operations.map((o) => o.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(doc.paths['/v1/captures']!.post!.security).toEqual([]);
      expect(doc.paths['/v1/check']!.get!.security).toEqual([{ adminToken: [] }]);
      expect(doc.paths['/v1/iys/push/{iysCode}']!.post!.security).toEqual([{ iysPush: [] }]);
    } finally {
      await h.close();
    }
  });
});
