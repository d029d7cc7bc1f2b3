import { TransactionSchema } from '../domain/index.ts';
import type { FieldIssue } from '../errors.ts';
import { resolveLimits, truncateRaw, type IngestRecord, type ReadOptions } from './types.ts';

const NEWLINE = 0x0a;
const BATCH_BYTES = 64 * 1024;

/**
 * Reads JSON Lines: one transaction per line in the shape of TransactionSchema. A line that is
 * not JSON, does not fit the schema or is longer than `maxRecordBytes` is quarantined with its
 * line number; the others go on. Lines are never held beyond the limit.
 * @example for await (const batch of readJsonLinesBatches(fs.createReadStream('tx.jsonl'), { format: 'jsonl', sourceName: 'tx.jsonl' })) …
 */
export async function* readJsonLinesBatches(input: AsyncIterable<Buffer | Uint8Array | string>, options: ReadOptions): AsyncGenerator<IngestRecord[]> {
  const { maxRecordBytes, maxRawChars } = resolveLimits(options);
  const source = options.sourceName;
  let out: IngestRecord[] = [];
  let line = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Set while skipping the rest of a line that is already too long: its size and first bytes. */
  let oversized: { bytes: number; head: string } | undefined;

  const quarantine = (issues: FieldIssue[], raw: string) => {
    out.push({ ok: false, quarantined: { source, location: `line ${line}`, issues, raw: truncateRaw(raw, maxRawChars) } });
  };
  const handleLine = (bytes: Buffer) => {
    line++;
    let text = bytes.toString('utf8');
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      quarantine([{ field: 'line', reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }], text);
      return;
    }
    const parsed = TransactionSchema.safeParse(value);
    if (parsed.success) {
      out.push({ ok: true, transaction: parsed.data, location: `line ${line}` });
      return;
    }
    quarantine(
      parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
        reason: /received undefined/.test(issue.message) ? 'is required' : issue.message,
      })),
      text,
    );
  };
  const endOversized = () => {
    line++;
    quarantine([{ field: 'line', reason: `line is ${oversized!.bytes} bytes, longer than the limit of ${maxRecordBytes}` }], oversized!.head);
    oversized = undefined;
  };
  const consume = (chunk: Buffer) => {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline < 0 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      if (oversized !== undefined) {
        oversized.bytes += piece.length;
      } else if (pendingBytes + piece.length > maxRecordBytes) {
        const head = Buffer.concat([...pending, piece.subarray(0, maxRawChars)]).toString('utf8').slice(0, maxRawChars);
        oversized = { bytes: pendingBytes + piece.length, head };
        pending = [];
        pendingBytes = 0;
      } else if (newline >= 0) {
        handleLine(pendingBytes === 0 ? piece : Buffer.concat([...pending, piece]));
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(Buffer.from(piece));
        pendingBytes += piece.length;
      }
      if (newline < 0) break;
      if (oversized !== undefined) endOversized();
      start = newline + 1;
    }
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Small batches die young in the garbage collector (see csv-reader.ts).
    for (let start = 0; start < bytes.length; start += BATCH_BYTES) {
      consume(bytes.subarray(start, start + BATCH_BYTES));
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
  }
  if (oversized !== undefined) endOversized();
  else if (pendingBytes > 0) handleLine(Buffer.concat(pending));
  if (out.length > 0) yield out;
}
