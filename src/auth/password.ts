import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost. The default follows OWASP's password-storage guidance (N = 2^17, r = 8, p = 1). */
export type PasswordCost = { logN: number; blockSize: number; parallelization: number };

export const DEFAULT_PASSWORD_COST: PasswordCost = { logN: 17, blockSize: 8, parallelization: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Longest password accepted: bounds the work an attacker can ask of the server. */
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const n = 2 ** cost.logN;
  const options: ScryptOptions = {
    N: n,
    r: cost.blockSize,
    p: cost.parallelization,
    // scrypt needs 128·N·r bytes; leave headroom above Node's 32 MiB default.
    maxmem: 256 * n * cost.blockSize,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes a password with scrypt into a self-describing string that records its cost.
 * @example await hashPassword('correct horse') // 'scrypt$17$8$1$<salt>$<hash>'
 */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new RangeError(`password longer than ${MAX_PASSWORD_LENGTH} characters`);
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.logN, cost.blockSize, cost.parallelization, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. A malformed hash never verifies.
 * @example await verifyPassword('correct horse', stored) === true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  if (!logN || !blockSize || !parallelization || logN < 10 || logN > 20 || blockSize > 32 || parallelization > 4) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { logN, blockSize, parallelization });
  return timingSafeEqual(actual, expected);
}
