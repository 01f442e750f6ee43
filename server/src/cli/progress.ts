// Progress of a long command on stderr: a bar when stderr is a terminal, one JSON line per step
// with --json (for a script or the console to follow), nothing otherwise.
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  label: string;
  total?: number;
  json: boolean;
  stream: NodeJS.WriteStream;
}

export interface Progress {
  update(done: number): void;
  finish(): void;
}

// JSON lines at most this often, plus the last one.
const JSON_INTERVAL_MS = 250;

/** Starts reporting progress of `label` (out of `total` when known). */
export function startProgress(options: ProgressOptions): Progress {
  const { label, total, json, stream } = options;
  if (json) {
    let last = 0;
    let done = 0;
    const line = () => {
      stream.write(
        `${JSON.stringify({ type: 'progress', label, done, ...(total === undefined ? {} : { total }) })}\n`,
      );
    };
    return {
      update(next) {
        done = next;
        const now = Date.now();
        if (now - last >= JSON_INTERVAL_MS) {
          last = now;
          line();
        }
      },
      finish() {
        line();
      },
    };
  }
  if (!stream.isTTY) return { update() {}, finish() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        total === undefined
          ? `${label} {value}`
          : `${label} [{bar}] {percentage}% {value}/{total} ({eta}s)`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0);
  return {
    update(done) {
      bar.update(done);
    },
    finish() {
      bar.stop();
    },
  };
}
