// What a schema version is, apart from the list of them (migrations.ts), so that the versions
// kept in their own files need not import the list that imports them.

/** One schema version: the DDL for each dialect, applied once in a transaction. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}
