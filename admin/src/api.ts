// The admin API as the console calls it: bearer token, the console's language for messages, and
// every non-2xx answer turned into an ApiFailure carrying the server's own code and message.
import type { AdminLocale } from './i18n/index.js';

/** A refused or failed request: the API's `{error:{code,message,issues}}`, or the network's. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path?: string; message?: string; received?: unknown }[] = [],
  ) {
    super(message);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** One signed-in session's client. */
export class AdminApi {
  constructor(
    private readonly token: string,
    private readonly locale: AdminLocale,
    private readonly base = '',
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** The raw response of a request (the evidence download needs the body as a file). */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      // The caller's headers win; a Headers object or a list of pairs is read as such.
      const headers = new Headers({
        Authorization: `Bearer ${this.token}`,
        'Accept-Language': this.locale,
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      });
      new Headers(init.headers).forEach((value, name) => headers.set(name, value));
      response = await this.fetcher(`${this.base}${path}`, { ...init, headers });
    } catch (error) {
      throw new ApiFailure(0, 'network', String(error instanceof Error ? error.message : error));
    }
    if (response.ok) return response;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const error = (body as { error?: { code?: string; message?: string; issues?: [] } })?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `http.${response.status}`,
      error?.message ?? `HTTP ${response.status}`,
      error?.issues ?? [],
    );
  }

  async get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
    const search = params.size > 0 ? `?${params}` : '';
    return (await (await this.request(`${path}${search}`)).json()) as T;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    return (await (await this.request(path, init)).json()) as T;
  }
}

/** The failure as one plain sentence: the server's message and what it received. */
export function failureText(failure: unknown): string {
  if (!(failure instanceof ApiFailure)) return String(failure);
  const details = failure.issues
    .map((issue) => issue.message ?? (issue.received === undefined ? '' : String(issue.received)))
    .filter(Boolean);
  const status = failure.status > 0 ? `HTTP ${failure.status} ` : '';
  return `${status}${failure.code}: ${failure.message}${details.length ? ` (${details.join('; ')})` : ''}`;
}
