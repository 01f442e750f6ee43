/**
 * An injected error: 500 with H015, 503 with H192, or İYS's "busy" 400 H123; or an account-level
 * one: a closed subscription (403 H521), none (403 H524), no API package (403 H586), a full
 * package (422 H525), a gateway's HTML 403 (IP not whitelisted), or credentials İYS no longer
 * accepts (`bad-credentials`: the token endpoint refuses them, every other call answers 401 H351).
 */
export type FaultKind =
  '500' | '503' | 'H123' | 'H521' | 'H524' | 'H525' | 'H586' | 'gateway-403' | 'bad-credentials';

/** Faults the simulator injects into İYS API requests (never into `/__sim/*`). */
export interface FaultSettings {
  /** Share in [0, 1] of requests answered with an error of `errorKinds`. */
  errorRate: number;
  /** Which errors `errorRate` picks from, uniformly. */
  errorKinds: FaultKind[];
  /** Real milliseconds added before every answer. */
  latencyMs: number;
  /** Share of requests whose connection is dropped: the socket is destroyed (in-process `fetch` rejects). */
  dropRate: number;
  /** A full outage between two simulated instants (ISO 8601): every request gets a bare 503. */
  outage: { from: string; to: string } | null;
  /** Share of token requests answered 500 H015, on top of `errorRate`. */
  tokenFailureRate: number;
  /** Simulated ms a batch waits beyond the 300 s first poll; its items answer `enqueue` meanwhile. */
  batchDelayMs: number;
}

/** No faults. */
export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze<FaultSettings>({
  errorRate: 0,
  errorKinds: ['500', '503', 'H123'],
  latencyMs: 0,
  dropRate: 0,
  outage: null,
  tokenFailureRate: 0,
  batchDelayMs: 0,
});

const FAULT_KINDS: readonly FaultKind[] = [
  '500',
  '503',
  'H123',
  'H521',
  'H524',
  'H525',
  'H586',
  'gateway-403',
  'bad-credentials',
];

/** Checks a partial fault update (from options or `PUT /__sim/faults`); returns what is wrong, if anything. */
export function faultSettingsProblem(input: unknown): string | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return 'expected a JSON object';
  }
  const s = input as Record<string, unknown>;
  const share = (k: string) =>
    s[k] === undefined || (typeof s[k] === 'number' && s[k] >= 0 && s[k] <= 1)
      ? null
      : `${k} must be a number in [0, 1]`;
  const nonNegative = (k: string) =>
    s[k] === undefined || (typeof s[k] === 'number' && s[k] >= 0)
      ? null
      : `${k} must be a number ≥ 0`;
  const known = new Set(Object.keys(NO_FAULTS));
  const unknown = Object.keys(s).find((k) => !known.has(k));
  if (unknown) return `unknown fault setting ${unknown}`;
  const kinds = s.errorKinds;
  if (
    kinds !== undefined &&
    (!Array.isArray(kinds) ||
      kinds.length === 0 ||
      kinds.some((k) => !FAULT_KINDS.includes(k as FaultKind)))
  ) {
    return `errorKinds must be a non-empty list of ${FAULT_KINDS.join(', ')}`;
  }
  const outage = s.outage as { from?: unknown; to?: unknown } | null | undefined;
  if (
    outage !== undefined &&
    outage !== null &&
    (typeof outage !== 'object' ||
      Number.isNaN(Date.parse(String(outage.from))) ||
      Number.isNaN(Date.parse(String(outage.to))))
  ) {
    return 'outage must be null or { from, to } with ISO 8601 instants';
  }
  return (
    share('errorRate') ??
    share('dropRate') ??
    share('tokenFailureRate') ??
    nonNegative('latencyMs') ??
    nonNegative('batchDelayMs')
  );
}
