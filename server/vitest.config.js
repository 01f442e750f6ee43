// The shared settings, with two test files at a time even on a 2-core machine: Vitest's default
// is one worker fewer than the cores, which there runs the files one by one, while most of them
// wait on SQLite's fsync, PostgreSQL or HTTP to the simulator rather than compute.
import { availableParallelism } from 'node:os';
import { mergeConfig } from 'vite';
import shared from '../vitest.shared.js';

export default mergeConfig(shared, {
  test: { maxWorkers: Math.max(2, availableParallelism() - 1) },
});
