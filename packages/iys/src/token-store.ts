/**
 * The token state of one İYS account. A record whose `expiresAt` has passed holds no usable access
 * token; one written only to record a lock may carry empty tokens.
 */
export interface StoredToken {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** Epoch ms when the refresh token expires. */
  refreshExpiresAt: number;
  /** Epoch ms when the access token was issued; sizes the early-refresh margin. */
  issuedAt?: number;
  /** Epoch ms until which no token request may be made (after `H084`). */
  lockedUntil?: number;
}

/**
 * Where an account's token lives. The server supplies one backed by its database so that every
 * instance shares one token and one `H084` lock per İYS account; the default is in memory.
 */
export interface TokenStore {
  get(): Promise<StoredToken | undefined>;
  set(token: StoredToken): Promise<void>;
  /**
   * Counts one token request (password or refresh grant) at `at` (epoch ms) against the account's
   * hourly budget before it is sent, or refuses it when the budget is spent, saying when the
   * oldest counted request leaves the hour. Absent: requests are not counted (one process alone,
   * where the `H084` lock is the only guard).
   */
  reserveGrant?(at: number): Promise<GrantReservation>;
}

/** Whether a token request may be sent now; when not, the epoch ms from which one may. */
export type GrantReservation = { granted: true } | { granted: false; freeAt: number };

/** A token store in this process's memory. */
export function createMemoryTokenStore(initial?: StoredToken): TokenStore {
  let current = initial && { ...initial };
  return {
    get: () => Promise.resolve(current && { ...current }),
    set: (token) => {
      current = { ...token };
      return Promise.resolve();
    },
  };
}
