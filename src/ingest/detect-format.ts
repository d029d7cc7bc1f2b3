import type { IngestFormat } from './types.ts';

/**
 * Guesses the format of a transaction file from its name, then from its first bytes:
 * `.xml` or a leading `<` → iso20022, `.jsonl`/`.ndjson` or a leading `{` → jsonl, else csv.
 * A trailing `.gz` is ignored (the file opener decompresses it).
 * @example detectFormat('wires.xml', Buffer.alloc(0)) === 'iso20022'
 */
export function detectFormat(fileName: string, firstBytes: Buffer | Uint8Array | string): IngestFormat {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.xml')) return 'iso20022';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  const text = typeof firstBytes === 'string' ? firstBytes : Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength).toString('utf8');
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'iso20022';
  if (start.startsWith('{')) return 'jsonl';
  return 'csv';
}
