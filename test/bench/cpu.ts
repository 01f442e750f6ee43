// CPU accounting from /proc (Linux; undefined elsewhere): on a shared machine a process's CPU per
// request moves less than its throughput, and it says where a request's time goes between the
// server, PostgreSQL's backends and the rest of the machine.
import { readFileSync, readdirSync } from 'node:fs';
import type autocannon from 'autocannon';
import type { Child } from './bench-processes.js';

/** CPU seconds (user + system, all threads) process `pid` has used so far. */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds every `postgres` process on this machine has used so far (the server's backends). */
export function postgresCpuSeconds(): number | undefined {
  try {
    let total = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      } catch {
        continue;
      }
      total += cpuSecondsOf(Number(entry)) ?? 0;
    }
    return total;
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy so far (every core: all but idle and iowait). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
  } catch {
    return undefined;
  }
}

/** The CPU counters now, to subtract from a later reading. */
export function cpuReading(pid: number | undefined) {
  return {
    server: cpuSecondsOf(pid),
    postgres: postgresCpuSeconds(),
    machine: machineBusySeconds(),
  };
}

/** µs of CPU per unit of work between two readings; undefined where /proc did not tell. */
export function cpuPer(
  before: number | undefined,
  after: number | undefined,
  units: number,
): number | undefined {
  return before === undefined || after === undefined || units === 0
    ? undefined
    : ((after - before) * 1e6) / units;
}

/** A `cpuPer` figure as printed: whole µs, or `n/a`. */
export const cpuText = (cpu: number | undefined) =>
  cpu === undefined ? 'n/a' : `${Math.round(cpu)} µs`;

/** Runs `measure` and returns its result with the child's CPU µs per 2xx answer during it. */
export async function withCpu(
  child: Child,
  measure: () => Promise<autocannon.Result>,
): Promise<[autocannon.Result, number | undefined]> {
  const before = cpuSecondsOf(child.process.pid);
  const result = await measure();
  return [result, cpuPer(before, cpuSecondsOf(child.process.pid), result['2xx'])];
}
