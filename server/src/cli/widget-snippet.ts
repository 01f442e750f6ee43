// The lines a site pastes into its form: the widget's script tag, pinned by Subresource Integrity
// to the bundle of the installed @izinli/widget, and the <izinli-consent> element.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { err, ok } from '@izinli/core';
import type { Result } from '@izinli/core';

/** The widget bundle the server serves: its version (in its URL) and its SRI hash. */
export interface WidgetBundle {
  version: string;
  /** `sha384-…` (base64) of dist/izinli.js, for the script tag's `integrity`. */
  integrity: string;
}

/** The installed @izinli/widget's bundle; a missing or unbuilt widget is a reason, not a throw. */
export async function findWidgetBundle(
  resolveFrom: string = import.meta.url,
): Promise<Result<WidgetBundle, string>> {
  let file: string;
  try {
    // The package's main export is the bundle itself (dist/izinli.js).
    file = createRequire(resolveFrom).resolve('@izinli/widget');
  } catch {
    return err('@izinli/widget is not installed beside @izinli/server');
  }
  let bytes: Buffer;
  let pkg: { name?: string; version?: string };
  try {
    bytes = await readFile(file);
    pkg = JSON.parse(
      await readFile(join(dirname(file), '..', 'package.json'), 'utf8'),
    ) as typeof pkg;
  } catch (error) {
    return err(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): is the widget built?`,
    );
  }
  if (pkg.name !== '@izinli/widget' || !pkg.version) {
    return err(`${file} is not the bundle of an @izinli/widget package`);
  }
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  return ok({ version: pkg.version, integrity });
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
  const { publicUrl, siteKey, bundle } = options;
  const script = bundle
    ? `<script type="module" src="${publicUrl}/widget/${bundle.version}/izinli.js" integrity="${bundle.integrity}" crossorigin="anonymous"></script>`
    : `<script type="module" src="${publicUrl}/izinli.js"></script>`;
  const element = `<izinli-consent name="izinliCaptureId" site="${siteKey}" endpoint="${publicUrl}"></izinli-consent>`;
  return `${script}\n${element}\n`;
}
