/**
 * Per-subject state: a ring buffer of the subject's recent transactions (5 words an event) plus a
 * 512-bit Bloom filter of every counterparty ever seen (to tell new from known counterparties
 * beyond the ring). The ring grows by half from 4 events up to a cap, so quiet accounts stay small;
 * when full, the oldest event is overwritten.
 *
 * The words of every subject live in a shared RingPool (large Uint32Array chunks) rather than one
 * typed array per subject: a typed array per subject costs an off-heap allocation at each growth,
 * a header object to chase before the data, and about 120 bytes of overhead per account.
 */

export const WORDS_PER_EVENT = 5;
export const BLOOM_WORDS = 16;

/** Event word offsets. */
export const TIME = 0;
export const AMOUNT = 1;
export const COUNTERPARTY = 2;
export const FLAGS = 3;
export const PLACE = 4;

export const NO_COUNTERPARTY = 0xffffffff;

/** Flag bits (low 16 bits of the FLAGS word; the high 16 bits hold the interned state of the cash location). */
export const CHANNEL_MASK = 0xf;
export const OUT = 1 << 4;
export const CROSS_BORDER = 1 << 5;
export const MEXICO_LEG = 1 << 6;
export const NEW_COUNTERPARTY = 1 << 7;
export const BORDER_ZIP = 1 << 8;
export const ROUND_AMOUNT = 1 << 9;
export const HAS_LOCATION = 1 << 10;
export const LOCATION_MEXICO = 1 << 11;
/** The transaction was made in US dollars (read with LOCATION_MEXICO for USD cash in Mexico). */
export const USD_CURRENCY = 1 << 12;

// Chunk sizes: from 16 KB up to 256 KB.
const MIN_CHUNK_WORDS = 1 << 12;
const MAX_CHUNK_WORDS = 1 << 16;

/** A region of a pool: words of chunk `chunk` from `base` and id slots from `idBase`, for `capacity` events. */
type Region = { chunk: number; base: number; idBase: number; capacity: number };

/**
 * Storage for the rings and Bloom filters of many subjects: word regions carved from Uint32Array
 * chunks, each chunk with an array of transaction-id slots (one per event). A ring that grows moves
 * to a new region; its old one goes on a free list and serves the next ring of that capacity. As
 * a population ages, rings leave the small capacities for good and free regions pile up there;
 * once they are more than an eighth of what the pool holds, `compact` slides every live ring down
 * over them.
 */
export class RingPool {
  chunks: Uint32Array[] = [];
  idChunks: string[][] = [];
  #usedWords = 0;
  #usedIds = 0;
  #heldWords = 0;
  #heldIds = 0;
  #deadWords = 0;
  /** Free regions by capacity, as (chunk, base, idBase) triples. */
  #free = new Map<number, number[]>();

