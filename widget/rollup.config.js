// The embed, Lit and translations included, as one ES module and one classic script (for CMSs
// that cannot add type="module"). npm test checks the gzip size (src/bundle-size.test.ts).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './rollup-minify-templates.js';

const plugins = [
  nodeResolve({ browser: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  minifyTemplates(),
];

const minify = (module) =>
  terser({
    module,
    ecma: 2022,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    // The element's own reactive state (`_view`, …) is never read from outside; Lit's
    // cross-version fields (`_$…`) and everything else keep their names.
    mangle: { properties: { regex: /^_(view|failed|ticked|own|touched|disabled)$/ } },
    format: { comments: false },
  });

export default [
  {
    input: 'src/index.ts',
    plugins,
    output: { file: 'dist/izinli.js', format: 'es', plugins: [minify(true)] },
  },
  {
    input: 'src/classic.ts',
    plugins,
    output: {
      file: 'dist/izinli.iife.js',
      format: 'iife',
      name: 'izinli',
      plugins: [minify(false)],
    },
  },
];
