// Where two JSON values first differ, so a problem can point at the field that changed.

type JsonPath = (string | number)[];

/** The path of the first difference between two JSON values (keys in sorted order), or undefined. */
export function firstDifference(a: unknown, b: unknown, path: JsonPath = []): JsonPath | undefined {
  if (Object.is(a, b)) return undefined;
  const bothObjects =
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return path;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Array items in index order (not the string order of their keys), object members sorted.
  const keys = Array.isArray(a)
    ? Array.from({ length: Math.max(a.length, (b as unknown[]).length) }, (_, i) => i)
    : [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  for (const key of keys) {
    const found = firstDifference(left[key], right[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
