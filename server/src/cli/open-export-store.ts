// Opens the store `izinli export` reads, loaded on demand so that verifying never loads (or
// needs) a database driver.
import { existsSync } from 'node:fs';
import type { Store } from '../store/store.js';

/** Opens the server's store; refuses a data folder without a database instead of creating one. */
export async function openExistingStore(options: {
  dataDir: string;
  databaseUrl?: string;
}): Promise<Store> {
  const { openStore, sqliteFileIn } = await import('../store/open-store.js');
  const file = sqliteFileIn(options.dataDir);
  if (!options.databaseUrl && !existsSync(file)) {
    throw new Error(
      `there is no izinli database at ${file}: pass the server's --data-dir, or --database-url`,
    );
  }
  return openStore(options);
}
