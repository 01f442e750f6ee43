// The typed client: openapi-fetch over the types openapi-typescript generated from the server's
// OpenAPI document, with the admin token and the answer language set once.
import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { components, paths } from './openapi-types.js';

/** Every schema of the server's document, by name (`Schemas['CheckAnswer']`…). */
export type Schemas = components['schemas'];

/** A client of one izinli server: `client.GET('/v1/check', …)`, `client.POST(…)`, typed by path. */
export type IzinliClient = Client<paths>;

export interface IzinliClientOptions {
  /** The server's base URL, e.g. `https://izinli.example.com`. */
  baseUrl: string;
  /** A tenant's admin token: the pre-send check and the admin API need one. */
  token?: string;
  /** The language of error messages (`Accept-Language`); the server answers Turkish by default. */
  language?: 'tr' | 'en';
  /** Another fetch (a proxy's, a test's); default the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A client of the server at `options.baseUrl`. */
export function createIzinliClient(options: IzinliClientOptions): IzinliClient {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.language !== undefined) headers['Accept-Language'] = options.language;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** An error answer of the server (4xx, 5xx), with its `{ error: { code, message, issues? } }`. */
export class IzinliApiError extends Error {
  override readonly name = 'IzinliApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Schemas['ApiError']['error']['issues'],
    /** The answer's X-Request-Id: quote it in a support request. */
    readonly requestId?: string,
    /** The answer's Retry-After in seconds (429, 503), when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${String(status)} ${code}: ${message}`);
  }
}

/** The answer's data, or an IzinliApiError for an error answer (for `await dataOf(client.GET(…))`). */
export async function dataOf<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  // A 2xx without a body (204) gives undefined, as the operation's type says.
  if (response.ok) return data as T;
  const body = (error ?? {}) as Partial<Schemas['ApiError']>;
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  throw new IzinliApiError(
    response.status,
    body.error?.code ?? 'http.error',
    body.error?.message ?? response.statusText,
    body.error?.issues,
    response.headers.get('x-request-id') ?? body.error?.requestId,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  );
}
