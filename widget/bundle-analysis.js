// Where the embed's bytes go: builds dist/izinli.js's input the way rollup.config.js does, then
// minifies each module of the bundle alone (terser, the build's compress options, its top-level
// names kept) and weighs it with gzip -9. Modules compress better together than alone, so the parts add up to more than the bundle;
// the order and the shares are what this is for. `node bundle-analysis.js` prints a table,
// `--json` the rows (the widget bench prints them beside its sizes).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import configs from './rollup.config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
process.chdir(here);

// The first build is dist/izinli.js; its output plugins (terser) are left off so each module
// is minified alone below.
const [embed] = configs;
const bundle = await rollup({ input: embed.input, plugins: embed.plugins });
const { output } = await bundle.generate({ format: 'es' });
await bundle.close();

const group = (id) => {
  const path = relative(here, id).replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return pkg[1];
  return path.startsWith('../packages/core/') ? '@izinli/core' : path;
};

const rows = [];
for (const [id, module] of Object.entries(output[0].modules)) {
  if (module.code === null || module.renderedLength === 0) continue;
  // Not as a module: its top-level names are what the rest of the bundle uses, so none is
  // dropped as unused or renamed.
  const { code } = await minify(module.code, {
    module: false,
    toplevel: false,
    ecma: 2022,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    mangle: true,
    format: { comments: false },
  });
  const minified = Buffer.byteLength(code ?? '');
  rows.push({
    module: relative(here, id).replace(/^.*node_modules\//, ''),
    group: group(id),
    minified,
    gzip: gzipSync(code ?? '', { level: 9 }).length,
  });
}
rows.sort((a, b) => b.gzip - a.gzip);
const bundleGzip = gzipSync(readFileSync('dist/izinli.js'), { level: 9 }).length;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bundleGzip, rows }));
} else {
  const groups = new Map();
  for (const row of rows) groups.set(row.group, (groups.get(row.group) ?? 0) + row.gzip);
  console.log(`dist/izinli.js: ${bundleGzip} B gzip -9; each module alone, minified and gzip -9:`);
  console.table(rows);
  console.table([...groups].map(([name, gzip]) => ({ group: name, gzip })));
}
