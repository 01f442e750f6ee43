// The widget's built files as the installed @izinli/widget ships them: its version, each file's
// bytes, ETag and Subresource Integrity hash, and the snippet a site pastes. The server serves
// them (http/routes/widget-bundle.ts); `izinli init` prints the snippet pinned to them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { err, ok } from '@izinli/core';
import type { Result } from '@izinli/core';

/**
 * The two builds (the ES module and the classic script for pages that cannot use modules) and the
 * code step both load on demand, from beside themselves, for a site that verifies (docs/verification.md).
 */
export const WIDGET_FILES = ['izinli.js', 'izinli.iife.js', 'izinli-verify.js'] as const;
export type WidgetFile = (typeof WIDGET_FILES)[number];

/** One built file, read once: its bytes, strong ETag and SRI hash. */
export interface BundleFile {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** `sha384-…`, the value of a script tag's `integrity` attribute. */
  integrity: string;
}

/** The installed widget: its version and its built files (absent when it is not built). */
export interface WidgetBundle {
  version: string;
  dir: string;
  files: Partial<Record<WidgetFile, BundleFile>>;
}

/**
 * The installed @izinli/widget's dist folder and version, resolved from `from` (this package by
 * default), or undefined when it is not installed.
 */
export function installedWidget(
  from: string = import.meta.url,
): { dir: string; version: string } | undefined {
  try {
    const manifest = createRequire(from).resolve('@izinli/widget/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { dir: join(dirname(manifest), 'dist'), version };
  } catch {
    return undefined;
  }
}

/** Reads the built files in `dir` (those that exist) with their hashes. */
export function readWidgetBundle(dir: string, version: string): WidgetBundle {
  const files: WidgetBundle['files'] = {};
  for (const name of WIDGET_FILES) {
    let body: Buffer;
    try {
      body = readFileSync(join(dir, name));
    } catch {
      continue;
    }
    files[name] = {
      body: new Uint8Array(body),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
    };
  }
  return { version, dir, files };
}

/** The installed widget's bundle, or undefined when @izinli/widget is not installed. */
export function defaultWidgetBundle(): WidgetBundle | undefined {
  const installed = installedWidget();
  return installed && readWidgetBundle(installed.dir, installed.version);
}

/**
 * The installed widget's bundle with its module build, or why there is none (not installed, not
 * built): a reason to print, never a throw.
 */
export function findWidgetBundle(from: string = import.meta.url): Result<WidgetBundle, string> {
  const installed = installedWidget(from);
  if (!installed) return err('@izinli/widget is not installed beside @izinli/server');
  const bundle = readWidgetBundle(installed.dir, installed.version);
  if (!bundle.files['izinli.js']) {
    return err(`${join(installed.dir, 'izinli.js')} is missing: is the widget built?`);
  }
  return ok(bundle);
}

/**
 * The snippet for a site: with a bundle, the script comes from the versioned path with its
 * integrity, since an SRI hash on the unversioned /izinli.js would break the page at the next
 * widget upgrade; without one, from /izinli.js with no integrity.
 */
export function widgetSnippet(options: {
  publicUrl: string;
  siteKey: string;
  bundle?: WidgetBundle;
}): string {
  const base = options.publicUrl.replace(/\/+$/, '');
  const module = options.bundle?.files['izinli.js'];
  const script =
    options.bundle && module
      ? `<script type="module" src="${base}/widget/${options.bundle.version}/izinli.js" integrity="${module.integrity}" crossorigin="anonymous"></script>`
      : `<script type="module" src="${base}/izinli.js"></script>`;
  const element = `<izinli-consent name="izinliCaptureId" site="${options.siteKey}" endpoint="${base}"></izinli-consent>`;
  return `${script}\n${element}\n`;
}
