// Shared @web/test-runner settings: browser tests (`*.browser.test.ts`) run in Debian's
// Chromium (or CHROME_PATH), never a downloaded browser.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!executablePath) {
  throw new Error(
    'No Chromium found: install Debian\'s "chromium" package (apt-get install -y chromium) or set CHROME_PATH.',
  );
}

export default {
  files: ['src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10_000 } },
};
