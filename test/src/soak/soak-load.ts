// The soak's mixed load: new captures (MESAJ and EPOSTA ticked, ARAMA and a purpose now and then),
// refusals on the same form for an earlier person, pre-send checks, and citizens refusing at İYS
// (on the simulator), at a steady rate with a cap on requests in flight. Counts every answer.
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleShownNotices } from '@izinli/core/fixtures';
import { randomUUID } from 'node:crypto';

export const ORIGIN = 'https://www.ornekkitabevi.com.tr';

/** Person `i`'s data: distinct names, phones and e-mails the log scan looks for. */
export const person = (i: number) => ({
  fullName: `Soakdeneme Kişioğlu${i}`,
  phone: `0532 ${String(3_000_000 + i)}`,
  email: `soak${i}@ornek-soak.com.tr`,
});
/** The normalised phone of person `i`, as İYS and the store have it. */
export const e164 = (i: number) => `+90532${String(3_000_000 + i)}`;

/** Every form of the soak's personal data that must never reach a log line. */
export const PERSONAL_DATA = /Soakdeneme|Kişioğlu|ornek-soak|(?<!\d)(?:\+?90|0)?532 ?3\d{6}(?!\d)/u;

/** A capture body: person `i` ticking, or (refusal) unticking, every box. */
export function soakCapture(i: number, refusal = false) {
  const purpose = !refusal && i % 4 === 0;
  return {
    id: randomUUID(),
    siteKey: EXAMPLE_SITE_KEY,
    locale: 'tr',
    person: person(i),
    channels: refusal
      ? { MESAJ: false, ARAMA: false, EPOSTA: false }
      : { MESAJ: true, ARAMA: i % 5 === 0, EPOSTA: true },
    purposes: { 'kitap-onerileri': purpose, 'yurt-disi-eposta-hizmeti': false },
    notices: exampleShownNotices(),
    widgetVersion: '1.0.0',
  };
}

/** Answers by kind since the last `take()`, and in total. */
export class Counters {
  total = { captures: 0, refusals: 0, checks: 0, citizen: 0, ok: 0, c4xx: 0, c5xx: 0, network: 0 };
  #window = { ok: 0, c4xx: 0, c5xx: 0, network: 0 };
  /** Statuses other than 2xx, with a sample of their bodies. */
  unexpected: string[] = [];

  count(status: number | 'network', detail = '') {
    const kind =
      status === 'network' ? 'network' : status < 300 ? 'ok' : status < 500 ? 'c4xx' : 'c5xx';
    this.total[kind] += 1;
    this.#window[kind] += 1;
    if (kind !== 'ok' && this.unexpected.length < 20)
      this.unexpected.push(`${status}: ${detail.slice(0, 200)}`);
  }

  take() {
    const w = this.#window;
    this.#window = { ok: 0, c4xx: 0, c5xx: 0, network: 0 };
    return w;
  }
}

export interface LoadOptions {
  serverUrl: string;
  simUrl: string;
  /** Operations per second. */
  rate: number;
  maxInFlight: number;
  random: () => number;
  counters: Counters;
}

/** What the load did, for the reconciliation. */
export interface LoadState {
  /** Capture ids the server acknowledged (2xx). */
  acknowledged: Set<string>;
  people: number;
  stop(): Promise<void>;
}

/** Starts the load; `stop()` waits for the requests in flight. */
export function startLoad(options: LoadOptions): LoadState {
  const { serverUrl, simUrl, random, counters } = options;
  const state = { acknowledged: new Set<string>(), people: 0 };
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const send = async (url: string, init: RequestInit, onOk?: () => void) => {
    try {
      const response = await fetch(url, init);
      const text = await response.text();
      counters.count(response.status, text);
      if (response.ok) onOk?.();
    } catch (error) {
      counters.count('network', error instanceof Error ? error.message : String(error));
    }
  };
  const capture = (body: ReturnType<typeof soakCapture>) =>
    send(
      `${serverUrl}/v1/captures`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
        body: JSON.stringify(body),
      },
      () => state.acknowledged.add(body.id),
    );
  // Someone captured a while ago (not the last 20): two opposite acts of one person within the
  // same second share a consentDate (İYS's resolution), and İYS cannot order them (H178).
  const earlier = () => Math.floor(random() * Math.max(1, state.people - 20));

  const operation = (): Promise<void> => {
    const roll = random();
    if (roll < 0.7 || state.people < 30) {
      counters.total.captures += 1;
      return capture(soakCapture(state.people++));
    }
    if (roll < 0.8) {
      counters.total.refusals += 1;
      return capture(soakCapture(earlier(), true));
    }
    if (roll < 0.97) {
      counters.total.checks += 1;
      return send(
        `${serverUrl}/v1/check?type=MESAJ&recipient=${encodeURIComponent(person(earlier()).phone)}`,
        { headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` } },
      );
    }
    counters.total.citizen += 1;
    // A citizen refuses at İYS (its own channel), which the server learns by sync.
    return send(`${simUrl}/__sim/citizen/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        brandCode: 100000,
        recipient: e164(earlier()),
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_KISAMESAJ',
      }),
    });
  };

  const timer = setInterval(() => {
    if (stopped || inFlight.size >= options.maxInFlight) return;
    const p = operation().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / options.rate);

  return {
    acknowledged: state.acknowledged,
    get people() {
      return state.people;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
