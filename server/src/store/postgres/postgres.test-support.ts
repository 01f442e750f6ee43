// What the tests on PostgreSQL share: a schema of their own, and blocks that run only where
// DATABASE_URL names a database (CI sets it) and say so in their title where it does not.
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';

/** A schema name no other test uses. */
export const freshSchema = () => `izinli_t_${randomUUID().replaceAll('-', '')}`;

/** `describe(title, body)` where DATABASE_URL is set; elsewhere skipped, its title saying why. */
export function describeOnPostgres(title: string, body: () => void) {
  const url = process.env.DATABASE_URL;
  describe.skipIf(!url)(
    url ? title : `${title} (skipped: DATABASE_URL is not set — CI sets it)`,
    body,
  );
}
