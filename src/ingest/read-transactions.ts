import { ValidationError } from '../errors.ts';
import { readCsvBatches } from './csv-reader.ts';
import { readIso20022Batches } from './iso20022-reader.ts';
import { readJsonLinesBatches } from './jsonl-reader.ts';
import { resolveLimits, type ByteSource, type IngestRecord, type ReadOptions } from './types.ts';

/** Passes chunks through, ending reading with a ValidationError once the document limit is passed. */
async function* limitDocument(input: ByteSource, options: ReadOptions): AsyncGenerator<Buffer | Uint8Array | string> {
  const { maxDocumentBytes } = resolveLimits(options);
  let bytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > maxDocumentBytes) {
      const reason = `input is larger than the limit of ${maxDocumentBytes} bytes`;
      throw new ValidationError(`${options.sourceName}: ${reason}`, [{ field: 'document', reason }], { source: options.sourceName });
    }
    yield chunk;
  }
}

/**
 * Reads a transaction file of any size in bounded memory and yields records in batches (one
 * batch per input chunk or so): the fast path for the engine and the store.
 * @example
 * for await (const batch of readTransactionBatches(stream, { format: 'csv', sourceName: 'tx.csv' }))
 *   for (const record of batch) if (record.ok) engine.process(record.transaction);
 */
export function readTransactionBatches(input: ByteSource, options: ReadOptions): AsyncGenerator<IngestRecord[]> {
  const chunks = limitDocument(input, options);
  switch (options.format) {
    case 'csv':
      return readCsvBatches(chunks, options);
    case 'jsonl':
      return readJsonLinesBatches(chunks, options);
    case 'iso20022':
      return readIso20022Batches(chunks, options);
  }
}

/**
 * Reads a transaction file of any size in bounded memory, one record at a time: a valid
 * `Transaction` with its location (line number or XML element path), or a quarantined record
 * with every field problem. Problems of the whole input (a missing CSV column, malformed XML,
 * a DOCTYPE, the document limit) end reading with a ValidationError.
 * @example
 * for await (const record of readTransactions(fs.createReadStream('tx.csv'), { format: 'csv', sourceName: 'tx.csv' })) {
 *   if (record.ok) console.log(record.transaction.id); else console.log(record.quarantined.issues);
 * }
 */
export async function* readTransactions(input: ByteSource, options: ReadOptions): AsyncGenerator<IngestRecord> {
  for await (const batch of readTransactionBatches(input, options)) yield* batch;
}
