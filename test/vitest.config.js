// The shared settings, plus e2e/: the demo driven in Chromium (test/e2e/*.test.ts).
import { mergeConfig } from 'vite';
import shared from '../vitest.shared.js';

export default mergeConfig(shared, {
  test: { include: ['e2e/**/*.test.ts'] },
});
