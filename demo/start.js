// `npm start`: the İYS simulator, the izinli server (embedded SQLite in demo/.data) with the
// example bookshop's config, the bookshop's webhook receiver (which also takes the verification
// SMS), a local SMTP catcher for the verification e-mails, and the demo pages on the server's
// port — a newcomer's first run. `npm start -- --reset` starts with no data.
//
// Environment: PORT (8787; 0 picks a free one), HOST (127.0.0.1), IYS_SIM_PORT (8788; 0 picks a
// free one), DATA_DIR (demo/.data), DATABASE_URL (PostgreSQL instead of SQLite), IYS_SIM_SPEED
// (1), LOG_LEVEL (warn), DEMO_VERIFICATION (on; off: no code or link asked), SMTP_URL (the
// demo's catcher) and any other variable of the server (server/README.md).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { problemMessage } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import { checkServerConfig, parseServerEnv, startServer } from '@izinli/server';
import { DEMO_PUSH_USERNAME, demoSecrets, demoServerConfig } from './lib/demo-config.js';
import { freePort } from './lib/free-port.js';
import { registerIysPush } from './lib/iys-push.js';
import { startMailCatcher } from './lib/mail-catcher.js';
import { siteBackend } from './lib/site-backend.js';
import { createSmsInbox } from './lib/sms-inbox.js';
import { startWebhookReceiver } from './lib/webhook-receiver.js';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('./.data', import.meta.url));

/**
 * Prints `problems` under `what` and exits with 1.
 * @param {string} what
 * @param {(string | import('@izinli/core').Problem)[]} problems
 * @returns {never}
 */
function refuse(what, problems) {
  console.error(`izinli demo: ${what}:`);
  for (const p of problems)
    console.error(`  - ${typeof p === 'string' ? p : problemMessage(p, 'en')}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--reset');
if (unknown.length > 0) refuse('unknown arguments', [`${unknown.join(' ')} (only --reset)`]);

const dataDir = resolve(process.env.DATA_DIR || DEFAULT_DATA_DIR);
if (args.includes('--reset')) {
  // Only izinli's own files: DATA_DIR may be a folder the user keeps other things in.
  for (const name of ['izinli.sqlite', 'izinli.sqlite-wal', 'izinli.sqlite-shm', 'keys']) {
    rmSync(join(dataDir, name), { recursive: true, force: true });
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length === 0)
    rmSync(dataDir, { recursive: true });
  if (process.env.DATABASE_URL) console.warn('izinli demo: --reset leaves PostgreSQL as it is.');
}

const host = process.env.HOST || '127.0.0.1';
const verificationSetting = process.env.DEMO_VERIFICATION || 'on';
if (verificationSetting !== 'on' && verificationSetting !== 'off') {
  refuse('DEMO_VERIFICATION is not valid', [`"on" or "off", received "${verificationSetting}"`]);
}
const verify = verificationSetting === 'on';

// The demo's pages are the example bookshop's: they need its site, its notices and its token, so
// the demo always runs its own config. Say so rather than ignore a config the user pointed at.
const ownConfigNote = process.env.IZINLI_CONFIG
  ? `\n  IZINLI_CONFIG ${process.env.IZINLI_CONFIG} is NOT used: the demo runs the example bookshop's own config.\n                Run yours with \`npx izinli start\` (README: Put it on your site).\n`
  : '';
if (ownConfigNote) {
  console.warn(
    `izinli demo: IZINLI_CONFIG (${process.env.IZINLI_CONFIG}) is ignored; the demo runs its own config. Use \`npx izinli start\` for yours.`,
  );
}

// İYS's waits, shortened on a real-time clock: a batch is pollable after 5 s instead of 300 s and
// a pull sees changes 2 s old instead of an hour. (Speeding the clock instead would move the
// simulator's "now" ahead of the server's: after some 72 minutes at ×60 every new capture would be
// older than 3 business days there and refused with H467.) Citizens' changes arrive by push.
const speed = Number(process.env.IYS_SIM_SPEED || 1);
const sim = createIysSim({
  clock: { speed },
  limits: { batchFirstPollSeconds: 5, pullLagSeconds: 2 },
});
// The simulator stays on loopback whatever HOST is: only the server talks to it, and plain
// http:// to İYS is accepted for loopback only.
const iys = await serveIysSim(sim, {
  port: Number(process.env.IYS_SIM_PORT ?? 8788),
  hostname: '127.0.0.1',
});

const secrets = demoSecrets();
// The bookshop's SMS provider, for the demo: an inbox page. Its mail server: a local catcher,
// on loopback whatever HOST is (only the server sends to it).
const smsInbox = createSmsInbox();
const receiver = await startWebhookReceiver({
  secret: secrets.DEMO_WEBHOOK_SECRET,
  host,
  sendSms: smsInbox.send,
});
const mail = await startMailCatcher({ host: '127.0.0.1' });
const smtpUrl = process.env.SMTP_URL || mail.url;

const env = parseServerEnv({
  ...process.env,
  PORT: process.env.PORT || '8787',
  HOST: host,
  DATA_DIR: dataDir,
  IYS_BASE_URL: iys.url,
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  SYNC_INTERVAL_SECONDS: process.env.SYNC_INTERVAL_SECONDS || '2',
  DELIVERY_INTERVAL_MS: process.env.DELIVERY_INTERVAL_MS || '250',
  WEBHOOK_INTERVAL_MS: process.env.WEBHOOK_INTERVAL_MS || '250',
  VERIFICATION_INTERVAL_MS: process.env.VERIFICATION_INTERVAL_MS || '250',
  SMTP_URL: smtpUrl,
  SMTP_FROM: process.env.SMTP_FROM || 'Örnek Kitabevi <uyelik@ornek-kitabevi.example>',
});
if (!env.ok) refuse('the environment is not valid', env.error);
// The site's allowed origins name the port, so it must be known before the server starts: for
// PORT=0 a free one is picked here, last, once the simulator and the receiver hold theirs.
if (env.value.PORT === 0) env.value.PORT = await freePort(host);
const port = env.value.PORT;
// The links the server e-mails (and its withdrawal links) open on the demo's own origin.
env.value.PUBLIC_URL ??= `http://localhost:${port}`;
const demoConfig = demoServerConfig({ port, webhookUrl: receiver.url, verify });
// The config check reads SMTP_URL too: a site verifying EPOSTA needs a mail server.
const config = await checkServerConfig(demoConfig, { ...secrets, SMTP_URL: smtpUrl });
if (!config.ok) refuse('the demo config is not valid', config.error);

let serverUrl = '';
const server = await startServer({
  env: env.value,
  config: config.value,
  fallback: siteBackend({
    serverUrl: () => serverUrl,
    iysUrl: iys.url,
    webhooks: receiver.received,
    mails: mail.received,
    sms: smsInbox.received,
  }),
});
serverUrl = server.url;
const pushed = await registerIysPush({
  iysUrl: iys.url,
  serverUrl,
  username: DEMO_PUSH_USERNAME,
  password: secrets.DEMO_PUSH_PASSWORD,
}).catch((error) => {
  console.warn(`izinli demo: İYS push not registered (${error.message}); changes come by pull.`);
  return [];
});

// Ctrl-C is handled before the banner says so: a parent that signals as soon as it reads the
// banner must not find the default handler still in place.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await Promise.all([iys.close(), receiver.close(), mail.close()]);
    console.log('izinli demo: stopped.');
    process.exit(0);
  });
}

