// How the PostgreSQL store writes many rows in one statement: the rows travel as one JSON
// parameter and `json_populate_recordset` turns them back into the table's row type.

/** Rows as a JSON array of objects keyed by column, for `json_populate_recordset`. */
export function rowsJson(columns: readonly string[], rows: readonly unknown[][]): string {
  return JSON.stringify(
    rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]]))),
  );
}

/** `INSERT INTO table (columns) SELECT columns FROM json_populate_recordset(…, $n)`. */
export function pgInsertRows(table: string, columns: readonly string[], param: string): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ${param}::json)`;
}

/**
 * `pgInsertRows`, keeping the rows' order: identity columns (`pos`) are numbered in the order the
 * SELECT yields, and insertion order is the chain's and the outbox's order.
 */
export function pgInsertRowsInOrder(
  table: string,
  columns: readonly string[],
  param: string,
): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ${param}::json) WITH ORDINALITY AS row ORDER BY row.ordinality`;
}
