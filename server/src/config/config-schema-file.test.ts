import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configSchemaText } from './config-schema-file.js';

describe('izinli.config.schema.json', () => {
  it('is the schema generated from zod (run `npm run schema --workspace server` after a change)', () => {
    const committed = readFileSync(new URL(`../../${CONFIG_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed).toBe(configSchemaText());
  });
});
