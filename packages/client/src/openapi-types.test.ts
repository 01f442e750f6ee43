// The committed types are those the server's document gives today: a server change that alters
// the API fails here until `npm run generate --workspace packages/client` writes them again.
import { openApiDocument } from '@izinli/server';
import { describe, expect, it } from 'vitest';
import { CHECK_BATCH_MAX } from './campaign-check.js';
import { TYPES_FILE, generatedTypes } from './openapi-types.test-support.js';

describe('openapi-types.ts', () => {
  it('matches what openapi-typescript makes of the server’s document', async () => {
    await expect(await generatedTypes()).toMatchFileSnapshot(TYPES_FILE);
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
