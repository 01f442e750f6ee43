// Shared Vitest settings: every workspace's vitest.config.js re-exports this.
// The "source" export condition makes workspace packages resolve to their TypeScript sources,
// so tests never depend on a stale build.
import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
    testTimeout: 20_000,
  },
});
