import { describe, expect, it } from 'vitest';
import { problemMessage } from './problem.js';
import type { Problem } from './problem.js';
import { serverConfigJsonSchema, validateServerConfig } from './server-config.js';
import { exampleServerConfig, exampleSiteConfig } from './site-config.fixture.js';

const clone = <T>(value: T): T => structuredClone(value);

/** The problems of a server config that must not validate. */
function refusalsOf(input: unknown): Problem[] {
  const result = validateServerConfig(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.error;
}

describe('validateServerConfig', () => {
  it('accepts the example config and applies defaults', () => {
    const result = validateServerConfig(exampleServerConfig);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tenants[0]!.sites[0]!.siteKey).toBe(exampleSiteConfig.siteKey);
    expect(result.value.iysAccounts[0]!.iysCode).toBe(100000);
  });

  it('B6: refuses a pre-ticked purpose deep inside a tenant, with the full path', () => {
    const input = clone(exampleServerConfig);
    const site = input.tenants[0]!.sites[0] as Record<string, unknown>;
    (site.purposes as Record<string, unknown>[])[0]!.defaultChecked = true;
    const problems = refusalsOf(input);
    expect(problems.map((p) => p.path)).toContainEqual([
      'tenants',
      0,
      'sites',
      0,
      'purposes',
      0,
      'defaultChecked',
    ]);
  });

  it('reports every problem at once: a broken tenant and a broken site', () => {
    const input = clone(exampleServerConfig) as Record<string, unknown>;
    const tenant = (input.tenants as Record<string, unknown>[])[0]!;
    tenant.id = 'Not A Slug';
    (tenant.sites as Record<string, unknown>[])[0]!.allowedOrigins = ['http://example.com/'];
    const problems = refusalsOf(input);
    const paths = problems.map((p) => p.path.join('.'));
    expect(paths).toContain('tenants.0.id');
    expect(paths).toContain('tenants.0.sites.0.allowedOrigins.0');
  });

  it('refuses the same site key twice, across tenants', () => {
    const input = clone(exampleServerConfig);
    input.tenants.push({ ...clone(input.tenants[0]!), id: 'ikinci', adminTokens: [] });
    const problems = refusalsOf(input);
    const dup = problems.find((p) => p.code === 'config.notUnique')!;
    expect(dup.path).toEqual(['tenants', 1, 'sites', 0, 'siteKey']);
    expect(problemMessage(dup, 'en')).toContain('site key');
  });

  it('refuses a brand whose İYS account has no credentials', () => {
    const input = clone(exampleServerConfig);
    input.iysAccounts = [];
    const problems = refusalsOf(input);
    expect(problems[0]!.code).toBe('config.iysAccountMissing');
    expect(problems[0]!.path).toEqual(['tenants', 0, 'sites', 0, 'brand', 'iysCode']);
  });

  it('refuses an inline İYS password: secrets come from the environment', () => {
    const input = clone(exampleServerConfig) as Record<string, unknown>;
    input.iysAccounts = [{ iysCode: 100000, username: 'demo', password: 'gizli' }];
    const problems = refusalsOf(input);
    expect(problems[0]!.path).toEqual(['iysAccounts', 0, 'password']);
  });

  it('refuses an admin token stored in clear instead of its SHA-256', () => {
    const input = clone(exampleServerConfig);
    input.tenants[0]!.adminTokens = [{ label: 'hukuk', sha256: 'izinli-ornek-admin-token-0001' }];
    const problems = refusalsOf(input);
    expect(problems[0]!.path).toEqual(['tenants', 0, 'adminTokens', 0, 'sha256']);
    expect(problems[0]!.expected.en).toContain('SHA-256');
  });
});

