import { describe, expect, it } from 'vitest';
import { problemMessage } from './problem.js';
import { serverConfigJsonSchema, validateServerConfig } from './server-config.js';
import { exampleServerConfig, exampleSiteConfig } from './site-config.fixture.js';

const clone = <T>(value: T): T => structuredClone(value);

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
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.path)).toContainEqual([
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
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.map((p) => p.path.join('.'));
    expect(paths).toContain('tenants.0.id');
    expect(paths).toContain('tenants.0.sites.0.allowedOrigins.0');
  });

  it('refuses the same site key twice, across tenants', () => {
    const input = clone(exampleServerConfig);
    input.tenants.push({ ...clone(input.tenants[0]!), id: 'ikinci', adminTokens: [] });
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const dup = result.error.find((p) => p.code === 'config.notUnique')!;
    expect(dup.path).toEqual(['tenants', 1, 'sites', 0, 'siteKey']);
    expect(problemMessage(dup, 'en')).toContain('site key');
  });

  it('refuses a brand whose İYS account has no credentials', () => {
    const input = clone(exampleServerConfig);
    input.iysAccounts = [];
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]!.code).toBe('config.iysAccountMissing');
    expect(result.error[0]!.path).toEqual(['tenants', 0, 'sites', 0, 'brand', 'iysCode']);
  });

  it('refuses an inline İYS password: secrets come from the environment', () => {
    const input = clone(exampleServerConfig) as Record<string, unknown>;
    input.iysAccounts = [{ iysCode: 100000, username: 'demo', password: 'gizli' }];
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]!.path).toEqual(['iysAccounts', 0, 'password']);
  });

  it('refuses an admin token stored in clear instead of its SHA-256', () => {
    const input = clone(exampleServerConfig);
    input.tenants[0]!.adminTokens = [{ label: 'hukuk', sha256: 'izinli-ornek-admin-token-0001' }];
    const result = validateServerConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]!.path).toEqual(['tenants', 0, 'adminTokens', 0, 'sha256']);
    expect(result.error[0]!.expected).toContain('SHA-256');
  });
});

describe('serverConfigJsonSchema', () => {
  it('describes tenants, sites and İYS accounts for editor completion', () => {
    const schema = serverConfigJsonSchema() as {
      properties: Record<string, { items?: { properties?: Record<string, unknown> } }>;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['tenants', 'iysAccounts']),
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
