// A config the server can replace while it runs (SIGHUP). The workers hold `view`, whose fields
// read the current config at each access, so their next pass sees a reloaded one.
import type { LoadedConfig } from './load-config.js';

/** The running server's config and the one way to replace it. */
export interface LiveConfig {
  /** Always the current config (its fields are getters); for code that outlives a reload. */
  readonly view: LoadedConfig;
  replace(next: LoadedConfig): void;
}

// Every field of LoadedConfig, each forwarded as a getter: a field added to LoadedConfig fails to
// compile here until it is listed too.
const FIELDS: Record<keyof LoadedConfig, true> = {
  config: true,
  sites: true,
  tenantsByTokenHash: true,
  iysAccounts: true,
  webhookSecrets: true,
  calendars: true,
};

export function liveConfig(initial: LoadedConfig): LiveConfig {
  let current = initial;
  const view = {} as LoadedConfig;
  for (const field of Object.keys(FIELDS) as (keyof LoadedConfig)[]) {
    Object.defineProperty(view, field, { get: () => current[field], enumerable: true });
  }
  return {
    view,
    replace: (next) => {
      current = next;
    },
  };
}