describe('validateServerConfig: calendar.extraHolidays', () => {
  const withHolidays = (extraHolidays: unknown[]) => ({
    ...clone(exampleServerConfig),
    calendar: { extraHolidays },
  });

  it('defaults to no extra holidays, and an entry to a full day', () => {
    const plain = validateServerConfig(exampleServerConfig);
    expect(plain.ok && plain.value.calendar).toEqual({ extraHolidays: [] });
    const result = validateServerConfig(
      withHolidays([
        { date: '2031-01-24', name: 'Ramazan Bayramı (1. gün)' },
        { date: '2031-01-23', kind: 'half', name: 'Ramazan Bayramı arifesi' },
      ]),
    );
    expect(result.ok && result.value.calendar.extraHolidays).toEqual([
      { date: '2031-01-24', kind: 'full', name: 'Ramazan Bayramı (1. gün)' },
      { date: '2031-01-23', kind: 'half', name: 'Ramazan Bayramı arifesi' },
    ]);
  });

  it.each(['2031-02-30', '2031-13-01', '2031-1-24', '24.01.2031', '2031-01-24T00:00:00Z'])(
    'refuses the date %s, saying what it expected and what it received',
    (date) => {
      const problems = refusalsOf(withHolidays([{ date, name: 'Bayram' }]));
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'config.holidayDate',
          path: ['calendar', 'extraHolidays', 0, 'date'],
          expected: {
            en: 'a real calendar day as YYYY-MM-DD, e.g. 2031-03-20',
            tr: 'YYYY-AA-GG biçiminde gerçek bir takvim günü, ör. 2031-03-20',
          },
          received: JSON.stringify(date),
        }),
      ]);
      expect(problemMessage(problems[0]!, 'en')).toBe(
        `calendar.extraHolidays[0].date: expected a real calendar day as YYYY-MM-DD (e.g. 2031-03-20); received "${date}"`,
      );
      expect(problemMessage(problems[0]!, 'tr')).toContain('2031-03-20');
      expect(problemMessage(problems[0]!, 'tr')).not.toContain('expected');
    },
  );

  it('refuses a date given twice, naming the second', () => {
    const problems = refusalsOf(
      withHolidays([
        { date: '2031-01-24', name: 'Ramazan Bayramı (1. gün)' },
        { date: '2031-01-25', name: 'Ramazan Bayramı (2. gün)' },
        { date: '2031-01-24', kind: 'half', name: 'yine' },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'config.notUnique',
        path: ['calendar', 'extraHolidays', 2, 'date'],
        expected: { en: 'a unique extra holiday date', tr: 'benzersiz bir ek tatil günü tarihi' },
        received: '"2031-01-24"',
      }),
    ]);
  });

  it('refuses an unknown kind, a missing or blank name and an unknown field', () => {
    const problems = refusalsOf(
      withHolidays([
        { date: '2031-01-24', kind: 'quarter', name: 'Bayram' },
        { date: '2031-01-25', name: '  ' },
        { date: '2031-01-26' },
        { date: '2031-01-27', name: 'Bayram', moved: true },
      ]),
    );
    expect(problems.map((p) => p.path.join('.'))).toEqual([
      'calendar.extraHolidays.0.kind',
      'calendar.extraHolidays.1.name',
      'calendar.extraHolidays.2.name',
      'calendar.extraHolidays.3',
    ]);
  });
});

describe('serverConfigJsonSchema', () => {
  it('describes tenants, sites, İYS accounts and the calendar for editor completion', () => {
    const schema = serverConfigJsonSchema() as {
      properties: Record<string, { items?: { properties?: Record<string, unknown> } }>;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['tenants', 'iysAccounts', 'calendar']),
    );
    const tenant = schema.properties.tenants!.items!.properties!;
    expect(Object.keys(tenant)).toEqual(
      expect.arrayContaining(['id', 'sites', 'adminTokens', 'webhooks']),
    );
  });

  it('lets a notice name its text by file, with no text, hash or version beside it', () => {
    type Shape = { properties: Record<string, Shape>; items: Shape; anyOf: Shape[] } & {
      required?: string[];
      additionalProperties?: boolean;
    };
    const schema = serverConfigJsonSchema() as unknown as Shape;
    const site = schema.properties.tenants!.items.properties.sites!.items;
    const forms = site.properties.notices!.items.anyOf;
    const byFile = forms.find((f) => f.required?.includes('textFile'));
    const inline = forms.find((f) => f.required?.includes('text'));
    expect(byFile?.required).toEqual(['id', 'locale', 'kind', 'title', 'textFile']);
    expect(Object.keys(byFile!.properties)).not.toContain('sha256');
    expect(byFile!.additionalProperties).toBe(false);
    expect(inline?.required).toEqual(expect.arrayContaining(['version', 'text', 'sha256']));
  });
});
