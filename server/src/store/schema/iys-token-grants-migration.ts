// Migration 7: each token request sent to İYS (password or refresh grant), by account and epoch
// ms, so every instance on the database counts the same hourly budget (docs/iys.md#identity).
// Rows older than an hour are deleted as new ones are counted.
import type { Migration } from './migration.js';

const grants = (bigint: string) => `
CREATE TABLE iys_token_grants (
  iys_code ${bigint} NOT NULL,
  requested_ms ${bigint} NOT NULL
)`;
const index =
  'CREATE INDEX iys_token_grants_by_account ON iys_token_grants (iys_code, requested_ms)';

/** Version 7: `iys_token_grants`. */
export const IYS_TOKEN_GRANTS_MIGRATION: Migration = {
  version: 7,
  name: 'iys-token-grants',
  sqlite: `${grants('INTEGER')} STRICT;\n${index};`,
  postgres: `${grants('BIGINT')};\n${index};`,
};
