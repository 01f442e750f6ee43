// `npm run schema --workspace server`: regenerates izinli.config.schema.json from the zod schema.
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA_FILE, configSchemaText } from './config-schema-file.js';

writeFileSync(new URL(`../../${CONFIG_SCHEMA_FILE}`, import.meta.url), configSchemaText());
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
