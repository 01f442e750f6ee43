import { describe, expect, it } from 'vitest';
import { purgeTable } from './purge-command.js';
import type { RetentionReport } from '../retention/retention-pass.js';

describe('izinli purge: the table', () => {
  it('has a row per site with records and consent.changed events counted (A14, B10), and names unconfigured sites', () => {
    const report: RetentionReport = {
      at: '2026-12-01T00:00:00.000Z',
      dryRun: false,
      sites: [
        {
          siteKey: 'site-a',
          yearsAfterEnd: 3,
          examined: 12,
          due: 5,
          purged: 4,
          open: 1,
          active: 7,
          changedEventsDue: 9,
          changedEventsPurged: 8,
        },
      ],
      unconfigured: ['old-site'],
      iysDays: [{ iysCode: 100000, brandCode: 100000, before: '2023-12-01', files: 2, changes: 7 }],
    };
    const lines = purgeTable(report).trimEnd().split('\n');
    // Each column's header over its value, in the table's order.
    const head = lines[0]!.split(/\s{2,}/);
    const row = lines[1]!.trim().split(/\s+/);
    expect(head).toHaveLength(row.length);
    expect(head.map((name, i) => `${name}=${row[i]}`).join(', ')).toBe(
      'site=site-a, years=3, examined=12, due=5, purged=4, open=1, active=7, changed events due=9, changed events purged=8',
    );
    expect(lines[2]).toBe('not in the config (kept): old-site');
    expect(lines[3]).toBe(
      'İYS brand 100000/100000, days before 2023-12-01: 2 daily files and 7 İYS changes purged',
    );
  });
});
