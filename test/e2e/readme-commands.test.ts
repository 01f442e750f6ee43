// The README's commands are the ones the repo runs: the quick start is exactly the root scripts
// and CI's command, and the e2e suite launches exactly what `npm start` launches. Change one
// without the other and this fails.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, demoStartCommand } from './demo-process.test-support.js';
import { README, readmeCommands } from './readme.test-support.js';

const read = (path: string) => readFileSync(join(REPO, path), 'utf8');
const scripts = (path: string) =>
  (JSON.parse(read(path)) as { scripts: Record<string, string> }).scripts;

describe('README commands', () => {
  it('the quick start is `npm install && npm start` and `npm test`', () => {
    expect(readmeCommands('Two commands')).toEqual(['npm install && npm start', 'npm test']);
  });

  it('`npm start` builds everything and runs the demo launcher the e2e suite runs', () => {
    const root = scripts('package.json');
    expect(root.start).toBe('npm run build && npm run start --workspace demo');
    expect(root.build).toBe('npm run typecheck && npm run build --workspaces --if-present');
    // The client's types are generated from its committed openapi.json before tsc reads them.
    expect(root.typecheck).toBe('npm run generate --workspace packages/client && tsc -b');
    expect(scripts('widget/package.json').build).toContain('rollup');
    expect(scripts('demo/package.json').start).toBe('node start.js');
    expect(demoStartCommand()).toEqual(['node', 'start.js']);
  });

  it('CI runs the README test command, which runs this e2e suite', async () => {
    const ci = read('.ci/run')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    // `npm ci` is `npm install` held to the lockfile.
    expect(ci).toContain('npm ci --no-audit --no-fund');
    expect(ci.at(-1)).toBe('npm test');
    expect(scripts('package.json').test).toBe(
      'npm run typecheck && npm run test --workspaces --if-present',
    );
    expect(scripts('test/package.json').test).toBe('vitest run');
    const { default: config } = (await import(
      new URL('../vitest.config.js', import.meta.url).href
    )) as {
      default: { test?: { include?: string[] } };
    };
    expect(config.test?.include).toContain('e2e/**/*.test.ts');
  });

  it('every `npm run <script>` the README shows exists', () => {
    const root = scripts('package.json');
    const runs = readmeCommands().flatMap((c) =>
      [...c.matchAll(/npm run (\S+)/g)].map((m) => m[1]!),
    );
    expect(runs.length).toBeGreaterThan(3);
    for (const name of runs) expect(Object.keys(root), name).toContain(name);
  });

  it('after the two commands, `npx izinli --version` and `npx izinli-iys-sim --help` work in the checkout', async () => {
    // npm links both from committed bin entries at install, before anything is built.
    const run = (args: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile('npx', args, { cwd: REPO }, (error, stdout, stderr) =>
          error
            ? reject(new Error(`npx ${args.join(' ')}: ${error.message}\n${stderr}`))
            : resolve(stdout),
        ),
      );
    const { version } = JSON.parse(read('server/package.json')) as { version: string };
    expect((await run(['izinli', '--version'])).trim()).toBe(version);
    expect(await run(['izinli-iys-sim', '--help'])).toContain('İYS');
  });

  it('the URL the README opens is the demo launcher’s default', () => {
    expect(README).toContain('Open http://localhost:8787/');
    expect(read('demo/start.js')).toContain("PORT: process.env.PORT || '8787'");
  });
});
