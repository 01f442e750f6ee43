import type { IysTokenResponse } from '@izinli/core';
import { randomToken, randomUuid } from './ids.js';
import type { ResolvedAccount, SimLimits } from './options.js';

interface Grant {
  account: ResolvedAccount;
  expiresMs: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Access and refresh tokens. Tokens look like İYS's JWTs (header.payload.signature) but are only
 * checked against this store. A refresh rotates the refresh token: the old one stops working at
 * once, while access tokens already issued live out their two hours.
 */
export class TokenStore {
  readonly #access = new Map<string, Grant>();
  readonly #refresh = new Map<string, Grant>();

  constructor(
    private readonly random: () => number,
    private readonly limits: () => SimLimits,
  ) {}

  /** Issues a fresh pair for an account. */
  issue(account: ResolvedAccount, nowMs: number): IysTokenResponse {
    const { accessTokenSeconds, refreshTokenSeconds } = this.limits();
    const access = this.#jwt(account, nowMs, accessTokenSeconds, 'Bearer');
    const refresh = this.#jwt(account, nowMs, refreshTokenSeconds, 'Refresh');
    this.#access.set(access, { account, expiresMs: nowMs + accessTokenSeconds * 1000 });
    this.#refresh.set(refresh, { account, expiresMs: nowMs + refreshTokenSeconds * 1000 });
    return {
      access_token: access,
      refresh_token: refresh,
      expires_in: accessTokenSeconds,
      refresh_expires_in: refreshTokenSeconds,
      token_type: 'bearer',
    };
  }

  /** Exchanges a live refresh token for a new pair; undefined if unknown, used or expired. */
  refresh(token: string, nowMs: number): IysTokenResponse | undefined {
    const grant = this.#refresh.get(token);
    this.#refresh.delete(token);
    if (!grant || grant.expiresMs <= nowMs) return undefined;
    return this.issue(grant.account, nowMs);
  }

  /** The account behind a live access token. */
  verify(token: string, nowMs: number): ResolvedAccount | undefined {
    const grant = this.#access.get(token);
    if (!grant) return undefined;
    if (grant.expiresMs <= nowMs) {
      this.#access.delete(token);
      return undefined;
    }
    return grant.account;
  }

  /** Expires every token now (inspection: "İYS restarted its identity service"). */
  revokeAll(): void {
    this.#access.clear();
    this.#refresh.clear();
  }

  /** Live token counts, for `/__sim/stats`. */
  counts(nowMs: number): { access: number; refresh: number } {
    const live = (m: Map<string, Grant>) =>
      [...m.values()].filter((g) => g.expiresMs > nowMs).length;
    return { access: live(this.#access), refresh: live(this.#refresh) };
  }

  #jwt(account: ResolvedAccount, nowMs: number, seconds: number, typ: string): string {
    const iat = Math.floor(nowMs / 1000);
    const payload = {
      jti: randomUuid(this.random),
      exp: iat + seconds,
      iat,
      iss: 'iys-sim',
      sub: account.username,
      typ,
      iysCode: account.iysCode,
    };
    return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomToken(this.random)}`;
  }
}
