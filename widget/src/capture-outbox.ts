import { createStore, del, promisifyRequest, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { problemOf } from './api-problem.js';
import { retryAfter, retryDelay } from './backoff.js';
import { IzinliCapturedEvent } from './events/izinli-captured-event.js';
import { IzinliErrorEvent } from './events/izinli-error-event.js';
import type { IzinliProblem } from './events/izinli-error-event.js';

/** A capture waiting for a 2xx: the exact body, so every retry is an identical replay. */
export interface QueuedCapture {
  id: string;
  /** `{endpoint}/v1/captures` */
  url: string;
  body: string;
  attempts: number;
}

/** What an outbox may be given instead of the browser's own (tests inject these). */
export interface OutboxOptions {
  /** idb-keyval store; `createStore('izinli', 'outbox')` by default. */
  store?: UseStore;
  fetch?: typeof fetch;
  /** Milliseconds before retry `attempt`; a non-finite value schedules none (wait for `online`). */
  retryDelay?: (attempt: number) => number;
}

const NETWORK_PROBLEM: IzinliProblem = {
  code: 'network.failed',
  message: 'Server unreachable; the capture is kept and sent again.',
};

/**
 * The delivery queue (ARCHITECTURE §Capture): a capture is written to IndexedDB before it is sent
 * and removed after a 2xx. Network errors, 5xx, 408 and 429 keep it and retry with backoff, on
 * `online` and on the next page load (`start`); any other 4xx is a refusal that no retry can fix,
 * so it is reported and dropped. Ids make replays idempotent on the server, and each outbox sends
 * a capture at most once at a time and never again after its final answer.
 */
export class CaptureOutbox {
  readonly #store: UseStore;
  readonly #fetch: typeof fetch;
  readonly #delay: (attempt: number) => number;
  readonly #sending = new Map<string, Promise<void>>();
  readonly #settled = new Set<string>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #owners = new Map<string, EventTarget>();

  constructor(options: OutboxOptions = {}) {
    this.#store = options.store ?? createStore('izinli', 'outbox');
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#delay = options.retryDelay ?? retryDelay;
  }

  /** Sends what earlier pages left behind, now and whenever the browser comes back online. */
  start(): this {
    addEventListener('online', () => void this.flush());
    void this.flush();
    return this;
  }

  /**
   * Stores a capture, then sends it. Resolves once it is stored and the first attempt has an
   * answer (or failed), which is when the host form may go on. Events go to `owner` while it is
   * in the page, else to the document.
   */
  async submit(capture: QueuedCapture, owner: EventTarget): Promise<void> {
    this.#owners.set(capture.id, owner);
    try {
      await set(capture.id, capture, this.#store);
    } catch (error) {
      // Private modes and blocked storage: still send, only without the safety net.
      console.warn('izinli: IndexedDB refused the capture', error);
    }
    await this.#send(capture);
  }

  /** Sends every stored capture that is not already on its way. */
  async flush(): Promise<void> {
    let stored: QueuedCapture[];
    try {
      stored = await this.#store('readonly', (s) => promisifyRequest(s.getAll()));
    } catch {
      return;
    }
    await Promise.all(stored.map((capture) => this.#send(capture)));
  }

  #send(capture: QueuedCapture): Promise<void> {
    if (this.#settled.has(capture.id)) return Promise.resolve();
    const running = this.#sending.get(capture.id);
    if (running) return running;
    clearTimeout(this.#timers.get(capture.id));
    const attempt = this.#attempt(capture).finally(() => this.#sending.delete(capture.id));
    this.#sending.set(capture.id, attempt);
    return attempt;
  }

  async #attempt(capture: QueuedCapture): Promise<void> {
    let response: Response | undefined;
    try {
      response = await this.#fetch(capture.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: capture.body,
        credentials: 'omit',
        // The request outlives the page: the host form navigates away right after.
        keepalive: true,
      });
    } catch {
      response = undefined;
    }
    const status = response?.status;
    if (response?.ok) {
      const answer = (await response.json().catch(() => ({}))) as { receipt?: string };
      await this.#forget(capture.id);
      this.#emit(capture.id, new IzinliCapturedEvent(capture.id, answer.receipt ?? ''));
      return;
    }
    const problem = response ? await problemOf(response) : NETWORK_PROBLEM;
    const retry = status === undefined || status >= 500 || status === 408 || status === 429;
    if (!retry) {
      await this.#forget(capture.id);
      this.#emit(capture.id, new IzinliErrorEvent('capture.refused', problem, status, capture.id));
      return;
    }
    capture.attempts += 1;
    await set(capture.id, capture, this.#store).catch(() => undefined);
    this.#emit(capture.id, new IzinliErrorEvent('capture.retrying', problem, status, capture.id));
    const wait =
      (status === 429 ? retryAfter(response!.headers.get('Retry-After')) : undefined) ??
      this.#delay(capture.attempts);
    if (Number.isFinite(wait)) {
      this.#timers.set(
        capture.id,
        setTimeout(() => void this.#send(capture), wait),
      );
    }
  }

  async #forget(id: string): Promise<void> {
    this.#settled.add(id);
    await del(id, this.#store).catch(() => undefined);
  }

  #emit(id: string, event: Event): void {
    const owner = this.#owners.get(id) as Node | undefined;
    (owner?.isConnected ? owner : document).dispatchEvent(event);
  }
}

let shared: CaptureOutbox | undefined;

/** The page's one outbox, started on first use. */
export function sharedOutbox(): CaptureOutbox {
  return (shared ??= new CaptureOutbox().start());
}
