// The embed's weight and speed beside its peers, in one run: gzip -9 size of widget/dist/izinli.js
// and izinli.iife.js, and of vanilla-cookieconsent and Orejime (their dist JS + CSS, installed
// from npm as devDependencies of this workspace); and the time from adding the script to the page
// to its interactive element (a checkbox or button the visitor can use) in headless Chromium,
// median of 20 loads (3 with --quick), each in a fresh browser context (a first visit), beside a
// baseline page whose tiny script only defines a trivial custom element.
//
// The pages and the server (with a fake site config for izinli, the real answer's shape):
// widget-pages.ts. Rows: opsPerSec = loads per second (1000 / median ms), meanMs = the median,
// p99Ms = the slowest load, ratio = baseline median / row median (1 = as fast as the baseline).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/browser.test-support.js';
import type { BenchReport, BenchRow, BenchSuite } from './harness.js';
import { benchPages, servePages } from './widget-pages.js';
import type { BenchPage } from './widget-pages.js';

const gzipSize = (page: BenchPage) =>
  page.assets.reduce((sum, a) => sum + gzipSync(readFileSync(a.file), { level: 9 }).length, 0);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface ModuleWeight {
  module: string;
  group: string;
  minified: number;
  gzip: number;
}

// dist/bench/ → widget/
const ANALYSIS = fileURLToPath(new URL('../../../widget/bundle-analysis.js', import.meta.url));

/**
 * Where izinli.js's bytes go (widget/bundle-analysis.js): each module alone, minified and gzip
 * -9, largest first; returns a one-line summary for the report.
 */
function bundleAnalysis(): string {
  const { bundleGzip, rows } = JSON.parse(
    execFileSync(process.execPath, [ANALYSIS, '--json'], { encoding: 'utf8' }),
  ) as { bundleGzip: number; rows: ModuleWeight[] };
  console.log(
    `widget: izinli.js ${bundleGzip} B gzip -9; each module alone, minified and gzip -9:`,
  );
  console.table(rows.map(({ module, minified, gzip }) => ({ module, minified, gzip })));
  const alone = rows.reduce((sum, r) => sum + r.gzip, 0);
  const lit = rows
    .filter((r) => /^(lit-html|lit-element|@lit\/)/.test(r.group))
    .reduce((sum, r) => sum + r.gzip, 0);
  return (
    `Bundle analysis: the modules weigh ${alone} B gzip -9 each alone, Lit ${lit} B of them ` +
    `(${Math.round((100 * lit) / alone)} %)`
  );
}

/** One load of `url` in a fresh context: ms from the script's insertion to its element. */
async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(url);
    try {
      await page.waitForFunction('window.__ready !== undefined', undefined, { timeout: 15_000 });
    } catch (error) {
      throw new Error(
        `widget bench: ${url} never showed its interactive element ` +
          `(${failures.join('; ') || String(error)})`,
      );
    }
    return (await page.evaluate('window.__ready - window.__t0')) as number;
  } finally {
    await context.close();
  }
}

export const widget: BenchSuite = {
  name: 'widget',
  async run({ quick }): Promise<BenchReport> {
    const loads = quick ? 3 : 20;
    const pages = benchPages();
    const { url, server } = await servePages(pages);
    const browser = await launchChromium();
    const times = new Map<string, number[]>(pages.map((p) => [p.task, []]));
    try {
      // A warm-up load of each page, then the pages in turn so drift in the machine's load
      // spreads over all of them alike.
      for (const p of pages) await timeToInteractive(browser, url + p.path);
      for (let i = 0; i < loads; i++) {
        for (const p of pages)
          times.get(p.task)!.push(await timeToInteractive(browser, url + p.path));
      }
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const base = median(times.get(pages[0]!.task)!);
    const rows: BenchRow[] = pages.map((p) => {
      const measured = times.get(p.task)!;
      const mid = median(measured);
      return {
        task: p.task,
        opsPerSec: 1000 / mid,
        meanMs: mid,
        p99Ms: Math.max(...measured),
        ratio: base / mid,
        ...(p.assets.length > 0 ? { gzipBytes: gzipSize(p) } : {}),
      };
    });
    const sizeOf = (task: string) => rows.find((r) => r.task.startsWith(task))?.gzipBytes ?? 0;
    const izinli = sizeOf('izinli.js');
    const sizes = ['vanilla-cookieconsent', 'Orejime']
      .map((peer) => `izinli.js is ${(izinli / sizeOf(peer)).toFixed(2)}× ${peer}'s JS + CSS`)
      .join(', ');
    console.log(`widget: ${sizes}`);
    const analysis = bundleAnalysis();
    return {
      suite: 'widget',
      description:
        `gzip -9 bytes of each embed (JS, plus CSS for the peers), and ms from adding the script ` +
        `to its interactive element in headless Chromium, median of ${loads} loads in fresh ` +
        `contexts (meanMs = median, p99Ms = slowest, ratio = baseline median / median; izinli ` +
        `fetches its site config from a local fake of GET /v1/sites/{key}/widget). ${sizes}. ` +
        `${analysis}.`,
      baseline: pages[0]!.task,
      rows,
    };
  },
};
