/**
 * 64-bit string hashing as two independent 32-bit halves (FNV-1a and a murmur-style mix), used
 * for the idempotency filter and deterministic alert ids. Collisions of 64 bits are negligible
 * at the volumes a single engine sees (≈ n² / 2⁶⁵).
 */

/** Returns [high, low] 32-bit halves of a 64-bit hash of the string. */
export function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

/** 32-bit hash of a string. */
export function hash32(text: string): number {
  return hash64(text)[1];
}

/** Hexadecimal form of the 64-bit hash, e.g. for ids. */
export function hashHex(text: string): string {
  const [high, low] = hash64(text);
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
