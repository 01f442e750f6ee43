// What the framework recipes' e2e tests share (frameworks.test.ts): an izinli
// server for the example site, allowing the examples' origins, and the capture it holds.
import { EXAMPLE_ADMIN_TOKEN, exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig, parseServerEnv, startServer } from '@izinli/server';
import type { RunningServer } from '@izinli/server';
import { pino } from 'pino';
import { eventually } from './browser.test-support.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** izinli with the example site, its data in `dir`, taking captures from `origins`. */
export async function startIzinli(dir: string, origins: string[]): Promise<RunningServer> {
  const [tenant] = exampleServerConfig.tenants;
  const sites = tenant!.sites.map((s) => ({ ...s, allowedOrigins: origins }));
  const config = await checkServerConfig(
    { ...exampleServerConfig, tenants: [{ ...tenant!, sites }] },
    { IYS_PASSWORD: 'demo' },
  );
  const env = parseServerEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir });
  if (!config.ok || !env.ok) throw new Error('the example settings are invalid');
  return startServer({ env: env.value, config: config.value, logger: pino({ level: 'silent' }) });
}

/** The channels of the capture the server holds under `captureId` (admin API), once it does. */
export async function heldChannels(
  izinli: RunningServer,
  captureId: string,
  what: string,
): Promise<{ type: string; checked: boolean; status: string }[]> {
  const stored = await eventually(`${what}: the capture on the server`, async () => {
    const answer = await fetch(`${izinli.url}/v1/admin/captures/${captureId}`, {
      headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
    });
    return answer.status === 200
      ? ((await answer.json()) as {
          record: { channels: { type: string; checked: boolean; status: string }[] };
        })
      : undefined;
  });
  return stored.record.channels;
}
