// Reloading the config while the server runs (SIGHUP): the file is read and checked like at start;
// a config that passes is served from the next request on, one that does not is refused with its
// problems logged, and the running config is kept.
import { problemMessage } from '@izinli/core';
import type { Logger } from 'pino';
import { readConfigFile } from './config-file.js';
import type { LoadedConfig } from './load-config.js';

export interface ConfigReloadOptions {
  /** The config file (IZINLI_CONFIG). */
  path: string;
  /** The environment its `{ "env": … }` references are read from. */
  env: Record<string, string | undefined>;
  server: { reload(config: LoadedConfig): void };
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * A function that reloads the config file and resolves true when the new config is served.
 * Reloads run one after another, so a slow read never replaces a newer config with an older one.
 */
export function configReloader(options: ConfigReloadOptions): () => Promise<boolean> {
  const { path, env, server, logger } = options;
  let queue: Promise<unknown> = Promise.resolve();
  const once = async (): Promise<boolean> => {
    const read = await readConfigFile(path, env, { record: true });
    if (!read.ok) {
      logger.error(
        { config: path, problems: read.error.map((p) => problemMessage(p, 'en')) },
        `config reload refused (${read.error.length} problem(s)); the running config is kept`,
      );
      return false;
    }
    const { loaded, noticeVersions, warnings } = read.value;
    server.reload(loaded);
    const sites = [...loaded.sites.values()];
    logger.info(
      {
        config: path,
        sites: sites.length,
        origins: sites.reduce((n, { site }) => n + site.allowedOrigins.length, 0),
        noticeVersions: noticeVersions.map(({ id, locale, version }) => ({ id, locale, version })),
      },
      'config reloaded',
    );
    logConfigWarnings(logger, warnings);
    return true;
  };
  return () => {
    const next = queue.then(once, once);
    queue = next;
    return next;
  };
}

/** Logs what a config's check found worth a look, though not refused (template blanks). */
export function logConfigWarnings(
  logger: Pick<Logger, 'warn'>,
  warnings: Parameters<typeof problemMessage>[0][],
): void {
  if (warnings.length === 0) return;
  logger.warn(
    { problems: warnings.map((p) => problemMessage(p, 'en')) },
    'notice texts still hold template blanks',
  );
}
