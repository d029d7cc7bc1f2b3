export { canonicalJson } from './canonical-json.ts';
export {
  AdvisoryDocumentSchema, AdvisoryPackageSchema, KeyRegistrySchema, RegisteredKeySchema, SecretKeyFileSchema, SignatureBlockSchema,
  ISSUERS, PACKAGE_FORMAT, SIGNATURE_ALGORITHM,
} from './schema.ts';
export type { AdvisoryDocument, AdvisoryPackage, UnsignedPackage, KeyRegistry, RegisteredKey, SecretKeyFile, SignatureBlock, Issuer } from './schema.ts';
export { createSigningKey, registryEntryOf, signingBytes, signPackage, verifyPackage } from './signing.ts';
export type { RefusalCode, VerifiedPackage, VerifyResult } from './signing.ts';
export { diffPackages, diffValues, formatPackageDiff, compareVersions } from './diff.ts';
export type { Change, PackageDiff } from './diff.ts';
export { buildPackage, emptyKeyRegistry, addRegistryKey } from './package.ts';
