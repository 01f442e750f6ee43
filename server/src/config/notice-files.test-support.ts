// A config whose aydınlatma notice is named by file, for the notice-file, reload and CLI tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerConfigInput } from '@izinli/core';
import { exampleServerConfig, exampleSiteConfig } from '@izinli/core/fixtures';

/**
 * Writes `files` (paths relative to `dir`) and returns the example config with its aydınlatma
 * notice as the first entry, `{ textFile: 'notices/aydinlatma.md', … }` (plus `entry`), Turkish only.
 */
export function fileNoticeConfig(
  dir: string,
  files: Record<string, string | Buffer>,
  entry: Record<string, unknown> = {},
): ServerConfigInput {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const config = structuredClone(exampleServerConfig);
  const site = config.tenants[0]!.sites[0]!;
  const byFile = {
    id: 'kvkk-aydinlatma',
    locale: 'tr',
    kind: 'aydinlatma',
    title: 'Aydınlatma Metni',
    textFile: 'notices/aydinlatma.md',
    ...entry,
  };
  // The config file's form is wider than the validated type: a textFile entry has no text yet.
  (site as { notices: unknown[] }).notices = [
    byFile,
    ...exampleSiteConfig.notices.filter((n) => n.id !== 'kvkk-aydinlatma'),
  ];
  site.locales = ['tr'];
  return config;
}
