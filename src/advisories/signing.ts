/**
 * Ed25519 signing and verification of advisory packages. Pure: keys, packages, registries and the
 * current time are parameters. Verification fails closed: an unsigned, tampered, expired,
 * unknown-key or revoked-key package is refused with a reason code and a message.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { fieldIssues, type FieldIssue } from '../domain/index.ts';
import { loadTypology, type CompiledTypology } from '../typologies/index.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  AdvisoryPackageSchema,
  PACKAGE_FORMAT,
  SIGNATURE_ALGORITHM,
  type AdvisoryPackage,
  type Issuer,
  type KeyRegistry,
  type RegisteredKey,
  type SecretKeyFile,
  type UnsignedPackage,
} from './schema.ts';

/** Domain separation: a signature over a package can never be replayed as another kind of message. */
const SIGNING_CONTEXT = 'frontera-advisory-package/1\n';

/**
 * A new signing key. `secretKey` is 32 random bytes unless given (tests pass a fixed seed).
 * @example const key = createSigningKey({ issuer: 'FinCEN', keyId: 'fincen-2026-1' });
 */
export function createSigningKey(options: { issuer: Issuer; keyId: string; secretKey?: Uint8Array; demo?: boolean }): SecretKeyFile {
  const secretKey = options.secretKey ?? ed25519.utils.randomSecretKey();
  return {
    format: 'frontera-signing-key/1',
    issuer: options.issuer,
    keyId: options.keyId,
    algorithm: SIGNATURE_ALGORITHM,
    secretKey: bytesToHex(secretKey),
    publicKey: bytesToHex(ed25519.getPublicKey(secretKey)),
    demo: options.demo ?? false,
  };
}

/** The registry entry that publishes a signing key's public half. */
export function registryEntryOf(key: SecretKeyFile, validity: { validFrom: string; validUntil?: string; note?: string }): RegisteredKey {
  const entry: RegisteredKey = { keyId: key.keyId, algorithm: SIGNATURE_ALGORITHM, publicKey: key.publicKey, validFrom: validity.validFrom, demo: key.demo };
  if (validity.validUntil !== undefined) entry.validUntil = validity.validUntil;
  if (validity.note !== undefined) entry.note = validity.note;
  return entry;
}

/**
 * The bytes an issuer signs: SHA-256 of the context string and the canonical JSON of the whole
 * package with the signature block minus its signature value (so key id, signing and expiry times
 * are signed too).
 */
export function signingBytes(unsigned: UnsignedPackage, block: { keyId: string; algorithm: string; signedAt: string; expiresAt: string }): Uint8Array {
  const body = canonicalJson({ format: unsigned.format, advisory: unsigned.advisory, typologies: unsigned.typologies, signature: block });
  return sha256(utf8ToBytes(SIGNING_CONTEXT + body));
}

/**
 * Signs a package with the issuer's key.
 * @example const signed = signPackage(unsigned, key, { signedAt: '2025-08-28T12:00:00Z', expiresAt: '2026-08-28T00:00:00Z' });
 */
export function signPackage(unsigned: UnsignedPackage, key: SecretKeyFile, times: { signedAt: string; expiresAt: string }): AdvisoryPackage {
  if (unsigned.advisory.issuer !== key.issuer) throw new RangeError(`the key belongs to ${key.issuer} but the advisory is issued by ${unsigned.advisory.issuer}`);
  if (Date.parse(times.expiresAt) <= Date.parse(times.signedAt)) throw new RangeError('expiresAt must be after signedAt');
  const block = { keyId: key.keyId, algorithm: SIGNATURE_ALGORITHM, signedAt: times.signedAt, expiresAt: times.expiresAt };
  const signature = bytesToHex(ed25519.sign(signingBytes(unsigned, block), hexToBytes(key.secretKey)));
  return { format: PACKAGE_FORMAT, advisory: unsigned.advisory, typologies: unsigned.typologies, signature: { ...block, signature } };
}

export type RefusalCode = 'malformed' | 'unsigned' | 'unknown_key' | 'revoked_key' | 'key_not_valid' | 'not_yet_valid' | 'expired' | 'tampered' | 'invalid_typology';

export type VerifiedPackage = {
  package: AdvisoryPackage;
  typologies: CompiledTypology[];
  /** Null when an unsigned package was let through by the development override. */
  key: RegisteredKey | null;
  warnings: string[];
};

export type VerifyResult = { ok: true; value: VerifiedPackage } | { ok: false; code: RefusalCode; reason: string; issues: FieldIssue[] };

