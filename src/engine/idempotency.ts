/**
 * Exactly-once filter: remembers 64-bit hashes of transaction ids in open-addressing tables of
 * typed arrays (16 bytes a slot), not a Set of strings. Two generations rotate by data time so
 * memory stays bounded: an id is remembered for at least `horizonSeconds` after it was seen.
 */
import { hash64 } from './hash.ts';

class HashTable {
  high: Uint32Array;
  low: Uint32Array;
  size = 0;
  constructor(capacity = 1024) {
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
  }
  has(high: number, low: number): boolean {
    const mask = this.high.length - 1;
    for (let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const h = this.high[slot]!;
      const l = this.low[slot]!;
      if (h === 0 && l === 0) return false;
      if (h === high && l === low) return true;
    }
  }
  add(high: number, low: number): void {
    if ((this.size + 1) * 2 > this.high.length) this.grow();
    this.insert(high, low);
  }
  insert(high: number, low: number): void {
    const mask = this.high.length - 1;
    for (let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      if (this.high[slot] === 0 && this.low[slot] === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.size++;
        return;
      }
      if (this.high[slot] === high && this.low[slot] === low) return;
    }
  }
  grow(): void {
    const oldHigh = this.high;
    const oldLow = this.low;
    this.high = new Uint32Array(oldHigh.length * 2);
    this.low = new Uint32Array(oldLow.length * 2);
    this.size = 0;
    for (let i = 0; i < oldHigh.length; i++) {
      if (oldHigh[i] !== 0 || oldLow[i] !== 0) this.insert(oldHigh[i]!, oldLow[i]!);
    }
  }
  get bytes(): number {
    return this.high.byteLength + this.low.byteLength;
  }
}

export class IdempotencyFilter {
  #current = new HashTable();
  #previous = new HashTable(16);
  #generationStart = Number.NEGATIVE_INFINITY;
  constructor(readonly horizonSeconds: number) {}

  /**
   * Records the id; returns false when it was seen before (a duplicate).
   * @example filter.admit('tx-1', 1767225600) === true; filter.admit('tx-1', 1767225601) === false
   */
  admit(id: string, timeSeconds: number): boolean {
    const [high0, low] = hash64(id);
    // The all-zero key marks an empty slot.
    const high = high0 === 0 && low === 0 ? 1 : high0;
    if (this.#current.has(high, low) || this.#previous.has(high, low)) return false;
    if (this.#generationStart === Number.NEGATIVE_INFINITY) this.#generationStart = timeSeconds;
    if (timeSeconds - this.#generationStart >= this.horizonSeconds) {
      this.#previous = this.#current;
      this.#current = new HashTable();
      this.#generationStart = timeSeconds;
    }
    this.#current.add(high, low);
    return true;
  }

  get bytes(): number {
    return this.#current.bytes + this.#previous.bytes;
  }

  /** The tables, for checkpoints. */
  exportState(): { generationStart: number; current: [Uint32Array, Uint32Array, number]; previous: [Uint32Array, Uint32Array, number] } {
    return {
      generationStart: this.#generationStart,
      current: [this.#current.high, this.#current.low, this.#current.size],
      previous: [this.#previous.high, this.#previous.low, this.#previous.size],
    };
  }

  importState(state: ReturnType<IdempotencyFilter['exportState']>): void {
    this.#generationStart = state.generationStart;
    const load = ([high, low, size]: [Uint32Array, Uint32Array, number]): HashTable => {
      const table = new HashTable(16);
      table.high = high;
      table.low = low;
      table.size = size;
      return table;
    };
    this.#current = load(state.current);
    this.#previous = load(state.previous);
  }
}
