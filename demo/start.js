// `npm start`: the İYS simulator and the izinli server (embedded SQLite in demo/.data), wired
// together with the example bookshop's config, as a newcomer's first run. The demo signup page
// and the widget join them as they land (issues 5 and 7).
import { existsSync } from 'node:fs';
import { problemMessage } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import { checkServerConfig, parseServerEnv, startServer } from '@izinli/server';

function refuse(what, problems) {
  console.error(`izinli demo: ${what}:`);
  for (const p of problems) console.error(`  - ${problemMessage(p, 'en')}`);
  process.exit(1);
}

const simPort = Number(process.env.IYS_SIM_PORT ?? 8788);
// Sixty simulated seconds per second: İYS's 300 s batch wait and 1-hour pull lag pass quickly.
const sim = createIysSim({ clock: { speed: 60 } });
const iys = await serveIysSim(sim, { port: simPort });

const env = parseServerEnv({
  PORT: process.env.PORT ?? '8787',
  HOST: process.env.HOST ?? '127.0.0.1',
  DATA_DIR: process.env.DATA_DIR ?? new URL('./.data', import.meta.url).pathname,
  DATABASE_URL: process.env.DATABASE_URL,
  IYS_BASE_URL: iys.url,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
if (!env.ok) refuse('the environment is not valid', env.error);
const config = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
if (!config.ok) refuse('the demo config is not valid', config.error);
const server = await startServer({ env: env.value, config: config.value, version: 'demo' });

const widgetBuilt = existsSync(new URL('../widget/dist/izinli.js', import.meta.url));
console.log(`izinli — consent capture for Turkish sites (demo)

  server        ${server.url}   (${server.store.kind}, data in ${env.value.DATABASE_URL ? 'PostgreSQL' : env.value.DATA_DIR})
  İYS simulator ${iys.url}   (login demo / demo, iysCode 100000, ×60 time)

  widget config ${server.url}/v1/sites/${EXAMPLE_SITE_KEY}/widget
  API           ${server.url}/openapi.json
  public keys   ${server.url}/.well-known/jwks.json
  admin         curl -H 'Authorization: Bearer ${EXAMPLE_ADMIN_TOKEN}' ${server.url}/v1/admin/captures
  widget        ${widgetBuilt ? 'built (widget/dist/izinli.js)' : 'not built yet (issue 5)'}; the signup page arrives with issue 7

Ctrl-C stops both.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await iys.close();
    process.exit(0);
  });
}
