// No personal data in any log line (docs/architecture.md#security-model): a whole flow through
// a started server — captures, a refused capture, the pre-send check, delivery to the İYS
// simulator, a citizen's RET pulled back by sync, İYS push, a withdrawal by the admin API and by
// link, webhooks to a real receiver — with the logger at `trace`, then every line scanned for
// the names, phones and e-mails used, raw and normalised.
import { Writable } from 'node:stream';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import type { RunningServer } from '../../start-server.js';
import { ORIGIN, validCapture } from '../app-harness.test-support.js';
import { PUSH_AUTH } from './fuzz-harness.test-support.js';
import { flowStackPerFile } from '../../started-server.test-support.js';
import type { FlowStack } from '../../started-server.test-support.js';

const PEOPLE = [
  { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'Ayse.Yilmaz@Ornek.com.tr' },
  { fullName: 'İsmail Çağlar Öztürk', phone: '+90 (533) 765 43 21', email: 'ismail@kitap.example' },
];
/** Every form of each person's data that must never reach a log. */
const FORBIDDEN = [
  'Ayşe',
  'Yılmaz',
  'İsmail',
  'Öztürk',
  '5321234567',
  '532 123 45 67',
  '5337654321',
  '765 43 21',
  'Ayse.Yilmaz',
  'ayse.yilmaz',
  '@Ornek.com.tr',
  '@ornek.com.tr',
  'ismail@',
  'kitap.example',
];

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let server: RunningServer;
let simUrl: string;
let receiver: FlowStack['receiver'];
const admin = {
  Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`,
  'Content-Type': 'application/json',
};

flowStackPerFile(
  {
    seed: 7,
    prefix: 'izinli-logs-',
    env: {
      LOG_LEVEL: 'trace',
      DELIVERY_INTERVAL_MS: '3600000',
      SYNC_INTERVAL_SECONDS: '3600',
      WEBHOOK_INTERVAL_MS: '3600000',
    },
    logger: pino({ level: 'trace' }, sink),
    change: (base) => ({
      ...base,
      iysAccounts: [
        {
          ...exampleServerConfig.iysAccounts![0]!,
          push: { username: 'iys-push', password: { env: 'IYS_PASSWORD' } },
        },
      ],
    }),
  },
  (stack) => ({ server, simUrl, receiver } = stack),
);

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
/** POSTs `body` as JSON to the server (a path) or the simulator (a full URL). */
const post = (to: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(to.startsWith('/') ? `${server.url}${to}` : to, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

it('logs no name, phone or e-mail, in any form, across a whole flow at trace level', async () => {
  for (const person of PEOPLE) {
    const response = await post('/v1/captures', validCapture({ person }), { Origin: ORIGIN });
    expect(response.status).toBe(201);
  }
  const refused = await post(
    '/v1/captures',
    validCapture({ person: { ...PEOPLE[0]!, phone: '0532 12' } }),
    { Origin: ORIGIN },
  );
  expect(refused.status).toBe(422);
  const [delivered] = await server.delivery!.runOnce();
  expect(delivered!.delivered).toBe(4);

  const citizen = await post(`${simUrl}/__sim/citizen/consents`, {
    brandCode: 100000,
    recipient: '+905337654321',
    type: 'MESAJ',
    status: 'RET',
    source: 'IYS_KISAMESAJ',
  });
  expect(citizen.status).toBeLessThan(300);
  // A sync pass runs (and logs) whether or not İYS has changes to hand over yet.
  await server.sync!.runOnce();
  const check = await call(
    `/v1/check?type=MESAJ&recipient=${encodeURIComponent(PEOPLE[1]!.phone)}`,
    {
      headers: admin,
    },
  );
  expect(check.status).toBe(200);

  const withdrawn = await post(
    '/v1/admin/withdrawals',
    {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: PEOPLE[0]!.phone },
      channels: ['MESAJ'],
      via: 'call-centre',
    },
    admin,
  );
  expect(withdrawn.status).toBe(201);
  const link = await post(
    '/v1/admin/withdrawal-links',
    { siteKey: EXAMPLE_SITE_KEY, recipient: { email: PEOPLE[0]!.email } },
    admin,
  );
  const { url } = (await link.json()) as { url: string };
  expect((await fetch(url)).status).toBe(200);
  expect((await fetch(url, { method: 'POST' })).status).toBe(200);
  expect((await fetch(`${url}x`, { method: 'POST' })).status).toBe(400);
  const evidence = await call(
    `/v1/admin/recipients/evidence?email=${encodeURIComponent(PEOPLE[0]!.email)}`,
    { headers: admin },
  );
  expect(evidence.status).toBe(200);
  expect((await call('/v1/admin/recipients/timeline?phone=0532', { headers: admin })).status).toBe(
    400,
  );

  const push = await post(
    '/v1/iys/push/100000',
    {
      list: [
        {
          iysCode: 100000,
          brandCode: 100000,
          recipient: '+905321234567',
          recipientType: 'BIREYSEL',
          type: 'ARAMA',
          status: 'RET',
          source: 'IYS_KISAMESAJ',
          consentDate: '2025-10-15 10:00:00',
          creationDate: '2025-10-15 10:00:00',
          transactionId: 'tx-push-1',
        },
      ],
    },
    { Authorization: PUSH_AUTH },
  );
  expect(push.status).toBe(200);
  await server.delivery!.runOnce();
  receiver.answer(500);
  for (let i = 0; i < 3; i++) await server.webhooks.runOnce();
  expect(receiver.received.length).toBeGreaterThan(0);
  await server.checkpoint();

  // The flow did log (at trace, debug and info), and no line names anyone.
  expect(lines.length).toBeGreaterThan(10);
  const levels = new Set(lines.map((line) => (JSON.parse(line) as { level: number }).level));
  expect([...levels].some((level) => level <= 20)).toBe(true);
  const leaks = lines.flatMap((line) =>
    FORBIDDEN.filter((form) => line.includes(form)).map(
      (form) => `${form} in ${line.slice(0, 300)}`,
    ),
  );
  console.log(`log scan: ${lines.length} lines, ${FORBIDDEN.length} forms checked`);
  expect(leaks).toEqual([]);
});
