// DNS rebinding: a name that looked public when checked and resolves to a private
// address when the connection is made is refused at connect time, as is an answer mixing public
// and private addresses. The resolver is scripted (node:dns mocked for target-address.ts only).
import type * as dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { privateHostOf } from '../config/webhook-target-rules.js';
import { guardedWebhookFetch, publicOnlyLookup } from './target-address.js';
import { sendWebhook } from './webhook-send.js';

const answers: LookupAddress[][] = [];
vi.mock('node:dns', async (original) => {
  const actual = await original<typeof dns>();
  return {
    ...actual,
    lookup: (
      _host: string,
      _options: unknown,
      callback: (error: Error | null, addresses: LookupAddress[]) => void,
    ) => {
      const next = answers.shift() ?? [];
      setImmediate(() => callback(null, next));
    },
  };
});

beforeEach(() => {
  answers.length = 0;
});

describe('a name that rebinds to a private address', () => {
  it('passes the URL check (it is a name), then is refused when the connection resolves it', async () => {
    expect(privateHostOf('http://rebind.example/h')).toBeUndefined();
    answers.push([{ address: '127.0.0.1', family: 4 }]);
    const attempt = await sendWebhook(
      guardedWebhookFetch,
      'http://rebind.example/h',
      { body: '{}', headers: {} },
      2000,
    );
    expect(attempt).toEqual({ kind: 'failed', error: 'network: EPRIVATEADDRESS' });
    expect(answers).toHaveLength(0);
  });

  it.each([
    ['public then private', ['93.184.216.34', '10.0.0.7']],
    ['private then public', ['169.254.169.254', '93.184.216.34']],
    ['an IPv6 unique-local address', ['2606:4700::1111', 'fd00::5']],
  ])('refuses an answer mixing addresses (%s)', async (_, addresses) => {
    answers.push(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicOnlyLookup('rebind.example', { all: true }, (e) => resolve(e)),
    );
    expect(error?.code).toBe('EPRIVATEADDRESS');
  });

  it('passes a public answer through, in the form net.connect asked for', async () => {
    answers.push([{ address: '93.184.216.34', family: 4 }]);
    const one = await new Promise<unknown[]>((resolve) =>
      publicOnlyLookup('public.example', {}, (...args) => resolve(args)),
    );
    expect(one).toEqual([null, '93.184.216.34', 4]);
    answers.push([{ address: '93.184.216.34', family: 4 }]);
    const all = await new Promise<unknown[]>((resolve) =>
      publicOnlyLookup('public.example', { all: true }, (...args) => resolve(args)),
    );
    expect(all).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
  });
});
