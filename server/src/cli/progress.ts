// Progress of a long CLI command (export, verify log, purge, import) on stderr: a bar when stderr is
// a terminal, one JSON line now and then with --json, nothing otherwise (scripts and pipes read
// the same output as before).
import { SingleBar } from 'cli-progress';

/** What a command reports its progress to. */
export interface Progress {
  /** `done` items so far (records, lines): the whole count, not an increment. */
  update(done: number): void;
  /** The work is over: the bar is completed and released, or a last JSON line is written. */
  finish(): void;
}

/** One `--json` progress line, written to the stream as a line of its own. */
export interface ProgressLine {
  type: 'progress';
  label: string;
  done: number;
  total?: number;
  finished: boolean;
}

export interface ProgressOptions {
  label: string;
  /** The count `done` goes to, when known beforehand; without it only the count is shown. */
  total?: number;
  json: boolean;
  stream: NodeJS.WriteStream;
  /** Least time between two JSON lines (default 1,000 ms); the first and the last always go. */
  intervalMs?: number;
  /** The clock the interval is measured with (tests). */
  now?: () => number;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

function jsonProgress(options: ProgressOptions): Progress {
  const interval = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let last: number | undefined;
  let done = 0;
  let finished = false;
  const emit = (end: boolean) => {
    const line: ProgressLine = {
      type: 'progress',
      label: options.label,
      done,
      ...(options.total !== undefined ? { total: options.total } : {}),
      finished: end,
    };
    // Progress is advisory: a full pipe must not hold the work up, so no waiting for 'drain'.
    options.stream.write(`${JSON.stringify(line)}\n`);
  };
  return {
    update(value) {
      if (finished) return;
      done = value;
      const at = now();
      if (last !== undefined && at - last < interval) return;
      last = at;
      emit(false);
    },
    finish() {
      if (finished) return;
      finished = true;
      emit(true);
    },
  };
}

function barProgress(options: ProgressOptions): Progress {
  const known = options.total !== undefined;
  const bar = new SingleBar({
    stream: options.stream,
    format: known
      ? `${options.label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`
      : `${options.label} {value}`,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  bar.start(options.total ?? 0, 0);
  let finished = false;
  return {
    update(done) {
      if (!finished) bar.update(done);
    },
    finish() {
      if (finished) return;
      finished = true;
      bar.stop();
    },
  };
}

/** Starts reporting progress to `stream`: JSON lines with `json`, a bar on a terminal, else none. */
export function startProgress(options: ProgressOptions): Progress {
  if (options.json) return jsonProgress(options);
  if (options.stream.isTTY) return barProgress(options);
  return SILENT;
}
