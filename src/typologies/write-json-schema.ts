/**
 * Writes `typology.schema.json` from the zod schema: `npm run typologies:schema`.
 * `schema.test.ts` fails when the committed file is not current.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { typologyJsonSchema } from './schema.ts';

export const TYPOLOGY_JSON_SCHEMA_PATH = fileURLToPath(new URL('./typology.schema.json', import.meta.url));

/** The file's exact expected text. */
export function typologyJsonSchemaText(): string {
  return `${JSON.stringify(typologyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TYPOLOGY_JSON_SCHEMA_PATH, typologyJsonSchemaText());
  process.stdout.write(`wrote ${TYPOLOGY_JSON_SCHEMA_PATH}\n`);
}
