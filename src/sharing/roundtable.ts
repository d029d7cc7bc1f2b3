/**
 * Roundtable statistics by additive secret sharing modulo 2^64. Each institution splits each of
 * its counts into one random share per participant (the shares sum to the count), sends share j
 * to participant j encrypted to j's registered key, and each participant publishes only the sum
 * of the shares it received. The totals are the sum of the published sums; any single
 * participant's view is uniformly random and consistent with every possible contribution of the
 * others, so only the totals are revealed. At least three contributors are required: with two,
 * the total minus one's own count is the other's count.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { IntegrityError, ValidationError } from '../errors.ts';

export const MODULUS = 1n << 64n;
export const MINIMUM_CONTRIBUTORS = 3;

export const ROUNDTABLE_MEASURES = ['alerts', 'reports'] as const;

export const RoundtableCellSchema = z.object({
  /** Typology id or name, e.g. `funnel-account` or the advisory key term. */
  typology: z.string().min(1).max(128),
  /** Corridor, e.g. `US-TX→MX-NL`. */
  corridor: z.string().min(1).max(64),
  measure: z.enum(ROUNDTABLE_MEASURES),
});
export type RoundtableCell = z.infer<typeof RoundtableCellSchema>;

export const RoundtableDefinitionSchema = z
  .object({
    roundtableId: z.string().min(8).max(128),
    title: z.string().min(1).max(200),
    convener: z.string().min(1).max(128),
    /** Contributing institutions; each also holds one share of every other contribution. */
    participants: z.array(z.string().min(1).max(128)).min(MINIMUM_CONTRIBUTORS, `a roundtable needs at least ${MINIMUM_CONTRIBUTORS} contributing institutions`).max(50),
    cells: z.array(RoundtableCellSchema).min(1).max(1000),
    /** The period the counts cover. */
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    openedAt: z.iso.datetime({ offset: true }),
  })
  .refine((definition) => new Set(definition.participants).size === definition.participants.length, { message: 'participants must be distinct', path: ['participants'] });
export type RoundtableDefinition = z.infer<typeof RoundtableDefinitionSchema>;
export type RoundtableDefinitionInput = z.input<typeof RoundtableDefinitionSchema>;

/** A count contributed to one cell: a non-negative safe integer. */
export const RoundtableCountsSchema = z.array(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)).min(1).max(1000);

/** Random 64-bit values; injectable so tests can replay a split. */
export type RandomWords = (count: number) => bigint[];

export const secureRandomWords: RandomWords = (count) => {
  const bytes = randomBytes(count * 8);
  return Array.from({ length: count }, (_, index) => bytes.readBigUInt64LE(index * 8));
};

/**
 * Splits each count into `participants` shares that sum to it modulo 2^64.
 * Returns shares[participant][cell].
 * @example splitIntoShares([5n], 3) // e.g. [[a], [b], [5 − a − b mod 2^64]]
 */
export function splitIntoShares(counts: readonly bigint[], participants: number, random: RandomWords = secureRandomWords): bigint[][] {
  if (participants < MINIMUM_CONTRIBUTORS) throw new ValidationError(`a roundtable needs at least ${MINIMUM_CONTRIBUTORS} contributing institutions`);
  const shares: bigint[][] = [];
  const running = counts.map((count) => ((count % MODULUS) + MODULUS) % MODULUS);
  for (let participant = 0; participant < participants - 1; participant++) {
    const words = random(counts.length);
    shares.push(words);
    words.forEach((word, cell) => {
      running[cell] = (running[cell]! - word + MODULUS) % MODULUS;
    });
  }
  shares.push(running);
  return shares;
}

/**
 * Adds share vectors cell by cell modulo 2^64 (a participant's partial sum, or the totals).
 * @example addShares([[1n, 2n], [3n, 4n]]) // [4n, 6n]
 */
export function addShares(vectors: ReadonlyArray<readonly bigint[]>): bigint[] {
  const first = vectors[0];
  if (first === undefined) return [];
  const sum = first.map(() => 0n);
  for (const vector of vectors) {
    if (vector.length !== sum.length) throw new IntegrityError('share vectors differ in length');
    vector.forEach((value, cell) => {
      sum[cell] = (sum[cell]! + value) % MODULUS;
    });
  }
  return sum;
}

/** Totals as numbers; a total beyond 2^53 means a malformed contribution, refused. */
export function totalsFromPartialSums(partials: ReadonlyArray<readonly bigint[]>): number[] {
  return addShares(partials).map((total) => {
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new IntegrityError('a roundtable total is out of range: some contribution was malformed');
    return Number(total);
  });
}