const page = `http://localhost:${server.port}`;
const widgetBuilt = existsSync(new URL('../widget/dist/izinli.js', import.meta.url));
const storage = env.value.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${dataDir}`;
console.log(`izinli — consent capture for Turkish sites (demo)

  demo          ${page}/              (Türkçe: üye ol → makbuz → İYS'de vatandaş)
                ${page}/en/           (English)
  server        ${server.url}   (${storage}; keys in ${join(dataDir, 'keys')})
  İYS simulator ${iys.url}   (login demo / demo, iysCode 100000; push: ${pushed.join(', ') || 'off'})
  webhooks      ${receiver.url}   (the bookshop's receiver; it takes the verification SMS)
  mail          ${process.env.SMTP_URL ? 'SMTP_URL (yours)' : `${mail.url}   (the demo's catcher)`}
  inbox         ${page}/posta-kutusu.html   (the e-mails and SMS sent; verification ${verificationSetting})

  admin console ${page}/admin         (sign in with the admin token)
  admin token   ${EXAMPLE_ADMIN_TOKEN}
  admin         curl -H 'Authorization: Bearer ${EXAMPLE_ADMIN_TOKEN}' ${server.url}/v1/admin/captures
  widget config ${server.url}/v1/sites/${EXAMPLE_SITE_KEY}/widget
  API           ${server.url}/openapi.json
  public keys   ${server.url}/.well-known/jwks.json
${ownConfigNote}${widgetBuilt ? '' : '\n  widget        NOT BUILT: run `npm run build` (the pages need widget/dist/izinli.js)\n'}
The simulator keeps its data in memory; izinli's data stays until \`npm start -- --reset\`.
Ctrl-C stops everything.`);
