// A config the server can replace while it runs (SIGHUP). The workers hold `view`, whose fields
// read the current config at each access, so their next pass sees a reloaded one.
import type { LoadedConfig } from './load-config.js';

/** The running server's config and the one way to replace it. */
export interface LiveConfig {
  /** Always the current config (its fields are getters); for code that outlives a reload. */
  readonly view: LoadedConfig;
  replace(next: LoadedConfig): void;
}

export function liveConfig(initial: LoadedConfig): LiveConfig {
  let current = initial;
  // Written out field by field: a field added to LoadedConfig fails to compile here until it
  // is forwarded too.
  const view: LoadedConfig = {
    get config() {
      return current.config;
    },
    get sites() {
      return current.sites;
    },
    get tenantsByTokenHash() {
      return current.tenantsByTokenHash;
    },
    get iysAccounts() {
      return current.iysAccounts;
    },
    get webhookSecrets() {
      return current.webhookSecrets;
    },
    get calendars() {
      return current.calendars;
    },
  };
  return {
    view,
    replace: (next) => {
      current = next;
    },
  };
}