  /** A zeroed region for `capacity` events. */
  allocate(capacity: number): Region {
    const words = BLOOM_WORDS + capacity * WORDS_PER_EVENT;
    const free = this.#free.get(capacity);
    if (free !== undefined && free.length > 0) {
      const idBase = free.pop()!;
      const base = free.pop()!;
      const chunk = free.pop()!;
      this.#deadWords -= words;
      this.chunks[chunk]!.fill(0, base, base + words);
      return { chunk, base, idBase, capacity };
    }
    const last = this.chunks.length - 1;
    if (last < 0 || this.#usedWords + words > this.chunks[last]!.length || this.#usedIds + capacity > this.idChunks[last]!.length) {
      // Chunks grow with the pool, so a small engine holds little unused space and a large one few chunks.
      const size = Math.max(words, Math.min(MAX_CHUNK_WORDS, Math.max(MIN_CHUNK_WORDS, this.#heldWords >> 2)));
      // A region has at least one event per 21 words (16 Bloom words + 5 per event): a fifth is ample for ids.
      const idSlots = Math.ceil(size / WORDS_PER_EVENT);
      this.chunks.push(new Uint32Array(size));
      this.idChunks.push(new Array<string>(idSlots).fill(''));
      this.#heldWords += size;
      this.#heldIds += idSlots;
      this.#usedWords = 0;
      this.#usedIds = 0;
    }
    const region = { chunk: this.chunks.length - 1, base: this.#usedWords, idBase: this.#usedIds, capacity };
    this.#usedWords += words;
    this.#usedIds += capacity;
    return region;
  }

  /** Takes back the region of a ring of `capacity` events that moved (its ids are dropped at once). */
  release(chunk: number, base: number, idBase: number, capacity: number): void {
    this.idChunks[chunk]!.fill('', idBase, idBase + capacity);
    let free = this.#free.get(capacity);
    if (free === undefined) this.#free.set(capacity, (free = []));
    free.push(chunk, base, idBase);
    this.#deadWords += BLOOM_WORDS + capacity * WORDS_PER_EVENT;
  }

  /** True once free regions are more than an eighth of the pool. */
  get wantsCompaction(): boolean {
    return this.#deadWords * 8 > this.#heldWords;
  }

  /**
   * Slides the rings of `states` (every state of this pool) down over the free space, in address
   * order, within the chunks the pool already has, and drops the chunks left empty. Nothing is
   * allocated: fresh chunks would be off-heap memory, and growing that by tens of megabytes at once
   * makes V8 run a full garbage collection over the whole heap.
   */
  compact(states: readonly SubjectState[]): void {
    const byAddress = [...states].sort((a, b) => a.chunk - b.chunk || a.base - b.base);
    let chunk = 0;
    let usedWords = 0;
    let usedIds = 0;
    for (const state of byAddress) {
      const words = BLOOM_WORDS + state.capacity * WORDS_PER_EVENT;
      if (usedWords + words > this.chunks[chunk]!.length || usedIds + state.capacity > this.idChunks[chunk]!.length) {
        this.idChunks[chunk]!.fill('', usedIds);
        chunk++;
        usedWords = 0;
        usedIds = 0;
      }
      // Packing the same regions in the same order into the same chunks never puts one after where it was.
      state.moveTo(chunk, usedWords, usedIds);
      usedWords += words;
      usedIds += state.capacity;
    }
    if (this.chunks.length > 0) this.idChunks[chunk]!.fill('', usedIds);
    this.chunks.length = Math.min(this.chunks.length, chunk + 1);
    this.idChunks.length = this.chunks.length;
    this.#heldWords = 0;
    this.#heldIds = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      this.#heldWords += this.chunks[c]!.length;
      this.#heldIds += this.idChunks[c]!.length;
    }
    this.#usedWords = usedWords;
    this.#usedIds = usedIds;
    this.#deadWords = 0;
    this.#free = new Map();
  }

  /** Bytes of all chunks (words at 4 bytes, id slots at 8), live or dead. */
  get heldBytes(): number {
    return this.#heldWords * 4 + this.#heldIds * 8;
  }
}

export class SubjectState {
  /** The pool chunk holding this subject's words, from `base`: Bloom filter, then the ring. */
  data: Uint32Array;
  base: number;
  /** The chunk's id slots; this ring's are `idBase` to `idBase + capacity`. */
  ids: string[];
  idBase: number;
  /** Index of the chunk in the pool. */
  chunk: number;
  /** Slot of the oldest event. */
  head = 0;
  count = 0;
  capacity: number;
  firstTime = -1;
  lastTime = -1;
  /** Time of the event before the latest one (-1 when none). */
  previousTime = -1;

  constructor(
    readonly pool: RingPool,
    readonly key: string,
    readonly node: number,
    public country: string,
    capacity = 4,
  ) {
    this.capacity = capacity;
    const region = pool.allocate(capacity);
    this.chunk = region.chunk;
    this.data = pool.chunks[region.chunk]!;
    this.base = region.base;
    this.ids = pool.idChunks[region.chunk]!;
    this.idBase = region.idBase;
  }

  /** Word offset (in `data`) of the k-th most recent event (k = 0 is the newest). */
  offsetOfRecent(k: number): number {
    return this.base + BLOOM_WORDS + this.slotOfRecent(k) * WORDS_PER_EVENT;
  }
  slotOfRecent(k: number): number {
    // head < capacity and k < count ≤ capacity, so one subtraction wraps it (cheaper than %, on every feature loop).
    const slot = this.head + this.count - 1 - k;
    return slot >= this.capacity ? slot - this.capacity : slot;
  }
  /** Transaction id of the k-th most recent event. */
  idOfRecent(k: number): string {
    return this.ids[this.idBase + this.slotOfRecent(k)]!;
  }
  /** Transaction id of the event at a word offset given by offsetOfRecent. */
  idAtOffset(offset: number): string {
    return this.ids[this.idBase + (offset - this.base - BLOOM_WORDS) / WORDS_PER_EVENT]!;
  }

  knows(counterparty: number): boolean {
    const a = Math.imul(counterparty, 0x9e3779b1) >>> 23;
    const b = Math.imul(counterparty ^ 0x5bd1e995, 0x85ebca6b) >>> 23;
    const base = this.base;
    return (this.data[base + (a >>> 5)]! & (1 << (a & 31))) !== 0 && (this.data[base + (b >>> 5)]! & (1 << (b & 31))) !== 0;
  }
  remember(counterparty: number): void {
    const a = Math.imul(counterparty, 0x9e3779b1) >>> 23;
    const b = Math.imul(counterparty ^ 0x5bd1e995, 0x85ebca6b) >>> 23;
    const base = this.base;
    this.data[base + (a >>> 5)]! |= 1 << (a & 31);
    this.data[base + (b >>> 5)]! |= 1 << (b & 31);
  }

  /** The Bloom filter words (a view, for checkpoints). */
  bloom(): Uint32Array {
    return this.data.subarray(this.base, this.base + BLOOM_WORDS);
  }

  /** Appends an event; `maxCapacity` caps growth, `horizonSeconds` is how long events matter. */
  push(
    time: number,
    amountCents: number,
    counterparty: number,
    flags: number,
    stateCode: number,
    postalHash: number,
    branchHash: number,
    id: string,
    maxCapacity: number,
    horizonSeconds: number,
  ): void {
    if (this.count === this.capacity) {
      const oldest = this.data[this.base + BLOOM_WORDS + this.head * WORDS_PER_EVENT + TIME]!;
      if (this.capacity < maxCapacity && time - oldest < horizonSeconds) this.grow(Math.min(maxCapacity, Math.ceil(this.capacity * 1.5)));
      else {
        this.head = (this.head + 1) % this.capacity;
        this.count--;
      }
    }
    const slot = (this.head + this.count) % this.capacity;
    const offset = this.base + BLOOM_WORDS + slot * WORDS_PER_EVENT;
    const data = this.data;
    data[offset + TIME] = time;
    data[offset + AMOUNT] = amountCents > 0xffffffff ? 0xffffffff : amountCents;
    data[offset + COUNTERPARTY] = counterparty;
    data[offset + FLAGS] = (flags & 0xffff) | (stateCode << 16);
    data[offset + PLACE] = (postalHash & 0xffff) | ((branchHash & 0xffff) << 16);
    this.ids[this.idBase + slot] = id;
    this.count++;
    if (this.firstTime < 0) this.firstTime = time;
    this.previousTime = this.lastTime;
    if (time > this.lastTime) this.lastTime = time;
  }

  /** Moves the ring, oldest event first, to a new region of `capacity` events; the old region becomes dead space. */
  grow(capacity: number): void {
    const region = this.pool.allocate(capacity);
    const data = this.pool.chunks[region.chunk]!;
    const ids = this.pool.idChunks[region.chunk]!;
    for (let w = 0; w < BLOOM_WORDS; w++) data[region.base + w] = this.data[this.base + w]!;
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) % this.capacity;
      const source = this.base + BLOOM_WORDS + from * WORDS_PER_EVENT;
      const target = region.base + BLOOM_WORDS + k * WORDS_PER_EVENT;
      for (let w = 0; w < WORDS_PER_EVENT; w++) data[target + w] = this.data[source + w]!;
      ids[region.idBase + k] = this.ids[this.idBase + from]!;
    }
    this.pool.release(this.chunk, this.base, this.idBase, this.capacity);
    this.#use(region);
    this.head = 0;
    this.capacity = capacity;
  }

  /** Moves the ring as it is to a place of the pool at or before its own (see RingPool.compact). */
  moveTo(chunk: number, base: number, idBase: number): void {
    const words = BLOOM_WORDS + this.capacity * WORDS_PER_EVENT;
    const data = this.pool.chunks[chunk]!;
    const ids = this.pool.idChunks[chunk]!;
    // The target is never after the source, so copying forwards is safe when they overlap.
    if (chunk === this.chunk) data.copyWithin(base, this.base, this.base + words);
    else for (let w = 0; w < words; w++) data[base + w] = this.data[this.base + w]!;
    for (let slot = 0; slot < this.capacity; slot++) ids[idBase + slot] = this.ids[this.idBase + slot]!;
    this.#use({ chunk, base, idBase, capacity: this.capacity });
  }

  #use(region: Region): void {
    this.chunk = region.chunk;
    this.data = this.pool.chunks[region.chunk]!;
    this.base = region.base;
    this.ids = this.pool.idChunks[region.chunk]!;
    this.idBase = region.idBase;
  }

