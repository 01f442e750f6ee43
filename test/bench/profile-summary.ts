// Where a server's CPU went, from a V8 CPU profile (`BENCH_SERVER_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=DIR"`, see README.md): each sample is charged to the innermost step of the
// capture or check path on its stack (the body's schema, the draft's record check, the seal, the
// signature, the SQLite or PostgreSQL statements, …), else to what runs it (HTTP, GC, idle).
// `node test/dist/bench/profile-summary.js DIR/*.cpuprofile` prints the shares, largest first.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Steps by a function on the stack, innermost first: the first one found names the sample. Names
 * are the functions of server/src and its libraries that start each step.
 */
const STEPS: [string, string, string?][] = [
  ['canonicalJson', 'RFC 8785 canonical JSON (the body’s fingerprint, the record’s hash and text)'],
  ['validateCapture', 'capture: the body against its schema (zod)'],
  ['draftRecordProblems', 'capture: the draft against the record schema (zod)'],
  ['normalizePhone', 'capture: the phone number (libphonenumber)'],
  ['phoneKind', 'capture: the phone number (libphonenumber)'],
  ['bodyFingerprint', 'capture: the body’s fingerprint (SHA-256)'],
  ['prepareCapture', 'capture: the rest of preparing'],
  ['captureRecordHashWith', 'seal: the record hash (SHA-256)'],
  // The third name is for a sample that passed through zod on its way to the step.
  [
    'sealCapture',
    'seal: the rest (movements, events)',
    'seal: the record’s schema self-check (zod)',
  ],
  ['signCanonical', 'signature (jose, the WebCrypto job’s main-thread part)'],
  ['movementValues', 'store: rows (the movement’s schema check)'],
  ['insertCaptures', 'store: writing the batch'],
  ['insertCapture', 'store: writing the batch'],
  ['currentStatuses', 'store: reading consent states'],
  ['findCaptures', 'store: reading consent states'],
  ['answerFor', 'check: the answer (mirror read, phone shape)'],
  ['adminAuth', 'HTTP: admin token'],
  ['logRequest', 'HTTP: access log and metrics'],
  ['securityHeaders', 'HTTP: security headers'],
];
const ROOTS = new Map<string, string>(
  Object.entries({
    '(idle)': 'idle (waiting for I/O)',
    '(garbage collector)': 'garbage collection',
    '(program)': 'V8 and Node internals',
  }),
);

/** The shares of `file`'s samples by step, largest first. */
export function profileShares(file: string): { step: string; share: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + profile.timeDeltas[i]!));
  const byStep = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of time) {
    total += micros;
    const leaf = nodes.get(id)!.callFrame.functionName;
    let step = ROOTS.get(leaf);
    let zod = false;
    for (let at: number | undefined = id; step === undefined && at !== undefined;) {
      const frame = nodes.get(at)!.callFrame;
      zod ||= frame.url.includes('/zod/');
      const found = STEPS.find(([fn]) => fn === frame.functionName);
      if (found) step = (zod ? found[2] : undefined) ?? found[1];
      at = parent.get(at);
    }
    step ??= /sqlite|pg\//.test(nodes.get(id)!.callFrame.url)
      ? 'store: other statements (COMMIT and its fsync included)'
      : 'HTTP, Hono, Node and the rest';
    byStep.set(step, (byStep.get(step) ?? 0) + micros);
  }
  return [...byStep]
    .map(([step, micros]) => ({ step, share: micros / total }))
    .sort((a, b) => b.share - a.share);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node test/dist/bench/profile-summary.js PROFILE.cpuprofile…');
    process.exit(2);
  }
  for (const file of files) {
    console.log(file);
    console.table(
      profileShares(file).map(({ step, share }) => ({ step, '%': +(share * 100).toFixed(1) })),
    );
  }
}
