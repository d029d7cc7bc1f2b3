/** A small little-endian binary writer/reader for engine checkpoints. */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class BinaryWriter {
  #buffer = new Uint8Array(1 << 16);
  #view = new DataView(this.#buffer.buffer);
  #length = 0;

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + bytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = next;
    this.#view = new DataView(next.buffer);
  }
  u32(value: number): void {
    this.#reserve(4);
    this.#view.setUint32(this.#length, value, true);
    this.#length += 4;
  }
  f64(value: number): void {
    this.#reserve(8);
    this.#view.setFloat64(this.#length, value, true);
    this.#length += 8;
  }
  string(value: string): void {
    this.#reserve(4 + value.length * 3);
    const { written } = encoder.encodeInto(value, this.#buffer.subarray(this.#length + 4));
    this.#view.setUint32(this.#length, written, true);
    this.#length += 4 + written;
  }
  u32Array(values: Uint32Array): void {
    this.u32(values.length);
    this.#reserve(values.length * 4);
    for (let i = 0; i < values.length; i++) this.#view.setUint32(this.#length + i * 4, values[i]!, true);
    this.#length += values.length * 4;
  }
  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }
}

export class CorruptCheckpointError extends Error {
  constructor(reason: string) {
    super(`checkpoint is corrupt: ${reason}`);
    this.name = 'CorruptCheckpointError';
  }
}

export class BinaryReader {
  #view: DataView;
  #offset = 0;
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #need(bytes: number): void {
    if (this.#offset + bytes > this.bytes.length) throw new CorruptCheckpointError(`truncated at byte ${this.#offset}`);
  }
  u32(): number {
    this.#need(4);
    const value = this.#view.getUint32(this.#offset, true);
    this.#offset += 4;
    return value;
  }
  f64(): number {
    this.#need(8);
    const value = this.#view.getFloat64(this.#offset, true);
    this.#offset += 8;
    return value;
  }
  string(): string {
    const length = this.u32();
    this.#need(length);
    const value = decoder.decode(this.bytes.subarray(this.#offset, this.#offset + length));
    this.#offset += length;
    return value;
  }
  u32Array(): Uint32Array {
    const length = this.u32();
    this.#need(length * 4);
    const values = new Uint32Array(length);
    for (let i = 0; i < length; i++) values[i] = this.#view.getUint32(this.#offset + i * 4, true);
    this.#offset += length * 4;
    return values;
  }
  get done(): boolean {
    return this.#offset === this.bytes.length;
  }
}
