// A site owner's webhook endpoint for tests: a real node:http server on port 0 that verifies every
// request with the `standardwebhooks` package and answers the statuses it is told to, in order.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerConfigInput } from '@izinli/core';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { Webhook } from 'standardwebhooks';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';

/** A new `whsec_…` secret (32 random bytes). */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** One request the receiver got. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed payload when the signature verified with the path's secret, else undefined. */
  verified?: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** Starts a receiver; `secrets` by path (`/crm` → its whsec_ secret). */
export async function startReceiver(secrets: Record<string, string>) {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
      );
      const path = request.url ?? '';
      let verified: Received['verified'];
      try {
        const secret = secrets[path];
        if (secret) verified = new Webhook(secret).verify(body, headers) as Received['verified'];
      } catch {
        verified = undefined;
      }
      received.push({ path, headers, body, ...(verified ? { verified } : {}) });
      response.statusCode = statuses.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** The statuses of the next answers, in order (200 once they run out). */
    answer(...next: number[]) {
      statuses.push(...next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The example config, checked, with one webhook target `crm` at `url` (a private address, allowed)
 * signed with `secret`; `change` edits the config before the check (e.g. İYS push credentials).
 */
export async function configWithReceiver(
  url: string,
  secret: string,
  change: (config: ServerConfigInput) => ServerConfigInput = (config) => config,
): Promise<LoadedConfig> {
  const [tenant] = exampleServerConfig.tenants;
  const webhooks = [{ id: 'crm', url, secret: { env: 'WEBHOOK_CRM' }, allowPrivateNetwork: true }];
  const config = await checkServerConfig(
    change({ ...exampleServerConfig, tenants: [{ ...tenant!, webhooks }] }),
    { IYS_PASSWORD: 'demo', WEBHOOK_CRM: secret },
  );
  if (!config.ok) throw new Error(`bad test config: ${JSON.stringify(config.error)}`);
  return config.value;
}

/**
 * A receiver at `/hooks` with a fresh secret, and the example config whose webhook `crm` points at
 * it (`change` as for configWithReceiver); the caller closes the receiver.
 */
export async function receiverWithConfig(
  change?: (config: ServerConfigInput) => ServerConfigInput,
) {
  const secret = newSecret();
  const receiver = await startReceiver({ '/hooks': secret });
  const config = await configWithReceiver(`${receiver.url}/hooks`, secret, change);
  return { secret, receiver, config };
}
