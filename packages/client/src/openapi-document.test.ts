// openapi.json is the server's API document as this client is built against, and the types come
// from it (scripts/openapi-types.js). A server change that alters the API fails here until
// `npm run update-document --workspace packages/client` writes the document and the types again.
import { openApiDocument } from '@izinli/server';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CHECK_BATCH_MAX } from './campaign-check.js';

const DOCUMENT_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url));
const GENERATOR = fileURLToPath(new URL('../scripts/openapi-types.js', import.meta.url));

describe('openapi.json and the types made from it', () => {
  it('openapi.json is the document the server serves at /openapi.json', async () => {
    const options = await resolveConfig(DOCUMENT_FILE);
    const text = await format(JSON.stringify(openApiDocument()), {
      ...options,
      filepath: DOCUMENT_FILE,
    });
    await expect(text).toMatchFileSnapshot(DOCUMENT_FILE);
  });

  it('src/openapi-types.ts is what openapi-typescript makes of openapi.json', async () => {
    // Exits 1 (and execFile rejects) when the file on disk is stale.
    await expect(promisify(execFile)(process.execPath, [GENERATOR, '--check'])).resolves.toEqual({
      stdout: '',
      stderr: '',
    });
  });

  it('batches no more recipients than the batch check accepts', () => {
    const document = openApiDocument() as {
      components: { schemas: { CheckBatch: { properties: { recipients: { maxItems: number } } } } };
    };
    expect(CHECK_BATCH_MAX).toBe(
      document.components.schemas.CheckBatch.properties.recipients.maxItems,
    );
  });
});
