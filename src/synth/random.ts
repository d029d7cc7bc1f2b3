/**
 * Seeded pseudo-random numbers for the synthetic corridor. Every stream is derived from the user's
 * seed plus a key (`'day', 17` or `'party', 4211`), so each part of the corridor can be generated
 * independently and in any order while staying byte-identical for the same seed.
 */

/** 32-bit string/number hashing (cyrb-style mixing) used to derive stream seeds from keys. */
function mix(seed: number, keys: ReadonlyArray<string | number>): [number, number, number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  const feed = (code: number): void => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (const key of keys) {
    const text = typeof key === 'number' ? `#${key}` : `$${key}`;
    for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i));
    feed(0x1f);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0, (h1 ^ 0x9e3779b9) >>> 0, (h2 ^ 0x7f4a7c15) >>> 0];
}

/**
 * A deterministic random stream (sfc32 generator) with the draws the generator needs.
 * @example const random = createRandom(42, 'day', 3); random.int(1, 6) // same value on every run
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, keys: ReadonlyArray<string | number>) {
    [this.#a, this.#b, this.#c, this.#d] = mix(seed, keys);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight: `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let target = this.next() * total;
    for (const [value, weight] of choices) {
      target -= weight;
      if (target < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal draw around `median` with spread `sigma` (in log space), clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const value = median * Math.exp(sigma * this.normal());
    return Math.min(max, Math.max(min, value));
  }

  /** `count` distinct items chosen uniformly (partial Fisher–Yates on a copy). */
  sample<T>(items: ReadonlyArray<T>, count: number): T[] {
    const copy = items.slice();
    const wanted = Math.min(count, copy.length);
    for (let i = 0; i < wanted; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const swap = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = swap;
    }
    copy.length = wanted;
    return copy;
  }

  /** Shuffles in place and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i]!;
      items[i] = items[j]!;
      items[j] = swap;
    }
    return items;
  }

  /** A string of `length` characters drawn from `alphabet`. */
  characters(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(this.next() * alphabet.length)];
    return text;
  }

  digits(length: number): string {
    return this.characters('0123456789', length);
  }
}

/**
 * A random stream derived from the seed and a key path.
 * @example createRandom(7, 'party', 12).int(0, 9)
 */
export function createRandom(seed: number, ...keys: Array<string | number>): Random {
  return new Random(seed, keys);
}
