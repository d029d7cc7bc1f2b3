/**
 * Assembling a package from an advisory document and typology documents, and editing a key
 * registry. Pure functions; the CLI reads and writes the files.
 */
import type { TypologyDocument } from '../typologies/index.ts';
import { PACKAGE_FORMAT, type AdvisoryDocument, type Issuer, type KeyRegistry, type RegisteredKey, type UnsignedPackage } from './schema.ts';

/**
 * The unsigned package of an advisory: the typologies it links, taken from `available` by id and
 * version. Throws a RangeError naming every link it cannot resolve.
 * @example const unsigned = buildPackage(advisory, loadBuiltinTypologies().map((t) => t.document));
 */
export function buildPackage(advisory: AdvisoryDocument, available: readonly TypologyDocument[]): UnsignedPackage {
  const missing: string[] = [];
  const typologies = advisory.typologies.map((link) => {
    const found = available.find((document) => document.id === link.id && document.version === link.version);
    if (!found) missing.push(`${link.id}@${link.version}`);
    return found;
  });
  if (missing.length > 0) throw new RangeError(`the advisory links typologies that are not available: ${missing.join(', ')}`);
  const documents = typologies.filter((document): document is TypologyDocument => document !== undefined).map((document) => {
    const { $schema: _schema, ...rest } = document;
    return rest as Record<string, unknown>;
  });
  return { format: PACKAGE_FORMAT, advisory, typologies: documents };
}

export function emptyKeyRegistry(): KeyRegistry {
  return { format: 'frontera-key-registry/1', issuers: {} };
}

/** A registry with one more key; refuses a key id already registered for the issuer. */
export function addRegistryKey(registry: KeyRegistry, issuer: Issuer, key: RegisteredKey): KeyRegistry {
  const keys = registry.issuers[issuer] ?? [];
  if (keys.some((existing) => existing.keyId === key.keyId)) throw new RangeError(`key '${key.keyId}' is already registered for ${issuer}`);
  return { ...registry, issuers: { ...registry.issuers, [issuer]: [...keys, key] } };
}
