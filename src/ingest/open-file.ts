import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../errors.ts';
import { detectFormat } from './detect-format.ts';
import type { IngestFormat } from './types.ts';

export type OpenedTransactionFile = {
  /** The bytes, decompressed when the file is gzip; `destroy()` it if it is not read to the end. */
  stream: Readable;
  format: IngestFormat;
  /** The name to put in quarantined records: the file's base name, or `stdin`. */
  sourceName: string;
};

const GZIP_MAGIC = [0x1f, 0x8b];
const SNIFF_BYTES = 512;

/**
 * Opens a transaction file (or `-` for standard input) for `readTransactions`: detects the format
 * when not given and decompresses `.gz` files (the document limit then counts decompressed bytes).
 * @example
 * const file = await openTransactionFile('wires.xml');
 * for await (const record of readTransactions(file.stream, { format: file.format, sourceName: file.sourceName })) …
 */
export async function openTransactionFile(path: string, format?: IngestFormat): Promise<OpenedTransactionFile> {
  if (path === '-') {
    if (format === undefined) throw new ValidationError('reading standard input needs an explicit format (csv, jsonl or iso20022)', [{ field: 'format', reason: 'is required for standard input' }]);
    return { stream: process.stdin, format, sourceName: 'stdin' };
  }
  const head = Buffer.alloc(SNIFF_BYTES);
  // One open: the handle that was sniffed is the one streamed (and closed when the stream ends).
  const handle = await open(path, 'r');
  let length: number;
  try {
    ({ bytesRead: length } = await handle.read(head, 0, SNIFF_BYTES, 0));
  } catch (error) {
    await handle.close();
    throw error;
  }
  const gzip = length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const raw = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) stream.once('close', () => raw.destroy());
  // The format of a compressed file is known from its name only (`.csv.gz`) or given.
  const detected = format ?? detectFormat(path, gzip ? Buffer.alloc(0) : head.subarray(0, length));
  return { stream, format: detected, sourceName: basename(path) };
}
