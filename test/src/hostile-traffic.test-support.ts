// Long because: the hostile values and the generator that mixes them into valid traffic.
// Hostile traffic over real HTTP: valid captures interleaved with captures that have one
// field made hostile, bodies of the wrong type or size, malformed forms and NULs in admin paths,
// all from concurrent keep-alive connections, so a group commit mixes innocent and poisoned
// captures. Every answer is recorded with what was sent; the test decides what each may be.
import http from 'node:http';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { seededRandom } from '@izinli/iys-sim';
import { ORIGIN, captureBody } from './captures.test-support.js';

/** What a case is: an innocent capture must be stored; anything else may be refused. */
export type CaseKind = 'valid' | 'poisoned-capture' | 'other';

/** One request to send. */
export interface HostileRequest {
  kind: CaseKind;
  /** A short label for the counts, e.g. `capture:person.fullName=lone surrogate`. */
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The capture id a capture POST carries (for matching stored rows). */
  captureId?: string;
}

/** What came back for one request. */
export interface HostileAnswer {
  request: HostileRequest;
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request that got no answer. */
export interface HostileFailure {
  request: HostileRequest;
  code: string;
  /** True when the request went out on a socket an earlier answer had kept alive. */
  reusedSocket: boolean;
}

/** The values one field is made hostile with: the classes the request boundary refuses first. */
export const HOSTILE_VALUES: readonly { name: string; value: unknown }[] = [
  { name: 'lone surrogate', value: 'Ayşe \ud800 Yılmaz' },
  { name: 'lone low surrogate', value: '\udfff' },
  { name: 'NUL', value: 'Ayşe \u0000 Yılmaz' },
  { name: 'percent-encoding growth', value: `${ORIGIN}/${'ş'.repeat(1000)}` },
  { name: 'long text', value: 'x'.repeat(5000) },
  { name: 'long Turkish text', value: 'ğ'.repeat(300) },
  { name: 'empty', value: '' },
  { name: 'null', value: null },
  { name: 'number', value: 12345 },
  { name: 'boolean', value: true },
  { name: 'array', value: ['\ud800'] },
  { name: 'object', value: { polluted: 'evet' } },
  { name: 'SQL', value: "' OR '1'='1' --" },
  { name: 'script', value: '<script>alert(1)</script>' },
  { name: 'bidi', value: '\u202eKAPAT\u202c' },
  { name: 'header injection', value: 'x\r\nSet-Cookie: a=b' },
];

/** The fields of a capture body one mutation makes hostile. */
export const CAPTURE_FIELDS: readonly (string | number)[][] = [
  ['person', 'fullName'],
  ['person', 'phone'],
  ['person', 'email'],
  ['pageUrl'],
  ['widgetVersion'],
  ['id'],
  ['siteKey'],
  ['locale'],
  ['notices', 0, 'id'],
  ['notices', 0, 'sha256'],
  ['notices', 0, 'version'],
  ['capturedAt'],
  ['recipientType'],
  ['channels', 'MESAJ'],
  ['purposes', 'hostile'],
  ['channels', '\u0000'],
];

function setAt(
  target: Record<string | number, unknown>,
  path: (string | number)[],
  value: unknown,
) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Origin: ORIGIN };
const ADMIN = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`, Accept: 'application/json' };

/** Builds the traffic: `valid` innocent captures and hostile requests of every class. */
export function hostileTraffic(options: {
  total: number;
  seed: number;
  /** Share of innocent captures (the rest is hostile). */
  validShare?: number;
  /** Numbers the innocent captures' people (distinct phones across runs on one store). */
  firstPerson?: number;
}): HostileRequest[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const validShare = options.validShare ?? 0.3;
  let person = options.firstPerson ?? 0;
  const capture = (
    kind: CaseKind,
    label: string,
    body: Record<string, unknown>,
  ): HostileRequest => ({
    kind,
    label,
    method: 'POST',
    path: '/v1/captures',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    captureId: typeof body.id === 'string' ? body.id : undefined,
  });
  const others: (() => HostileRequest)[] = [
    // A capture body of a type the route does not take, or too large for it.
    () => {
      const type = pick([
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'text/html',
        'application/xml',
      ]);
      return {
        ...capture('other', `capture:Content-Type ${type.split(';')[0]}`, captureBody(person++)),
        headers: { ...JSON_HEADERS, 'Content-Type': type },
      };
    },
    () => ({
      ...capture('other', 'capture:body over the limit', {
        ...captureBody(person++),
        padding: 'x'.repeat(70 * 1024),
      }),
    }),
    () => ({
      ...capture('other', 'capture:not JSON', {}),
      body: pick(['{"id":', 'null', '[]', '"\\ud800"', '{"a":"\\u0000"}', 'ş'.repeat(10)]),
      captureId: undefined,
    }),
    () => ({
      ...capture('other', 'capture:invalid UTF-8 bytes', {}),
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      captureId: undefined,
    }),
    () => ({
      ...capture('other', 'capture:foreign Origin', captureBody(person++)),
      headers: { ...JSON_HEADERS, Origin: 'https://kotu.example' },
    }),
    // The public withdrawal button with bodies no form sends.
    () => ({
      kind: 'other',
      label: 'withdraw:malformed multipart',
      method: 'POST',
      path: '/v1/withdraw',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=sinir',
        Accept: 'application/json',
      },
      body: pick([
        '--sinir\r\nContent-Disposition: form-data; name="t"\r\n\r\nabc',
        'not multipart at all',
        '--yanlis\r\n\r\n--yanlis--',
        '--sinir\r\nContent-Disposition: form-data\r\n\r\nx\r\n--sinir--\r\n',
      ]),
    }),
    () => ({
      kind: 'other',
      label: 'withdraw:multipart without boundary',
      method: 'POST',
      path: '/v1/withdraw',
      headers: { 'Content-Type': 'multipart/form-data', Accept: 'application/json' },
      body: 't=abc',
    }),
    () => ({
      kind: 'other',
      label: 'withdraw:hostile form fields',
      method: 'POST',
      path: '/v1/withdraw',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: pick(['t=%00', 't=a%00b&lang=tr', 'lang=%ED%A0%80', 't=' + 'x'.repeat(3000)]),
    }),
    () => ({
      kind: 'other',
      label: 'withdraw:JSON with a lone surrogate',
      method: 'POST',
      path: '/v1/withdraw',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ t: 'Ayşe \ud800', lang: '\u0000' }),
    }),
    () => ({
      kind: 'other',
      label: 'withdraw:unsupported type',
      method: 'POST',
      path: '/v1/withdraw',
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' },
      body: 't,lang\nabc,tr',
    }),
    // NULs and junk in admin ids and cursors (PostgreSQL refuses a NUL in text).
    () => ({
      kind: 'other',
      label: 'admin:NUL capture id',
      method: 'GET',
      path: `/v1/admin/captures/${pick(['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(3000)])}`,
      headers: ADMIN,
    }),
    () => ({
      kind: 'other',
      label: 'admin:NUL movement retry',
      method: 'POST',
      path: `/v1/admin/movements/${pick(['%00', 'm%00'])}/retry`,
      headers: ADMIN,
    }),
    () => ({
      kind: 'other',
      label: 'admin:NUL delivery retry',
      method: 'POST',
      path: `/v1/admin/webhooks/deliveries/${pick(['%00', 'd%00'])}/retry`,
      headers: ADMIN,
    }),
    () => ({
      kind: 'other',
      label: 'admin:hostile cursor',
      method: 'GET',
      path: `/v1/admin/${pick(['captures', 'movements', 'webhooks/deliveries'])}?cursor=${pick([
        '%00',
        'WzEsMl0%00',
        Buffer.from('[1,"\u0000"]').toString('base64url'),
        Buffer.from('p\u00001').toString('base64url'),
        '%ED%A0%80',
      ])}`,
      headers: ADMIN,
    }),
    () => ({
      kind: 'other',
      label: 'check:NUL recipient',
      method: 'GET',
      path: `/v1/check?recipient=${pick(['%00', '+90532%001234567'])}&type=MESAJ&recipientType=BIREYSEL`,
      headers: ADMIN,
    }),
    () => ({
      kind: 'other',
      label: 'admin:withdrawal with hostile text',
      method: 'POST',
      path: '/v1/admin/withdrawals',
      headers: { ...ADMIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteKey: '\u0000', recipient: { phone: '\ud800' } }),
    }),
    () => ({
      kind: 'other',
      label: 'unknown route with a body',
      method: 'POST',
      path: '/v1/nereye',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(pick([10, 20_000])),
    }),
  ];
  const traffic: HostileRequest[] = [];
  for (let n = 0; n < options.total; n += 1) {
    const roll = random();
    if (roll < validShare) {
      traffic.push(capture('valid', 'capture:valid', captureBody(person++)));
    } else if (roll < validShare + (1 - validShare) / 2) {
      const body = captureBody(person++) as unknown as Record<string | number, unknown>;
      const field = pick(CAPTURE_FIELDS);
      const hostile = pick(HOSTILE_VALUES);
      setAt(body, field, hostile.value);
      traffic.push(capture('poisoned-capture', `capture:${field.join('.')}=${hostile.name}`, body));
    } else traffic.push(pick(others)());
  }
  return traffic;
}

/**
 * Sends `traffic` from `connections` concurrent keep-alive connections and collects every answer
 * and every request that got none. `onProgress` is told every 1,000 requests.
 */
export async function sendTraffic(
  baseUrl: string,
  traffic: readonly HostileRequest[],
  connections: number,
  onProgress?: (done: number) => void,
): Promise<{ answers: HostileAnswer[]; failures: HostileFailure[] }> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const answers: HostileAnswer[] = [];
  const failures: HostileFailure[] = [];
  let next = 0;
  const one = (request: HostileRequest) =>
    new Promise<void>((resolve) => {
      const failed = (error: NodeJS.ErrnoException) => {
        failures.push({
          request,
          code: error.code ?? error.message,
          reusedSocket: req.reusedSocket,
        });
        resolve();
      };
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: request.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            answers.push({
              request,
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
            resolve();
          });
          res.on('error', failed);
        },
      );
      req.on('error', failed);
      req.end(request.body);
    });
  const worker = async () => {
    while (next < traffic.length) {
      const request = traffic[next++]!;
      await one(request);
      const done = answers.length + failures.length;
      if (done % 1000 === 0) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { answers, failures };
}

/** Counts by a key, sorted by key, as `key × n` lines. */
export function tally<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');
}