const refuse = (code: RefusalCode, reason: string, issues: FieldIssue[] = []): VerifyResult => ({ ok: false, code, reason, issues });

/**
 * Checks a package before anything of it is loaded: shape, signature by a registered, unrevoked
 * key of the advisory's issuer that was valid when it signed, the package's validity period at
 * `now`, and every typology through the typology loader. `allowUnsigned` is a development
 * override for packages without a signature block; it never accepts a bad signature.
 * @example
 * const result = verifyPackage(json, registry, { now: new Date().toISOString() });
 * if (!result.ok) throw new IntegrityError(result.reason);
 */
export function verifyPackage(input: unknown, registry: KeyRegistry, options: { now: string; allowUnsigned?: boolean }): VerifyResult {
  const parsed = AdvisoryPackageSchema.safeParse(input);
  if (!parsed.success) return refuse('malformed', 'refused: the package is not a valid advisory package', fieldIssues(parsed.error));
  const pkg = parsed.data;
  const label = `${pkg.advisory.id}@${pkg.advisory.version}`;
  const now = Date.parse(options.now);
  if (Number.isNaN(now)) throw new RangeError(`now is not a date-time: ${options.now}`);
  const warnings: string[] = [];
  let key: RegisteredKey | null = null;

  if (pkg.signature === undefined) {
    if (options.allowUnsigned !== true) return refuse('unsigned', `refused: ${label} is not signed`);
    warnings.push(`${label} is NOT signed; loaded only because the development override (--allow-unsigned) is on`);
  } else {
    const block = pkg.signature;
    const keys = registry.issuers[pkg.advisory.issuer] ?? [];
    const found = keys.find((candidate) => candidate.keyId === block.keyId);
    if (!found) return refuse('unknown_key', `refused: ${label} is signed with key '${block.keyId}', which the key registry does not list for ${pkg.advisory.issuer}`);
    key = found;
    const signedAt = Date.parse(block.signedAt);
    if (found.revokedAt !== undefined && Date.parse(found.revokedAt) <= now) {
      return refuse('revoked_key', `refused: ${label} is signed with key '${found.keyId}' of ${pkg.advisory.issuer}, revoked at ${found.revokedAt}`);
    }
    if (signedAt < Date.parse(found.validFrom) || (found.validUntil !== undefined && signedAt > Date.parse(found.validUntil))) {
      return refuse('key_not_valid', `refused: ${label} was signed at ${block.signedAt}, outside the validity of key '${found.keyId}' (${found.validFrom} – ${found.validUntil ?? 'open'})`);
    }
    const message = signingBytes(pkg, { keyId: block.keyId, algorithm: block.algorithm, signedAt: block.signedAt, expiresAt: block.expiresAt });
    let valid = false;
    try {
      valid = ed25519.verify(hexToBytes(block.signature), message, hexToBytes(found.publicKey));
    } catch {
      valid = false;
    }
    if (!valid) return refuse('tampered', `refused: the signature of ${label} does not verify with key '${found.keyId}' — the package was altered after signing or signed with another key`);
    if (signedAt > now) return refuse('not_yet_valid', `refused: ${label} is signed at ${block.signedAt}, after the current time ${options.now}`);
    if (Date.parse(block.expiresAt) < now) return refuse('expired', `refused: ${label} expired at ${block.expiresAt}`);
    if (found.demo) warnings.push(`${label} is signed with a DEMONSTRATION key ('${found.keyId}'); do not rely on it in production`);
  }

  const typologies: CompiledTypology[] = [];
  const issues: FieldIssue[] = [];
  pkg.typologies.forEach((document, index) => {
    const loaded = loadTypology(document);
    if (loaded.ok) typologies.push(loaded.value);
    else for (const issue of loaded.issues) issues.push({ field: `typologies[${index}].${issue.field}`, reason: issue.reason });
  });
  if (issues.length > 0) return refuse('invalid_typology', `refused: ${label} carries typologies that do not load`, issues);
  const carried = new Set(typologies.map((t) => `${t.id}@${t.version}`));
  for (const link of pkg.advisory.typologies) {
    if (!carried.has(`${link.id}@${link.version}`)) issues.push({ field: 'advisory.typologies', reason: `links ${link.id}@${link.version}, which the package does not carry` });
  }
  if (issues.length > 0) return refuse('malformed', `refused: ${label} links typologies it does not carry`, issues);
  return { ok: true, value: { package: pkg, typologies, key, warnings } };
}
