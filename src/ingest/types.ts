import type { QuarantinedRecord, Transaction } from '../domain/index.ts';

export const INGEST_FORMATS = ['csv', 'jsonl', 'iso20022'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** One record read from a source: a valid transaction with where it was, or a quarantined record. */
export type IngestRecord =
  | { ok: true; transaction: Transaction; location: string }
  | { ok: false; quarantined: QuarantinedRecord };

/** Bytes or text, in chunks of any size: a file stream, stdin, an HTTP upload, an array in a test. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string> | NodeJS.ReadableStream;

export type ReadOptions = {
  format: IngestFormat;
  /** Name of the source (file name, upload id) written into every quarantined record. */
  sourceName: string;
  /** Largest CSV row, JSON line or ISO 20022 credit transfer (characters for XML); larger ones are quarantined. */
  maxRecordBytes?: number;
  /** Largest input as a whole; reading stops with a ValidationError past it. */
  maxDocumentBytes?: number;
  /** Longest `raw` text kept in a quarantined record. */
  maxRawChars?: number;
  /**
   * ISO 20022 only: zone offset (`Z`, `-06:00`) for date-times written without a zone (common in
   * pain.001). Without it such a date-time is not guessed: the settlement or execution date is
   * used, or the transaction is quarantined.
   */
  localTimeOffset?: string;
};

/** 64 KiB: far above any real transaction row, line or CdtTrfTxInf (a few KiB at most). */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
/** 64 GiB: reading is streaming, so this bounds time spent, not memory. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 ** 3;
export const DEFAULT_MAX_RAW_CHARS = 2_000;

export type ResolvedLimits = { maxRecordBytes: number; maxDocumentBytes: number; maxRawChars: number };

export function resolveLimits(options: ReadOptions): ResolvedLimits {
  return {
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
    maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    maxRawChars: options.maxRawChars ?? DEFAULT_MAX_RAW_CHARS,
  };
}

/** Cuts raw text for a quarantined record, marking the cut. */
export function truncateRaw(raw: string, maxRawChars: number): string {
  return raw.length <= maxRawChars ? raw : `${raw.slice(0, maxRawChars)}…[truncated, ${raw.length} characters]`;
}
