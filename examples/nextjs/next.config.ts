import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // The repository's root: its node_modules hold next, react and the workspace's @izinli/widget.
  turbopack: { root: join(dirname(fileURLToPath(import.meta.url)), '../..') },
  // `tsc -b` at the repository's root type-checks the example; the test's build need not again.
  typescript: { ignoreBuildErrors: true },
};
export default config;
