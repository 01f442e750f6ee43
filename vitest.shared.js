// Shared Vitest settings: every workspace's vitest.config.js re-exports this.
// The "source" export condition makes workspace packages resolve to their TypeScript sources,
// so tests never depend on a stale build.
// Two test files at a time even on a 2-core machine: Vitest's default is one worker fewer than
// the cores, which there runs the files one by one, while most server and end-to-end files wait on
// fsync, PostgreSQL, HTTP or a browser rather than compute.
import { availableParallelism } from 'node:os';
import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
    testTimeout: 20_000,
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
