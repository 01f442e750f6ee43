// The JSON Schema file editors use for the config (`"$schema": "./izinli.config.schema.json"`).
import { serverConfigJsonSchema } from '@izinli/core';

/** Where the committed schema lives, relative to the server package. */
export const CONFIG_SCHEMA_FILE = 'izinli.config.schema.json';

/** The schema file's exact text (2-space JSON with a final newline). */
export function configSchemaText(): string {
  return `${JSON.stringify(serverConfigJsonSchema(), null, 2)}\n`;
}