  /**
   * Replaces the ring with `count` events given oldest first (a checkpoint's), in a region of
   * `capacity` events, and the Bloom filter with `bloom`.
   */
  load(capacity: number, bloom: Uint32Array, events: Uint32Array, ids: readonly string[]): void {
    const region = this.pool.allocate(capacity);
    this.pool.release(this.chunk, this.base, this.idBase, this.capacity);
    this.#use(region);
    this.data.set(bloom, this.base);
    this.data.set(events, this.base + BLOOM_WORDS);
    for (let k = 0; k < ids.length; k++) this.ids[this.idBase + k] = ids[k]!;
    this.head = 0;
    this.count = ids.length;
    this.capacity = capacity;
  }

  /**
   * Estimated bytes this state holds outside the pool: the ids its ring holds (ids are shared by the
   * two ends of a transaction, so each end is charged half of the string), the key, and the fixed
   * V8 overheads (this object with its 15 fields ≈ 144, registry map
   * entry ≈ 40). Its words and id slots are in RingPool.heldBytes.
   */
  bytes(): number {
    let idBytes = 0;
    for (let k = 0; k < this.count; k++) idBytes += (16 + this.idOfRecent(k).length) / 2;
    return 144 + idBytes + 16 + this.key.length + 40;
  }
}
