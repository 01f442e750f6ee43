// Test support: compares an answer's shape with an example from İYS's OpenAPI document. Not
// exported from the package.

/** String formats an example can show; an answer's value must then have the same one. */
export const EXAMPLE_FORMATS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'an İYS date (YYYY-MM-DD HH:mm:ss)', pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ },
  {
    name: 'a UUID',
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  },
  { name: '64 lower-case hex digits', pattern: /^[0-9a-f]{64}$/ },
  { name: 'a pull cursor (<unix seconds>_<64 hex>)', pattern: /^\d+_[0-9a-f]{64}$/ },
  { name: 'an İYS error code (H + digits)', pattern: /^H\d{3,4}$/ },
  { name: 'an E.164 phone number', pattern: /^\+[1-9]\d{6,14}$/ },
  { name: 'an e-mail address', pattern: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/ },
];

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'object') {
    return kind;
  }
  return 'undefined';
}

/** The format an example string shows, if any. */
export function formatOf(example: string): { name: string; pattern: RegExp } | undefined {
  return EXAMPLE_FORMATS.find((f) => f.pattern.test(example));
}

/** A short, readable rendering of a value for a difference line. */
function show(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'array') return `an array of ${(value as unknown[]).length}`;
  if (kind === 'object') return `an object {${Object.keys(value as object).join(', ')}}`;
  if (kind === 'undefined') return 'nothing';
  const text = JSON.stringify(value);
  return `${kind} ${text.length > 70 ? `${text.slice(0, 67)}…"` : text}`;
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Lists how `actual` differs in shape from `example`, one line per difference naming the path,
 * what the example shows and what was received; empty when they match. Compared: the JSON type
 * of every value; the same keys at every level; integers stay integers; a string whose example
 * shows a known format (`EXAMPLE_FORMATS`) has that format. Arrays are compared item by item when
 * they are as long as the example's, else each item against the example's first; an example
 * mixing JSON types, like `location: ["retailerAccess", 0]`, is a tuple and needs the same length.
 */
export function shapeDiff(actual: unknown, example: unknown, path = '$'): string[] {
  const kind = kindOf(example);
  if (kindOf(actual) !== kind) {
    return [`${path}: expected ${show(example)}, received ${show(actual)}`];
  }
  if (kind === 'object') {
    const a = actual as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    const out: string[] = [];
    for (const key of Object.keys(e)) {
      if (!Object.hasOwn(a, key))
        out.push(`${child(path, key)}: missing, expected ${show(e[key])}`);
      else out.push(...shapeDiff(a[key], e[key], child(path, key)));
    }
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(e, key)) {
        out.push(`${child(path, key)}: not in the example, received ${show(a[key])}`);
      }
    }
    return out;
  }
  if (kind === 'array') {
    const a = actual as unknown[];
    const e = example as unknown[];
    if (e.length === 0) return [];
    if (a.length === 0)
      return [`${path}: expected items like ${show(e[0])}, received an empty array`];
    if (a.length === e.length) return a.flatMap((item, i) => shapeDiff(item, e[i], child(path, i)));
    if (new Set(e.map(kindOf)).size > 1) {
      return [`${path}: expected ${e.length} items (a tuple), received ${a.length}`];
    }
    return a.flatMap((item, i) => shapeDiff(item, e[0], child(path, i)));
  }
  if (kind === 'string') {
    const format = formatOf(example as string);
    if (format && !format.pattern.test(actual as string)) {
      return [`${path}: expected ${format.name} like ${show(example)}, received ${show(actual)}`];
    }
  }
  if (kind === 'number' && Number.isInteger(example) && !Number.isInteger(actual)) {
    return [`${path}: expected an integer like ${show(example)}, received ${show(actual)}`];
  }
  return [];
}
