/**
 * Splits a CSV byte stream into records (RFC 4180: a record ends at a line feed outside double
 * quotes; CRLF or LF) without holding more than one record, and cuts out any record larger than
 * the limit before anything buffers it. Records without a quote — nearly all of them — are found
 * with native `indexOf` scans; a record with quotes is scanned byte by byte for its quote state.
 */
export type OversizedRecord = { line: number; bytes: number; head: string };
/**
 * Receives each record as `bytes[start, end)` (line ending included), the 1-based line it starts
 * on and whether it contains a double quote (then it needs a full CSV parse). Positional
 * arguments, not an object: this runs for every row of multi-million-row files.
 */
export type RecordSink = {
  record(bytes: Buffer, start: number, end: number, line: number, quoted: boolean): void;
  oversized(record: OversizedRecord): void;
};

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export class CsvRecordSplitter {
  readonly #maxRecordBytes: number;
  readonly #headBytes: number;
  #line = 1;
  // State of a record that continues past the end of a chunk.
  #open = false;
  #inQuotes = false;
  #quoted = false;
  #startLine = 1;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #oversized: { head: Buffer; bytes: number } | undefined;

  constructor(maxRecordBytes: number, headBytes: number) {
    this.#maxRecordBytes = maxRecordBytes;
    this.#headBytes = headBytes;
  }

  /** Hands every record that ends in this chunk to the sink, in file order. */
  push(chunk: Buffer, sink: RecordSink): void {
    const max = this.#maxRecordBytes;
    let position = 0;
    let nextQuote = -2;
    while (position < chunk.length) {
      if (!this.#open) {
        const newline = chunk.indexOf(NEWLINE, position);
        if (nextQuote !== -1 && nextQuote < position) nextQuote = chunk.indexOf(QUOTE, position);
        const end = newline < 0 ? chunk.length : newline + 1;
        if ((nextQuote === -1 || nextQuote >= end) && newline >= 0) {
          if (end - position > max) sink.oversized({ line: this.#line, bytes: end - position, head: chunk.toString('utf8', position, Math.min(end, position + this.#headBytes)) });
          else sink.record(chunk, position, end, this.#line, false);
          this.#line++;
          position = end;
          continue;
        }
        this.#open = true;
        this.#inQuotes = false;
        this.#quoted = false;
        this.#startLine = this.#line;
      }
      position = this.#scanOpen(chunk, position, sink);
      nextQuote = -2;
    }
  }

  /** At the end of input: the last record when it has no line ending. */
  end(sink: RecordSink): void {
    if (!this.#open) return;
    if (this.#oversized !== undefined) {
      sink.oversized({ line: this.#startLine, bytes: this.#oversized.bytes, head: this.#oversized.head.toString('utf8') });
    } else if (this.#pendingBytes > 0) {
      const bytes = Buffer.concat(this.#pending);
      sink.record(bytes, 0, bytes.length, this.#startLine, this.#quoted);
    }
    this.#reset();
  }

  /** Scans an open record byte by byte from `start`; returns where the next record begins. */
  #scanOpen(chunk: Buffer, start: number, sink: RecordSink): number {
    let inQuotes = this.#inQuotes;
    let quoted = this.#quoted;
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) {
        inQuotes = !inQuotes;
        quoted = true;
      } else if (byte === NEWLINE) {
        this.#line++;
        if (!inQuotes) {
          this.#quoted = quoted;
          this.#take(chunk.subarray(start, i + 1));
          if (this.#oversized !== undefined) {
            sink.oversized({ line: this.#startLine, bytes: this.#oversized.bytes, head: this.#oversized.head.toString('utf8') });
          } else {
            const bytes = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
            sink.record(bytes, 0, bytes.length, this.#startLine, quoted);
          }
          this.#reset();
          return i + 1;
        }
      }
    }
    this.#inQuotes = inQuotes;
    this.#quoted = quoted;
    // Copied: the caller may reuse its chunk once this call returns.
    this.#take(Buffer.from(chunk.subarray(start)));
    return chunk.length;
  }

  #take(bytes: Buffer): void {
    if (this.#oversized === undefined && this.#pendingBytes + bytes.length > this.#maxRecordBytes) {
      const held = Buffer.concat([...this.#pending, bytes.subarray(0, this.#headBytes)]);
      this.#oversized = { head: Buffer.from(held.subarray(0, this.#headBytes)), bytes: this.#pendingBytes };
      this.#pending = [];
      this.#pendingBytes = 0;
    }
    if (this.#oversized !== undefined) {
      this.#oversized.bytes += bytes.length;
      return;
    }
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
  }

  #reset(): void {
    this.#open = false;
    this.#inQuotes = false;
    this.#quoted = false;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#oversized = undefined;
  }
}
