// The embed, Lit and translations included, as one ES module and one classic script (for CMSs
// that cannot add type="module"), and the code step of verified consent as a third file that
// both load on demand. npm test checks the gzip sizes (src/bundle-size.test.ts).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './rollup-minify-templates.js';

const plugins = [
  nodeResolve({ browser: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  minifyTemplates(),
];

// The element imports its code step (src/verify/verify-step.ts) by a relative specifier, which
// the browser tests resolve to the source. In the builds it is dist/izinli-verify.js next to the
// script, left out of the bundle. The module keeps a plain `import('./izinli-verify.js')`: the
// browser resolves it against the module's own URL, and an app's bundler (Vite, webpack,
// Turbopack) sees a static path it can split out. The classic script has no module URL, so it
// resolves the file from `import.meta.url`, which Rollup provides there from the script's src.
// The step takes Lit from the element, so one file serves both.
const lazyVerifyStep = (format) => ({
  name: 'lazy-verify-step',
  resolveId(source) {
    return source === './izinli-verify.js' ? { id: source, external: true } : null;
  },
  transform(code, id) {
    if (!id.endsWith('/src/izinli-consent.ts')) return null;
    const step = /import\((["'])\.\/verify\/verify-step\.js\1\)/;
    if (!step.test(code)) this.error('izinli-consent.ts no longer imports ./verify/verify-step.js');
    const target =
      format === 'es'
        ? "import('./izinli-verify.js')"
        : "import(new URL('./izinli-verify.js', import.meta.url).href)";
    return { code: code.replace(step, target), map: null };
  },
});

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
    plugins: [...plugins, lazyVerifyStep('es')],
    output: { file: 'dist/izinli.js', format: 'es', plugins: [minify(true)] },
  },
  {
    input: 'src/classic.ts',
    plugins: [...plugins, lazyVerifyStep('iife')],
    output: {
      file: 'dist/izinli.iife.js',
      format: 'iife',
      name: 'izinli',
      plugins: [minify(false)],
    },
  },
  {
    input: 'src/verify/verify-step.ts',
    plugins,
    output: { file: 'dist/izinli-verify.js', format: 'es', plugins: [minify(true)] },
  },
  // The design tokens alone (`@izinli/widget/design-tokens`), for a page or console that styles
  // its own elements with the widget's theme.
  {
    input: 'src/design-tokens.ts',
    plugins,
    output: { file: 'dist/design-tokens.js', format: 'es', plugins: [minify(true)] },
  },
];
