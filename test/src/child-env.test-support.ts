// The environment every process a test starts begins with: PATH and nothing else of the test's
// own, so a developer's or CI's variables (DATABASE_URL, IYS_*, PORT) never reach a server under
// test unasked. One thing passes through: a faked clock. A suite runs at another time of day
// (Turkish midnight, a weekend, a new year) with libfaketime (`apt-get install faketime`):
//   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 FAKETIME=+345600 npx vitest run
// FAKETIME as an offset in seconds, so that every process started later shares the one clock; the
// servers, the simulator and the demo the tests start then run on it too.

/** PATH, plus libfaketime's variables when the tests themselves run on a faked clock. */
export function childEnv(): Record<string, string> {
  const { PATH = '', FAKETIME, LD_PRELOAD = '' } = process.env;
  return FAKETIME ? { PATH, FAKETIME, LD_PRELOAD } : { PATH };
}
