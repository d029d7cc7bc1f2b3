/**
 * Per-subject state: a ring buffer of the subject's recent transactions packed in one Uint32Array
 * (5 words an event) plus a 512-bit Bloom filter of every counterparty ever seen (to tell new from
 * known counterparties beyond the ring). The ring grows by half from 4 events up to a cap, so quiet
 * accounts stay small; when full, the oldest event is overwritten.
 */

export const WORDS_PER_EVENT = 5;
const BLOOM_WORDS = 16;

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


export class SubjectState {
  data: Uint32Array;
  ids: string[];
  /** Slot of the oldest event. */
  head = 0;
  count = 0;
  capacity: number;
  firstTime = -1;
  lastTime = -1;
  /** Time of the event before the latest one (-1 when none). */
  previousTime = -1;

  constructor(
    readonly key: string,
    readonly node: number,
    public country: string,
    capacity = 4,
  ) {
    this.capacity = capacity;
    this.data = new Uint32Array(BLOOM_WORDS + capacity * WORDS_PER_EVENT);
    this.ids = new Array<string>(capacity);
  }

  /** Word offset of the k-th most recent event (k = 0 is the newest). */
  offsetOfRecent(k: number): number {
    return BLOOM_WORDS + ((this.head + this.count - 1 - k) % this.capacity) * WORDS_PER_EVENT;
  }
  slotOfRecent(k: number): number {
    return (this.head + this.count - 1 - k) % this.capacity;
  }

  knows(counterparty: number): boolean {
    const a = Math.imul(counterparty, 0x9e3779b1) >>> 23;
    const b = Math.imul(counterparty ^ 0x5bd1e995, 0x85ebca6b) >>> 23;
    return (this.data[a >>> 5]! & (1 << (a & 31))) !== 0 && (this.data[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
  remember(counterparty: number): void {
    const a = Math.imul(counterparty, 0x9e3779b1) >>> 23;
    const b = Math.imul(counterparty ^ 0x5bd1e995, 0x85ebca6b) >>> 23;
    this.data[a >>> 5]! |= 1 << (a & 31);
    this.data[b >>> 5]! |= 1 << (b & 31);
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
      const oldest = this.data[BLOOM_WORDS + this.head * WORDS_PER_EVENT + TIME]!;
      if (this.capacity < maxCapacity && time - oldest < horizonSeconds) this.grow(Math.min(maxCapacity, Math.ceil(this.capacity * 1.5)));
      else {
        this.head = (this.head + 1) % this.capacity;
        this.count--;
      }
    }
    const slot = (this.head + this.count) % this.capacity;
    const offset = BLOOM_WORDS + slot * WORDS_PER_EVENT;
    const data = this.data;
    data[offset + TIME] = time;
    data[offset + AMOUNT] = amountCents > 0xffffffff ? 0xffffffff : amountCents;
    data[offset + COUNTERPARTY] = counterparty;
    data[offset + FLAGS] = (flags & 0xffff) | (stateCode << 16);
    data[offset + PLACE] = (postalHash & 0xffff) | ((branchHash & 0xffff) << 16);
    this.ids[slot] = id;
    this.count++;
    if (this.firstTime < 0) this.firstTime = time;
    this.previousTime = this.lastTime;
    if (time > this.lastTime) this.lastTime = time;
  }

  grow(capacity: number): void {
    const data = new Uint32Array(BLOOM_WORDS + capacity * WORDS_PER_EVENT);
    data.set(this.data.subarray(0, BLOOM_WORDS));
    const ids = new Array<string>(capacity);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) % this.capacity;
      data.set(this.data.subarray(BLOOM_WORDS + from * WORDS_PER_EVENT, BLOOM_WORDS + (from + 1) * WORDS_PER_EVENT), BLOOM_WORDS + k * WORDS_PER_EVENT);
      ids[k] = this.ids[from]!;
    }
    this.data = data;
    this.ids = ids;
    this.head = 0;
    this.capacity = capacity;
  }

  /**
   * Estimated bytes this state holds: the typed array, the id references (ids are shared by the
   * two ends of a transaction, so each end is charged half of the string), the key and the fixed
   * V8 object overheads (object ≈ 96, typed array + buffer ≈ 120, array ≈ 32, map entry ≈ 40).
   */
  bytes(): number {
    let idBytes = 0;
    for (let k = 0; k < this.count; k++) idBytes += (16 + this.ids[this.slotOfRecent(k)]!.length) / 2;
    return 96 + 120 + this.data.byteLength + 32 + this.capacity * 8 + idBytes + 16 + this.key.length + 40;
  }
}
