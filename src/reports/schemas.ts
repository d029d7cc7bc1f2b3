import { readFile } from 'node:fs/promises';
import { validateXmlBatch, type XmlSchema, type XmlValidationResult } from '../xml/index.ts';

/** The official schemas Frontera ships (see `schemas/README.md`). */
export const OFFICIAL_SCHEMAS = {
  'fincen-sar': { name: 'FinCEN SAR XML batch 1.2 (EFL_SARXBatchSchema.xsd)', path: 'fincen/EFL_SARXBatchSchema.xsd' },
  'fincen-ctr': { name: 'FinCEN CTR XML batch 1.2 (EFL_CTRXBatchSchema.xsd)', path: 'fincen/EFL_CTRXBatchSchema.xsd' },
  'goaml': { name: 'goAML 5.0.2 report (goAMLSchema.xsd)', path: 'goaml/goAMLSchema.xsd' },
} as const;

export const AV_ACTIVITIES = ['ari', 'avi', 'bli', 'chv', 'din', 'don', 'fep', 'fes', 'inm', 'jys', 'mjr', 'mpc', 'oba', 'spr2', 'tcv', 'tdr', 'tpp', 'tsc', 'veh'] as const;
export type AvActivity = (typeof AV_ACTIVITIES)[number];

export type SchemaKey = keyof typeof OFFICIAL_SCHEMAS | `sat-av-${AvActivity}`;

const cache = new Map<SchemaKey, Promise<XmlSchema>>();

/**
 * Loads a shipped official schema (read once per process, then cached).
 * @example const schema = await loadOfficialSchema('fincen-sar');
 */
export function loadOfficialSchema(key: SchemaKey): Promise<XmlSchema> {
  let pending = cache.get(key);
  if (!pending) {
    const { name, path } = key.startsWith('sat-av-')
      ? { name: `SAT Actividades Vulnerables ${key.slice(7).toUpperCase()} (${key.slice(7)}.xsd)`, path: `mx-pld/${key.slice(7)}.xsd` }
      : OFFICIAL_SCHEMAS[key as keyof typeof OFFICIAL_SCHEMAS];
    const fileName = path.split('/').pop()!;
    pending = readFile(new URL(`./schemas/${path}`, import.meta.url), 'utf8').then((contents) => ({ name, files: [{ fileName, contents }] }));
    cache.set(key, pending);
  }
  return pending;
}

/** Validates documents against a shipped schema, batched. */
export async function validateAgainstOfficial(key: SchemaKey, xmls: readonly string[]): Promise<{ schemaName: string; results: XmlValidationResult[] }> {
  const schema = await loadOfficialSchema(key);
  return { schemaName: schema.name, results: await validateXmlBatch(xmls, schema) };
}