export const ShareVectorSchema = z.array(z.string().regex(/^[0-9a-f]{1,16}$/)).max(1000);
export const encodeShares = (values: readonly bigint[]): string[] => values.map((value) => value.toString(16));
export const decodeShares = (values: readonly string[]): bigint[] => values.map((value) => BigInt(`0x${value}`));

// ── encryption of shares to a participant's registered X25519 key ─────────────────────────────

export type EncryptionKeys = { publicKey: string; privateKey: KeyObject };

/** A fresh X25519 key pair for receiving roundtable shares; `publicKey` is raw base64url. */
export function generateEncryptionKeys(): EncryptionKeys {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new IntegrityError('not an X25519 key');
  return { publicKey: jwk.x, privateKey };
}

/** The private key as PKCS #8 PEM, for a node's key file. */
export function exportEncryptionKeys(keys: EncryptionKeys): { publicKey: string; privateKeyPem: string } {
  return { publicKey: keys.publicKey, privateKeyPem: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export function importEncryptionKeys(file: { privateKeyPem: string }): EncryptionKeys {
  const privateKey = createPrivateKey(file.privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'x25519') throw new IntegrityError('the encryption key is not X25519');
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new IntegrityError('not an X25519 key');
  return { publicKey: jwk.x, privateKey };
}

export const SealedSharesSchema = z.object({
  ephemeralKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  ciphertext: z.string().regex(/^[A-Za-z0-9_-]+$/).max(100_000),
  tag: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});
export type SealedShares = z.infer<typeof SealedSharesSchema>;

function x25519Public(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });
}

function sealingKey(shared: Buffer, ephemeralKey: string, recipientKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${ephemeralKey}.${recipientKey}`), 'frontera-roundtable-shares/1', 32));
}

/**
 * Encrypts a share vector to the recipient (ephemeral X25519, HKDF-SHA-256, AES-256-GCM);
 * `context` (roundtable, sender, recipient) is authenticated so a sealed vector cannot be moved.
 */
export function sealShares(recipientKey: string, shares: readonly bigint[], context: string): SealedShares {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralJwk = ephemeral.publicKey.export({ format: 'jwk' });
  const ephemeralKey = String(ephemeralJwk.x);
  const key = sealingKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519Public(recipientKey) }), ephemeralKey, recipientKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(encodeShares(shares))), cipher.final()]);
  return { ephemeralKey, iv: iv.toString('base64url'), ciphertext: ciphertext.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

/** Decrypts a sealed share vector; anything altered fails the GCM tag and is refused. */
export function openShares(keys: EncryptionKeys, sealed: SealedShares, context: string): bigint[] {
  try {
    const key = sealingKey(diffieHellman({ privateKey: keys.privateKey, publicKey: x25519Public(sealed.ephemeralKey) }), sealed.ephemeralKey, keys.publicKey);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    return decodeShares(ShareVectorSchema.parse(JSON.parse(plain)));
  } catch {
    throw new IntegrityError('the roundtable shares do not decrypt: altered or not for this node');
  }
}

/**
 * An ECharts option for the totals (grouped bars per typology, one series per corridor and
 * measure), with labels in English or Spanish; the web page and the CLI show the same data.
 * @example roundtableChartOption(definition, totals, 'es')
 */
export function roundtableChartOption(definition: Pick<RoundtableDefinition, 'title' | 'cells'>, totals: readonly number[], locale: 'en' | 'es'): Record<string, unknown> {
  const measureLabel = { alerts: locale === 'es' ? 'alertas' : 'alerts', reports: locale === 'es' ? 'reportes' : 'reports' } as const;
  const typologies = [...new Set(definition.cells.map((cell) => cell.typology))];
  const seriesNames = [...new Set(definition.cells.map((cell) => `${cell.corridor} · ${measureLabel[cell.measure]}`))];
  const series = seriesNames.map((name) => ({
    name,
    type: 'bar',
    data: typologies.map((typology) => {
      const index = definition.cells.findIndex((cell) => cell.typology === typology && `${cell.corridor} · ${measureLabel[cell.measure]}` === name);
      return index < 0 ? null : (totals[index] ?? null);
    }),
  }));
  return {
    title: { text: definition.title, subtext: locale === 'es' ? 'Totales de la mesa de trabajo (solo se revelan los totales)' : 'Roundtable totals (only totals are revealed)' },
    tooltip: { trigger: 'axis' },
    legend: { data: seriesNames },
    xAxis: { type: 'category', data: typologies },
    yAxis: { type: 'value', name: locale === 'es' ? 'conteo' : 'count' },
    series,
  };
}
