import { createStore, del, promisifyRequest, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { problemOf } from './api-problem.js';
import { MAX_ATTEMPTS, retryAfter, retryDelay, retryWait, retryable } from './backoff.js';
import { IzinliCapturedEvent } from './events/izinli-captured-event.js';
import type { IzinliVerification } from './events/izinli-captured-event.js';
import { IzinliErrorEvent } from './events/izinli-error-event.js';
import type { IzinliErrorCode, IzinliProblem } from './events/izinli-error-event.js';

/** A capture waiting for a 2xx: the exact body, so every retry is an identical replay. */
export interface QueuedCapture {
  id: string;
  /** `{endpoint}/v1/captures` */
  url: string;
  body: string;
  /** Failed sends so far, across page loads; sends while the browser was offline do not count. */
  attempts: number;
  /** Not sent before this time (ms since the epoch): the backoff, kept for the next page load. */
  retryAt?: number;
}

/** What an outbox may be given instead of the browser's own (tests inject these). */
export interface OutboxOptions {
  /** idb-keyval store; `createStore('izinli', 'outbox')` by default. */
  store?: UseStore;
  fetch?: typeof fetch;
  /** Milliseconds before retry `attempt`, jittered; a `Retry-After` may lengthen it. */
  retryDelay?: (attempt: number) => number;
  /** The clock, in ms since the epoch; `Date.now` by default. */
  now?: () => number;
  /** Runs `task` after `ms` milliseconds and returns what cancels it; `setTimeout` by default. */
  schedule?: (task: () => void, ms: number) => () => void;
}

const NETWORK_PROBLEM: IzinliProblem = {
  code: 'network.failed',
  message: 'The server could not be reached.',
};

const timeout = (task: () => void, ms: number) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

/**
 * The delivery queue (docs/architecture.md#capture): a capture is written to IndexedDB before it is sent
 * and removed after a 2xx. Network errors, 5xx, 408 and 429 keep it and retry with backoff (see
 * backoff.ts), on `online` and on the next page load (`start`), until {@link MAX_ATTEMPTS} sends
 * have failed; any other 4xx is a refusal that no retry can fix. A refused or given-up capture is
 * removed and reported once with a final `izinli-error`, so nothing is retried forever and
 * nothing is dropped unreported. Ids make replays idempotent on the server, and each outbox sends
 * a capture at most once at a time and never again after its final answer.
 */
export class CaptureOutbox {
  readonly #store: UseStore;
  readonly #fetch: typeof fetch;
  readonly #delay: (attempt: number) => number;
  readonly #now: () => number;
  readonly #schedule: (task: () => void, ms: number) => () => void;
  readonly #sending = new Map<string, Promise<void>>();
  readonly #settled = new Set<string>();
  readonly #timers = new Map<string, () => void>();
  readonly #owners = new Map<string, EventTarget>();

  constructor(options: OutboxOptions = {}) {
    this.#store = options.store ?? createStore('izinli', 'outbox');
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#delay = options.retryDelay ?? retryDelay;
    this.#now = options.now ?? Date.now;
    this.#schedule = options.schedule ?? timeout;
  }

  /** Sends what earlier pages left behind, now and whenever the browser comes back online. */
  start(): this {
    // Back online, a wait for the network is over: send at once, backoff or not.
    addEventListener('online', () => void this.flush(true));
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

  /**
   * Sends every stored capture not already on its way. One still backing off (perhaps from an
   * earlier page) is left to its timer unless `now`.
   */
  async flush(now = false): Promise<void> {
    let stored: QueuedCapture[];
    try {
      stored = await this.#store('readonly', (s) => promisifyRequest<QueuedCapture[]>(s.getAll()));
    } catch {
      return;
    }
    await Promise.all(stored.map((capture) => this.#send(capture, now)));
  }

  #send(capture: QueuedCapture, now = false): Promise<void> {
    const { id } = capture;
    if (this.#settled.has(id)) return Promise.resolve();
    const running = this.#sending.get(id);
    if (running) return running;
    this.#timers.get(id)?.();
    const wait = now ? 0 : (capture.retryAt ?? 0) - this.#now();
    if (wait > 0) return Promise.resolve(this.#retryIn(capture, wait));
    const attempt = this.#attempt(capture).finally(() => this.#sending.delete(id));
    this.#sending.set(id, attempt);
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
      const answer = (await response.json().catch(() => ({}))) as {
        receipt?: string;
        verification?: IzinliVerification[];
      };
      await this.#forget(capture.id);
      const event = new IzinliCapturedEvent(capture.id, answer.receipt ?? '', answer.verification);
      this.#emit(capture.id, event);
      return;
    }
    const problem = response ? await problemOf(response) : NETWORK_PROBLEM;
    if (!retryable(status)) return this.#finish(capture, 'capture.refused', problem, status);
    // Offline, the send never left the browser: it waits for `online` and uses up no attempt.
    const offline = !response && !navigator.onLine;
    if (!offline && ++capture.attempts >= MAX_ATTEMPTS) {
      return this.#finish(capture, 'capture.undelivered', problem, status);
    }
    const now = this.#now();
    const asked = retryAfter(response?.headers.get('Retry-After') ?? null, now);
    const wait = retryWait(this.#delay(capture.attempts), asked);
    capture.retryAt = offline ? undefined : now + wait;
    await set(capture.id, capture, this.#store).catch(() => undefined);
    if (!offline) this.#retryIn(capture, wait);
    this.#emit(capture.id, new IzinliErrorEvent('capture.retrying', problem, status, capture.id));
  }

  #retryIn(capture: QueuedCapture, ms: number): void {
    this.#timers.set(
      capture.id,
      this.#schedule(() => void this.#send(capture), ms),
    );
  }

  /** Drops a capture that will never be delivered and says so, once. */
  async #finish(
    capture: QueuedCapture,
    code: IzinliErrorCode,
    problem: IzinliProblem,
    status: number | undefined,
  ): Promise<void> {
    await this.#forget(capture.id);
    this.#emit(capture.id, new IzinliErrorEvent(code, problem, status, capture.id));
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
