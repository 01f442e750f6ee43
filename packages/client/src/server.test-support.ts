// A real izinli server for the client's tests: startServer on a free port over a fresh SQLite data
// directory and the example config (plus a webhook target when asked), reached over HTTP.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXAMPLE_ADMIN_TOKEN,
  EXAMPLE_SITE_KEY,
  exampleServerConfig,
  exampleShownNotices,
} from '@izinli/core/fixtures';
import { checkServerConfig, parseServerEnv, startServer } from '@izinli/server';
import type { RunningServer } from '@izinli/server';
import { pino } from 'pino';

export const ORIGIN = 'https://www.ornekkitabevi.com.tr';
export const BRAND = { iysCode: 100000, brandCode: 100000 };
export { EXAMPLE_ADMIN_TOKEN };
/** A mirror row (İYS's state) of a MESAJ recipient of the example brand. */
export { exampleMirrorEntry as mirrorEntry } from '@izinli/core/fixtures';

/** The server, its data directory, and `close()` that stops it and removes the directory. */
export async function startTestServer(webhook?: { url: string; secret: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-client-'));
  const [tenant] = exampleServerConfig.tenants;
  const webhooks = webhook
    ? [{ id: 'crm', url: webhook.url, secret: { env: 'WEBHOOK_CRM' }, allowPrivateNetwork: true }]
    : [];
  const config = await checkServerConfig(
    { ...exampleServerConfig, tenants: [{ ...tenant!, webhooks }] },
    { IYS_PASSWORD: 'demo', ...(webhook ? { WEBHOOK_CRM: webhook.secret } : {}) },
  );
  const env = parseServerEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    WEBHOOK_INTERVAL_MS: '60000',
  });
  if (!config.ok || !env.ok) throw new Error('the example settings are invalid');
  const server: RunningServer = await startServer({
    env: env.value,
    config: config.value,
    logger: pino({ level: 'silent' }),
  });
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Posts a capture of the example site as its widget would; resolves to its id. */
export async function postCapture(url: string, phone: string): Promise<string> {
  const id = randomUUID();
  const response = await fetch(`${url}/v1/captures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({
      id,
      siteKey: EXAMPLE_SITE_KEY,
      locale: 'tr',
      person: { fullName: 'Ayşe Yılmaz', phone },
      channels: { MESAJ: true, ARAMA: false, EPOSTA: false },
      purposes: { 'kitap-onerileri': true, 'yurt-disi-eposta-hizmeti': false },
      notices: exampleShownNotices(),
      widgetVersion: '1.0.0',
      pageUrl: `${ORIGIN}/uye-ol`,
    }),
  });
  if (response.status !== 201)
    throw new Error(`capture: ${String(response.status)} ${await response.text()}`);
  return id;
}
