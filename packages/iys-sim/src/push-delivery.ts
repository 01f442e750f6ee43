import type { IysPushBody } from '@izinli/core';
import type { SimClock } from './clock.js';
import type { SimLimits } from './options.js';
import type { Movement, PushConnection, SimState } from './state.js';

/** The test movement İYS sends to a new push connection (İZİN YÖNETİMİ, push registration). */
export const PUSH_TEST_BODY: IysPushBody = {
  list: [
    {
      iysCode: 121212,
      brandCode: 121212,
      consentDate: '2015-05-01 15:00:00',
      creationDate: '2015-05-01 15:00:00',
      source: 'IYS_MOBIL',
      recipient: 'pushtest@iys.org.tr',
      recipientType: 'BIREYSEL',
      status: 'ONAY',
      type: 'EPOSTA',
      transactionId: 'e52ee30512adfcd2a41fb3b4682f5bd61eee5b1c92bda665fc0b7e56644d429d',
    },
  ],
};

/** Simulated delays before each retry of a failed push; after the last, the delivery is given up. */
export const PUSH_RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 3_600_000, 3_600_000, 3_600_000];

/** One movement on its way to one endpoint. */
export interface PushDeliveryRecord {
  id: number;
  url: string;
  transactionId: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  nextAttemptMs: number;
  lastError?: string;
}

/** Result of one POST to a push endpoint. */
export type PushAttempt = 'ok' | 'timeout' | 'failed';

interface Pending extends PushDeliveryRecord {
  connection: PushConnection;
  body: IysPushBody;
  inFlight: boolean;
}

/**
 * Delivers `IYS_*` movements to registered push endpoints: one POST per movement with Basic auth,
 * answered 2xx within 5 s or retried later (simulated time), in order per endpoint.
 */
export class PushDelivery {
  readonly #pending: Pending[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  #nextId = 1;

  constructor(
    private readonly deps: {
      fetch: typeof fetch;
      clock: SimClock;
      limits: () => SimLimits;
      state: SimState;
    },
  ) {}

  /** POSTs a body to a connection; never throws. */
  async post(connection: Pick<PushConnection, 'url' | 'username' | 'password'>, body: unknown) {
    const auth = Buffer.from(`${connection.username}:${connection.password}`).toString('base64');
    try {
      const response = await this.deps.fetch(connection.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${auth}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.deps.limits().pushTimeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? ('ok' as const) : ('failed' as const);
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      return name === 'TimeoutError' || name === 'AbortError'
        ? ('timeout' as const)
        : ('failed' as const);
    }
  }

  /**
   * POSTs İYS's test movement without credentials: a receiver that checks Basic auth answers
   * 401 (`demands-auth`); one that takes it anyway is `open`. Never throws.
   */
  async probe(url: string): Promise<'demands-auth' | 'open' | 'timeout' | 'failed'> {
    try {
      const response = await this.deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(PUSH_TEST_BODY),
        signal: AbortSignal.timeout(this.deps.limits().pushTimeoutMs),
      });
      await response.body?.cancel();
      if (response.status === 401) return 'demands-auth';
      return response.ok ? 'open' : 'failed';
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'failed';
    }
  }

  /** Queues a movement for every active connection of its brand and type, and starts sending. */
  enqueue(movement: Movement): void {
    const nowMs = this.deps.clock.nowMs();
    for (const connection of this.deps.state.pushConnections) {
      if (
        !connection.active ||
        connection.iysCode !== movement.iysCode ||
        connection.brandCode !== movement.brandCode ||
        connection.type !== movement.type
      ) {
        continue;
      }
      const item = {
        iysCode: movement.iysCode,
        brandCode: movement.brandCode,
        ...(movement.consentDate === undefined ? {} : { consentDate: movement.consentDate }),
        creationDate: movement.creationDate,
        source: movement.source!,
        recipient: movement.recipient,
        recipientType: movement.recipientType,
        status: movement.status,
        type: movement.type,
        transactionId: movement.transactionId,
      };
      this.#pending.push({
        id: this.#nextId++,
        url: connection.url,
        transactionId: movement.transactionId,
        attempts: 0,
        state: 'pending',
        nextAttemptMs: nowMs,
        connection,
        body: { list: [item] },
        inFlight: false,
      });
    }
    this.pump();
  }

  /** Starts every delivery that is due; per endpoint, only the oldest pending one at a time. */
  pump(): void {
    const nowMs = this.deps.clock.nowMs();
    const busy = new Set<string>();
    for (const p of this.#pending) {
      if (p.state !== 'pending') continue;
      if (busy.has(p.url)) continue;
      busy.add(p.url);
      if (p.inFlight || p.nextAttemptMs > nowMs) continue;
      p.inFlight = true;
      const run = this.#attempt(p).finally(() => this.#inFlight.delete(run));
      this.#inFlight.add(run);
    }
  }

  /** Sends whatever is due and waits until nothing is in flight (tests, shutdown). */
  async flush(): Promise<void> {
    this.pump();
    while (this.#inFlight.size > 0) {
      await Promise.all([...this.#inFlight]);
      this.pump();
    }
  }

  /** Every delivery so far, for `/__sim/push`. */
  records(): PushDeliveryRecord[] {
    return this.#pending.map((p) => {
      const r: PushDeliveryRecord = {
        id: p.id,
        url: p.url,
        transactionId: p.transactionId,
        attempts: p.attempts,
        state: p.state,
        nextAttemptMs: p.nextAttemptMs,
      };
      if (p.lastError !== undefined) r.lastError = p.lastError;
      return r;
    });
  }

  reset(): void {
    this.#pending.length = 0;
  }

  async #attempt(p: Pending): Promise<void> {
    const outcome = await this.post(p.connection, p.body);
    p.inFlight = false;
    p.attempts++;
    if (outcome === 'ok') {
      p.state = 'delivered';
      delete p.lastError;
      return;
    }
    p.lastError = outcome;
    const delay = PUSH_RETRY_DELAYS_MS[p.attempts - 1];
    if (delay === undefined) p.state = 'failed';
    else p.nextAttemptMs = this.deps.clock.nowMs() + delay;
  }
}
