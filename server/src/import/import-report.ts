// What an import did, as a type only (no Node, no code), so the console can name it too
// (through http/admin-api-types.ts).

/** What an import did, as the CLI prints it with --json and the API answers it. */
export interface ImportReport {
  dryRun: boolean;
  rows: number;
  good: number;
  recorded: number;
  alreadyRecorded: number;
  bad: number;
  seconds: number;
  rowsPerSecond: number;
  badRows: {
    line: number;
    rowKey?: string;
    problems: { code: string; path: string; message: string }[];
  }[];
}
