/**
 * Finds CSV record boundaries (newlines outside double quotes, RFC 4180) in a byte stream so
 * that a record larger than the limit can be cut out before the CSV parser buffers it. What it
 * passes on is the input with each oversized record replaced by as many empty lines as it
 * spanned, so the parser's line numbers stay those of the file.
 */
export type OversizedRecord = { line: number; bytes: number; head: string };

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export class CsvRecordSplitter {
  readonly #maxRecordBytes: number;
  readonly #headBytes: number;
  #inQuotes = false;
  /** Line number (1-based) where the current record starts, and the line being read. */
  #recordStartLine = 1;
  #line = 1;
  /** Bytes of the current record held back until its end is seen. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #oversized: { head: Buffer; bytes: number } | undefined;

  constructor(maxRecordBytes: number, headBytes: number) {
    this.#maxRecordBytes = maxRecordBytes;
    this.#headBytes = headBytes;
  }

  /**
   * Takes the next chunk; returns the bytes that may go to the parser now and the oversized
   * records that ended in this chunk.
   */
  push(chunk: Buffer): { pass: Buffer; oversized: OversizedRecord[] } {
    const oversized: OversizedRecord[] = [];
    const pass: Buffer[] = [];
    const max = this.#maxRecordBytes;
    let inQuotes = this.#inQuotes;
    let line = this.#line;
    // Complete records from runStart up to recordStart are passed on as one slice.
    let runStart = 0;
    let recordStart = 0;
    let open = this.#oversized === undefined ? this.#pendingBytes : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) {
        inQuotes = !inQuotes;
      } else if (byte === NEWLINE) {
        line++;
        if (!inQuotes) {
          const end = i + 1;
          if (this.#oversized !== undefined) {
            this.#hold(chunk.subarray(recordStart, end));
            this.#line = line;
            this.#finishOversized(pass, oversized);
            runStart = end;
          } else if (this.#pendingBytes > 0) {
            pass.push(...this.#pending, chunk.subarray(recordStart, end));
            this.#pending = [];
            this.#pendingBytes = 0;
            runStart = end;
          }
          recordStart = end;
          this.#recordStartLine = line;
          open = 0;
          continue;
        }
      }
      if (open >= 0 && open + i + 1 - recordStart > max) {
        if (recordStart > runStart) pass.push(chunk.subarray(runStart, recordStart));
        this.#hold(chunk.subarray(recordStart, i + 1));
        this.#becomeOversized();
        runStart = recordStart = i + 1;
        open = -1;
      }
    }
    this.#inQuotes = inQuotes;
    this.#line = line;
    if (recordStart > runStart) pass.push(chunk.subarray(runStart, recordStart));
    if (recordStart < chunk.length) this.#hold(chunk.subarray(recordStart));
    return { pass: pass.length === 1 ? pass[0]! : Buffer.concat(pass), oversized };
  }

  /** At the end of input: the unterminated last record, if any. */
  end(): { pass: Buffer; oversized: OversizedRecord[] } {
    const oversized: OversizedRecord[] = [];
    const pass: Buffer[] = [];
    if (this.#oversized !== undefined) this.#finishOversized(pass, oversized);
    else if (this.#pendingBytes > 0) pass.push(...this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    return { pass: Buffer.concat(pass), oversized };
  }

  #hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#oversized !== undefined) {
      if (this.#oversized.head.length < this.#headBytes) {
        this.#oversized.head = Buffer.concat([this.#oversized.head, bytes.subarray(0, this.#headBytes - this.#oversized.head.length)]);
      }
      this.#oversized.bytes += bytes.length;
      return;
    }
    // Copied: the caller's chunk may be reused once it has been handed over.
    this.#pending.push(Buffer.from(bytes));
    this.#pendingBytes += bytes.length;
  }

  #becomeOversized(): void {
    const held = Buffer.concat(this.#pending);
    this.#oversized = { head: held.subarray(0, this.#headBytes), bytes: held.length };
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  #finishOversized(pass: Buffer[], oversized: OversizedRecord[]): void {
    const record = this.#oversized!;
    oversized.push({ line: this.#recordStartLine, bytes: record.bytes, head: record.head.toString('utf8') });
    // Empty lines keep the parser's line count aligned with the file.
    const lines = this.#line - this.#recordStartLine;
    if (lines > 0) pass.push(Buffer.from('\n'.repeat(lines)));
    this.#oversized = undefined;
    this.#inQuotes = false;
  }
}
