// Builds for the framework recipes' e2e test (frameworks.test.ts), as a site's build would make
// them: esbuild bundles of the React, Vue and Angular examples (Angular compiled ahead of time by
// ngc and its packages linked), and `next build` / `next start` for the Next.js example.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { transformAsync } from '@babel/core';
import angularLinker from '@angular/compiler-cli/linker/babel';
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';
import { REPO } from './demo-process.test-support.js';

const packageDir = (name: string) =>
  dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
const NGC = join(packageDir('@angular/compiler-cli'), 'bundles/src/bin/ngc.js');
const NEXT = join(packageDir('next'), 'dist/bin/next');

/**
 * Angular's own packages ship partially compiled: an Angular build links them (turns their
 * declarations into the runtime's definitions) while bundling, as this plugin does with Angular's
 * linker. Without it the app needs the JIT compiler in the browser. Each file is linked once, so
 * the packages can be linked while ngc compiles the app.
 */
const linked = new Map<string, Promise<string>>();
const linkAngular: Plugin = {
  name: 'angular-linker',
  setup(build) {
    build.onLoad({ filter: /[/\\]@angular[/\\].*\.mjs$/ }, async ({ path }) => {
      if (!linked.has(path)) {
        linked.set(
          path,
          readFile(path, 'utf8').then(async (code) =>
            code.includes('ɵɵngDeclare')
              ? ((
                  await transformAsync(code, {
                    filename: path,
                    plugins: [angularLinker],
                    configFile: false,
                    babelrc: false,
                  })
                )?.code ?? code)
              : code,
          ),
        );
      }
      return { contents: await linked.get(path), loader: 'js' };
    });
  },
};

/**
 * The examples, bundled as a site's build would: production React, Vue with its template
 * compiler, and Angular compiled ahead of time by ngc (its templates type-checked, the element
 * allowed by CUSTOM_ELEMENTS_SCHEMA) into `dir`, then bundled for production.
 */
export async function bundleExamples(dir: string): Promise<Record<string, string>> {
  const bundle = async (options: BuildOptions) => {
    const result = await build({
      ...options,
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"', ...options.define },
    });
    return result.outputFiles[0]!.text;
  };
  const angular = async () => {
    // ngc compiles the app while the Angular packages it imports are linked.
    await Promise.all([
      promisify(execFile)(
        process.execPath,
        [NGC, '-p', 'examples/angular/tsconfig.json', '--outDir', join(dir, 'angular')],
        { cwd: REPO },
      ),
      bundle({
        stdin: {
          contents: `import '@angular/core'; import '@angular/common/http'; import '@angular/platform-browser';`,
          resolveDir: REPO,
        },
        plugins: [linkAngular],
      }),
    ]);
    return bundle({
      entryPoints: [join(dir, 'angular/signup.js')],
      // ngc's output sits outside the repository: its imports resolve from the repository's.
      nodePaths: [join(REPO, 'node_modules')],
      plugins: [linkAngular],
      define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
    });
  };
  const [react, vue, ng] = await Promise.all([
    bundle({ entryPoints: [join(REPO, 'examples/react/signup.tsx')] }),
    bundle({
      entryPoints: [join(REPO, 'examples/vue/signup.ts')],
      alias: { vue: 'vue/dist/vue.esm-bundler.js' },
      define: {
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    angular(),
  ]);
  return { '/react.js': react, '/vue.js': vue, '/angular.js': ng };
}

const NEXT_EXAMPLE = join(REPO, 'examples/nextjs');

/** A `next` command running in the Next.js example. */
export interface NextProcess {
  /** What it printed so far. */
  output(): string;
  /** Stops it (and the server process `next start` runs). */
  stop(): Promise<void>;
}

/** Runs `next …args` in the example; resolves once `ready` holds for its output. */
function runNext(
  args: string[],
  env: Record<string, string>,
  ready: (output: string) => boolean,
): Promise<NextProcess> {
  const child = spawn(process.execPath, [NEXT, ...args], {
    cwd: NEXT_EXAMPLE,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    // A process group of its own, which stop() ends as a whole.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const running: NextProcess = {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready(output)) resolve(running);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    void exited.then((code) =>
      code === 0
        ? resolve(running)
        : reject(new Error(`next ${args[0]} exited (${code}):\n${output}`)),
    );
  });
}

/** `next build`: the example's production build, in examples/nextjs/.next. */
export async function nextBuild(): Promise<void> {
  await runNext(['build'], {}, () => false);
}

/** `next start` on `port`, the izinli server and site key given in the environment. */
export function nextStart(port: number, env: Record<string, string>): Promise<NextProcess> {
  return runNext(['start', '--port', String(port), '--hostname', '127.0.0.1'], env, (output) =>
    output.includes('Ready'),
  );
}

/** A port nothing listens on, for `next start` (izinli must know the site's origin first). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
