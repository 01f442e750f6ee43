// Writes src/openapi-types.ts, the client's types, from openapi.json (the server's document,
// committed beside package.json) with openapi-typescript. The types are build output, not
// source: git ignores them and `npm run typecheck` (so `npm run build` and `npm test` too) writes
// them before tsc reads them. The file is only rewritten when its text changes, so tsc -b's
// incremental build stays incremental.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const DOCUMENT_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url));
const TYPES_FILE = fileURLToPath(new URL('../src/openapi-types.ts', import.meta.url));

const HEADER = `// Generated from openapi.json by \`npm run generate --workspace packages/client\`; git ignores it.
// Long because: one entry per operation and schema of the server's API.
`;

/** The text src/openapi-types.ts must hold for the document in openapi.json. */
async function typesText() {
  const document = JSON.parse(await readFile(DOCUMENT_FILE, 'utf8'));
  // The document is the server's own, checked by the server's lint test; no fetching or linting.
  return HEADER + astToString(await openapiTS(document, { silent: true }));
}

/** `--check` only says whether the file is current (exit 1 when not); without it, writes it. */
async function main(check) {
  const text = await typesText();
  const current = await readFile(TYPES_FILE, 'utf8').catch(() => '');
  if (current === text) return;
  if (check) {
    console.error(
      `client: ${TYPES_FILE} is not what openapi.json gives; run \`npm run generate --workspace packages/client\``,
    );
    process.exitCode = 1;
    return;
  }
  await writeFile(TYPES_FILE, text);
  console.log(`client: wrote ${TYPES_FILE} from openapi.json`);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await main(process.argv.includes('--check'));
