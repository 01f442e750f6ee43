// Test support: İYS's OpenAPI document 3.2.0 (25/02/2026) as data — its request and response
// examples and its error-code table. Not exported from the package.
import { readFileSync } from 'node:fs';

/**
 * The repository's copy of İYS's document, formatted by Prettier, so the tests run on a clean
 * clone. About 1.2 MB.
 */
export const IYS_OPENAPI_FILE = new URL('../reference/iys-openapi-3.2.0.json', import.meta.url);

interface MediaType {
  schema?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface Operation {
  operationId?: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

/** The parts of the document the tests read. */
export interface IysOpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string; description?: string }[];
  components: { schemas: Record<string, unknown> };
}

export type HttpMethod = 'get' | 'post' | 'put';

let documentCache: IysOpenApiDocument | undefined;

/** The parsed document (read once). */
export function iysOpenApi(): IysOpenApiDocument {
  documentCache ??= JSON.parse(readFileSync(IYS_OPENAPI_FILE, 'utf8')) as IysOpenApiDocument;
  return documentCache;
}

function operation(method: HttpMethod, path: string): Operation {
  const op = iysOpenApi().paths[path]?.[method];
  if (!op) throw new Error(`The document has no ${method.toUpperCase()} ${path}`);
  return op;
}

function exampleValue(
  examples: Record<string, { value?: unknown }> | undefined,
  name: string,
  where: string,
): unknown {
  const example = examples?.[name];
  if (!example) throw new Error(`The document has no example "${name}" for ${where}`);
  return structuredClone(example.value);
}

/** A request body example of an operation, as a fresh copy a test may change. */
export function requestExample(
  method: HttpMethod,
  path: string,
  name: string,
  contentType = 'application/json',
): unknown {
  const media = operation(method, path).requestBody?.content[contentType];
  return exampleValue(media?.examples, name, `the ${contentType} request of ${path}`);
}

/** A response example of an operation for one HTTP status, as a fresh copy; undefined if it has no value. */
export function responseExample(
  method: HttpMethod,
  path: string,
  status: string,
  name: string,
): unknown {
  const media = operation(method, path).responses[status]?.content?.['application/json'];
  return exampleValue(media?.examples, name, `the ${status} answer of ${path}`);
}

/** Every JSON response example of an operation, as `"<status> <name>"`, in document order. */
export function responseExampleIds(method: HttpMethod, path: string): string[] {
  return Object.entries(operation(method, path).responses).flatMap(([status, response]) =>
    Object.keys(response.content?.['application/json']?.examples ?? {}).map(
      (name) => `${status} ${name}`,
    ),
  );
}

let tableCache: Map<string, { status: number; message: string }> | undefined;

/** The HATA KODLARI tag's table: each code's HTTP status and exact Turkish message. */
export function iysErrorTable(): ReadonlyMap<string, { status: number; message: string }> {
  if (!tableCache) {
    const text = iysOpenApi().tags.find((t) => t.name === 'HATA KODLARI')?.description ?? '';
    tableCache = new Map();
    for (const line of text.split('\n')) {
      const row = /^\|\s*(H\d+)\s*\|\s*(\d{3})\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
      if (row) tableCache.set(row[1]!, { status: Number(row[2]), message: row[3]! });
    }
  }
  return tableCache;
}

/** The table's message for a code; throws if the table lacks it. */
export function tableMessage(code: string): string {
  const row = iysErrorTable().get(code);
  if (!row) throw new Error(`The document's error table has no ${code}`);
  return row.message;
}
