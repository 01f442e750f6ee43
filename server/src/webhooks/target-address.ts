// Webhook targets may not reach the server's own network (SSRF): loopback, private,
// link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local and multicast addresses are
// refused unless the target opts in with `allowPrivateNetwork: true`. Checked twice: on the URL
// when the config loads (config/webhook-target-rules.ts, whose ranges this file uses), and on
// every address the name resolves to at connect time, so a DNS answer that changes after the
// check (rebinding) cannot slip through.
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isPrivateAddress, privateHostOf } from '../config/webhook-target-rules.js';

/** Raised (as a fetch-like error's cause) when a name resolves to a private address. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(host: string) {
    super(`${host} resolves to a private network address`);
    this.name = 'PrivateAddressError';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net.connect that refuses every answer holding a private address. */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    // One private answer is enough to refuse: a rebinding name may mix them.
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new PrivateAddressError(hostname), []);
    }
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** What a guarded send needs to know about its target. */
export interface TargetGuard {
  allowPrivateNetwork: boolean;
}

/**
 * A fetch for webhooks over node:http(s) that checks the address it connects to, not only the
 * URL: the status comes back, the body is discarded. Errors look like fetch's (`cause.code`).
 */
export function guardedWebhookFetch(
  url: string,
  init: RequestInit,
  guard: TargetGuard = { allowPrivateNetwork: false },
): Promise<Response> {
  const target = new URL(url);
  const fail = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
  if (!guard.allowPrivateNetwork && privateHostOf(url) !== undefined) {
    return Promise.reject(fail(new PrivateAddressError(target.hostname)));
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        ...(init.signal ? { signal: init.signal } : {}),
        ...(guard.allowPrivateNetwork ? {} : { lookup: publicOnlyLookup }),
      },
      (incoming) => {
        incoming.resume();
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) reject(fail({ code: `HTTP_${status}` }));
        else resolve(new Response(null, { status }));
      },
    );
    outgoing.on('error', (error: Error) =>
      reject(error.name === 'AbortError' ? error : fail(error)),
    );
    outgoing.end(typeof init.body === 'string' ? init.body : undefined);
  });
}
