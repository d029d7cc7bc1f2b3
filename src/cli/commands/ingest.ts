/**
 * `frontera ingest`: reads a transaction file (CSV, JSON Lines, ISO 20022 pacs.008 / pain.001),
 * reports what was read and quarantined, and can write the valid transactions as JSON Lines.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { INGEST_FORMATS, openTransactionFile, readTransactionBatches, type IngestFormat, type ReadOptions } from '../../ingest/index.ts';

/** Duplicate ids are counted over this many distinct ids; past it the check stops (bounded memory). */
const DUPLICATE_CHECK_LIMIT = 5_000_000;

type IngestCommandOptions = { format?: string; out?: string; quarantine?: string; maxRecordBytes?: string; maxDocumentBytes?: string; localTimeOffset?: string };

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream | undefined): Promise<void> {
  if (stream === undefined) return;
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new ValidationError(`${name} must be a positive whole number`, [{ field: name, reason: `'${value}' is not a positive whole number` }]);
  return number;
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('read and validate a transaction file (CSV, JSON Lines, ISO 20022 pacs.008 / pain.001); print a summary, optionally write the transactions as JSON Lines')
    .argument('<file>', "transaction file (.gz allowed), or '-' for standard input (then --format is required)")
    .option('--format <format>', `input format: ${INGEST_FORMATS.join(', ')} (detected from the file when absent)`)
    .option('--out <file>', 'write the valid transactions here, one JSON object a line')
    .option('--quarantine <file>', 'write the quarantined records here, one JSON object a line')
    .option('--max-record-bytes <n>', 'largest row, line or credit transfer; larger ones are quarantined (default 65536)')
    .option('--max-document-bytes <n>', 'largest input; reading stops past it (default 64 GiB)')
    .option('--local-time-offset <offset>', 'ISO 20022: zone for date-times written without one, e.g. -06:00 or Z')
    .action(async (file: string, options: IngestCommandOptions) => {
      if (options.format !== undefined && !(INGEST_FORMATS as readonly string[]).includes(options.format)) {
        throw new ValidationError(`unknown format '${options.format}'`, [{ field: '--format', reason: `must be one of ${INGEST_FORMATS.join(', ')}` }]);
      }
      if (options.localTimeOffset !== undefined && !/^(Z|[+-]\d{2}:\d{2})$/.test(options.localTimeOffset)) {
        throw new ValidationError('--local-time-offset must be Z or ±hh:mm', [{ field: '--local-time-offset', reason: `'${options.localTimeOffset}' is not Z or ±hh:mm` }]);
      }
      const maxRecordBytes = positiveInteger('--max-record-bytes', options.maxRecordBytes);
      const maxDocumentBytes = positiveInteger('--max-document-bytes', options.maxDocumentBytes);
      const opened = await openTransactionFile(file, options.format as IngestFormat | undefined);
      const readOptions: ReadOptions = {
        format: opened.format,
        sourceName: opened.sourceName,
        ...(maxRecordBytes === undefined ? {} : { maxRecordBytes }),
        ...(maxDocumentBytes === undefined ? {} : { maxDocumentBytes }),
        ...(options.localTimeOffset === undefined ? {} : { localTimeOffset: options.localTimeOffset }),
      };
      const out = options.out === undefined ? undefined : createWriteStream(options.out);
      const quarantine = options.quarantine === undefined ? undefined : createWriteStream(options.quarantine);
      const seen = new Set<string>();
      let transactions = 0;
      let quarantined = 0;
      let duplicateIds = 0;
      const started = process.hrtime.bigint();
      try {
        for await (const batch of readTransactionBatches(opened.stream, readOptions)) {
          let transactionLines = '';
          let quarantineLines = '';
          for (const record of batch) {
            if (record.ok) {
              transactions++;
              const id = record.transaction.id;
              if (seen.has(id)) duplicateIds++;
              else if (seen.size < DUPLICATE_CHECK_LIMIT) seen.add(id);
              if (out !== undefined) transactionLines += `${JSON.stringify(record.transaction)}\n`;
            } else {
              quarantined++;
              if (quarantine !== undefined) quarantineLines += `${JSON.stringify(record.quarantined)}\n`;
            }
          }
          if (out !== undefined && transactionLines !== '') await write(out, transactionLines);
          if (quarantine !== undefined && quarantineLines !== '') await write(quarantine, quarantineLines);
        }
      } finally {
        await close(out);
        await close(quarantine);
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const summary = {
        source: opened.sourceName,
        format: opened.format,
        transactions,
        quarantined,
        duplicateIdsInSource: duplicateIds,
        ...(seen.size >= DUPLICATE_CHECK_LIMIT ? { duplicateCheckStoppedAfterIds: DUPLICATE_CHECK_LIMIT } : {}),
        seconds: Math.round(seconds * 1000) / 1000,
        recordsPerSecond: Math.round((transactions + quarantined) / Math.max(seconds, 1e-9)),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
