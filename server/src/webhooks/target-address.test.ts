// Webhooks to private networks are refused unless the target opts in (SSRF): on the
// config's URL at load, and on the resolved address at connect time (DNS rebinding).
import { afterEach, describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import {
  cleartextTargetProblem,
  isPrivateAddress,
  privateHostOf,
} from '../config/webhook-target-rules.js';
import { guardedWebhookFetch, publicOnlyLookup } from './target-address.js';
import { configWithWebhook } from './webhook-config.test-support.js';
import { newSecret, startReceiver } from './webhook-receiver.test-support.js';
import { sendWebhook } from './webhook-send.js';

describe('isPrivateAddress', () => {
  it.each([
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.9.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '1.1.1.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows the public address %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('privateHostOf', () => {
  it('names loopback, private literals and localhost, however the URL spells them', () => {
    expect(privateHostOf('http://127.0.0.1:8080/h')).toBe('127.0.0.1');
    // The URL parser turns decimal, hex and short forms into the dotted address.
    expect(privateHostOf('http://2130706433/h')).toBe('127.0.0.1');
    expect(privateHostOf('http://0x7f.1/h')).toBe('127.0.0.1');
    expect(privateHostOf('http://[::1]/h')).toBe('[::1]');
    expect(privateHostOf('http://[::ffff:169.254.169.254]/latest')).toBeDefined();
    expect(privateHostOf('http://LOCALHOST./h')).toBe('localhost.');
    expect(privateHostOf('http://api.localhost/h')).toBe('api.localhost');
    expect(privateHostOf('https://crm.example/h')).toBeUndefined();
    expect(privateHostOf('https://8.8.8.8/h')).toBeUndefined();
  });
});

describe('cleartextTargetProblem', () => {
  const path = ['tenants', 0, 'webhooks', 1];

  it('passes https:// and loopback http://, and any URL on a target with the opt-in', () => {
    expect(cleartextTargetProblem({ url: 'https://crm.example/h' }, path)).toBeUndefined();
    expect(cleartextTargetProblem({ url: 'http://127.0.0.1:9000/h' }, path)).toBeUndefined();
    expect(cleartextTargetProblem({ url: 'http://[::1]/h' }, path)).toBeUndefined();
    expect(cleartextTargetProblem({ url: 'http://localhost/h' }, path)).toBeUndefined();
    expect(
      cleartextTargetProblem({ url: 'http://crm.lan/h', allowPrivateNetwork: true }, path),
    ).toBeUndefined();
  });

  it('names http:// to any other host, by scheme and host only', () => {
    for (const [url, origin] of [
      ['http://crm.example/h?key=s3cret', 'http://crm.example'],
      ['http://8.8.8.8:8080/h', 'http://8.8.8.8:8080'],
      ['http://10.1.2.3/h', 'http://10.1.2.3'],
      ['http://api.localhost/h', 'http://api.localhost'],
    ] as const) {
      expect(cleartextTargetProblem({ url, allowPrivateNetwork: false }, path)).toEqual({
        code: 'config.webhookHttpsRequired',
        path: [...path, 'url'],
        expected: {
          en: 'an https:// URL (plain http:// only to this machine: 127.0.0.0/8, ::1 or localhost), or "allowPrivateNetwork": true on a target on your own network',
          tr: 'https:// ile başlayan bir adres (düz http:// yalnızca bu makineye: 127.0.0.0/8, ::1 ya da localhost) ya da kendi ağınızdaki bir hedefte "allowPrivateNetwork": true',
        },
        received: origin,
        params: { origin },
      });
    }
  });
});

const configWith = (url: string, allowPrivateNetwork?: boolean) =>
  configWithWebhook(url, allowPrivateNetwork);
const env = { IYS_PASSWORD: 'demo', WH: newSecret() };

describe('the config check at load', () => {
  it.each([
    'http://10.1.2.3/h',
    'http://172.20.0.5/h',
    'http://192.168.0.10/h',
    'http://127.0.0.1:9000/h',
    'http://[::1]/h',
    'http://169.254.169.254/latest/meta-data',
    'http://[fd00::1]/h',
    'http://localhost:3000/h',
  ])('refuses a target at %s, naming the path and the opt-in', async (url) => {
    const loaded = await checkServerConfig(configWith(url), env);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toEqual([
      expect.objectContaining({
        code: 'config.webhookPrivateTarget',
        path: ['tenants', 0, 'webhooks', 0, 'url'],
        expected: {
          en: expect.stringContaining('allowPrivateNetwork') as string,
          tr: expect.stringContaining('allowPrivateNetwork') as string,
        },
      }),
    ]);
  });

  it('accepts a private target with allowPrivateNetwork: true, and a public one without', async () => {
    expect((await checkServerConfig(configWith('http://10.1.2.3/h', true), env)).ok).toBe(true);
    expect((await checkServerConfig(configWith('https://crm.example/h'), env)).ok).toBe(true);
    expect((await checkServerConfig(configWith('http://10.1.2.3/h', false), env)).ok).toBe(false);
  });
});

describe('the check at connect time', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('refuses a name that resolves to a private address (one answer or all of them)', async () => {
    const one = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (error) => resolve(error)),
    );
    expect(one?.code).toBe('EPRIVATEADDRESS');
    const all = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicOnlyLookup('localhost', { all: true }, (error) => resolve(error)),
    );
    expect(all?.code).toBe('EPRIVATEADDRESS');
  });

  it('sends nothing to a private receiver without the opt-in, and delivers with it', async () => {
    const secret = newSecret();
    const receiver = await startReceiver({ '/h': secret });
    cleanups.push(receiver.close);
    const signed = { body: '{}', headers: { 'content-type': 'application/json' } };
    const refused = await sendWebhook(guardedWebhookFetch, `${receiver.url}/h`, signed, 2000);
    expect(refused).toEqual({ kind: 'failed', error: 'network: EPRIVATEADDRESS' });
    expect(receiver.received).toHaveLength(0);
    const allowed = await sendWebhook(guardedWebhookFetch, `${receiver.url}/h`, signed, 2000, {
      allowPrivateNetwork: true,
    });
    expect(allowed).toEqual({ kind: 'delivered', status: 200 });
    expect(receiver.received).toHaveLength(1);
  });

  it('reports a refused connection and a timeout as fetch would', async () => {
    const signed = { body: '{}', headers: {} };
    const closed = await sendWebhook(guardedWebhookFetch, 'http://127.0.0.1:1/h', signed, 2000, {
      allowPrivateNetwork: true,
    });
    expect(closed).toEqual({ kind: 'failed', error: 'network: ECONNREFUSED' });
  });
});
