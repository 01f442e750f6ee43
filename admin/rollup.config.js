// The console as the server serves it (server/src/http/routes/admin-console.ts): one ES module
// with Lit and the translations (dist/admin.js), the HTML shell and the stylesheet, copied as
// they are. No inline script or style anywhere, so `default-src 'self'` holds. Workspace packages
// come from their TypeScript sources (the "source" export condition, as in the tests), so the
// console never bundles a stale build; the widget's design tokens have no built file of their own.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** @returns {import('rollup').Plugin} */
const copy = (files) => ({
  name: 'copy-shell',
  generateBundle() {
    for (const file of files) {
      this.emitFile({ type: 'asset', fileName: file, source: readFileSync(`src/${file}`) });
    }
  },
});

export default {
  input: 'src/index.ts',
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['source'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    copy(['index.html', 'admin.css']),
  ],
  output: {
    file: 'dist/admin.js',
    format: 'es',
    plugins: [
      terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
};
