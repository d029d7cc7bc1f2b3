/**
 * `frontera scan`: streams a transaction file through the engine and writes alerts as JSON Lines.
 */
import { createWriteStream, readFileSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { RateTableSchema, fieldIssues, type Alert, type QuarantinedRecord, type RateTable } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { createEngine, type EvaluationErrorRecord } from '../../engine/index.ts';
import { INGEST_FORMATS, openTransactionFile, readTransactionBatches, type IngestFormat } from '../../ingest/index.ts';
import { loadBuiltinTypologies, loadTypologyDirectory } from '../../typologies/index.ts';

const MAX_RATES_FILE_BYTES = 1024 * 1024;

/** Reads a rate table file ({ base: "USD", rates: { MXN: 18.5, … } }). */
export function readRateTable(path: string): RateTable {
  if (statSync(path).size > MAX_RATES_FILE_BYTES) throw new ValidationError(`${path} is larger than ${MAX_RATES_FILE_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = RateTableSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError(`${path} is not a rate table`, fieldIssues(parsed.error));
  return parsed.data;
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

type ScanOptions = { format?: string; out: string; typologies?: string; rates?: string; quarantine?: string; errors?: string; progress?: boolean };

export function register(program: Command): void {
  program
    .command('scan')
    .description('monitor a transaction file (CSV, JSON Lines or ISO 20022) with the typologies and write alerts as JSON Lines')
    .argument('<file>', "transaction file, or '-' for standard input (then --format is required)")
    .option('--format <format>', `input format: ${INGEST_FORMATS.join(', ')} (detected from the file when absent)`)
    .requiredOption('--out <file>', 'where to write alerts, one JSON object a line')
    .option('--typologies <dir>', 'load the typology documents of this folder instead of the built-in library')
    .option('--rates <file>', 'exchange-rate table JSON: { "base": "USD", "rates": { "MXN": 18.5 } }')
    .option('--quarantine <file>', 'where to write rejected records (default: <out>.quarantine.jsonl, only when there are any)')
    .option('--errors <file>', 'where to write evaluation errors (default: <out>.errors.jsonl, only when there are any)')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, options: ScanOptions) => {
      if (options.format !== undefined && !(INGEST_FORMATS as readonly string[]).includes(options.format)) {
        throw new ValidationError(`unknown format '${options.format}'`, [{ field: '--format', reason: `must be one of ${INGEST_FORMATS.join(', ')}` }]);
      }
      const typologies = options.typologies ? loadTypologyDirectory(options.typologies) : loadBuiltinTypologies();
      const engineOptions = options.rates ? { typologies, rates: readRateTable(options.rates) } : { typologies };
      const engine = createEngine(engineOptions);
      const opened = await openTransactionFile(file, options.format as IngestFormat | undefined);

      const showProgress = options.progress !== false && process.stderr.isTTY === true && file !== '-';
      const totalBytes = file === '-' ? 0 : statSync(file).size;
      let bytesRead = 0;
      async function* counted(): AsyncGenerator<Buffer | Uint8Array | string> {
        for await (const chunk of opened.stream as AsyncIterable<Buffer | Uint8Array | string>) {
          bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
          yield chunk;
        }
      }
      const bar = showProgress
        ? new cliProgress.SingleBar({ format: 'scan [{bar}] {percentage}% | {transactions} transactions | {alerts} alerts', stream: process.stderr }, cliProgress.Presets.shades_classic)
        : undefined;
      bar?.start(Math.max(1, totalBytes), 0, { transactions: 0, alerts: 0 });

      const alerts = new Map<string, Alert>();
      const quarantined: QuarantinedRecord[] = [];
      const evaluationErrors: EvaluationErrorRecord[] = [];
      let read = 0;
      const started = process.hrtime.bigint();
      let engineNs = 0n;
      for await (const batch of readTransactionBatches(counted(), { format: opened.format, sourceName: opened.sourceName })) {
        const batchStart = process.hrtime.bigint();
        for (const record of batch) {
          read++;
          if (!record.ok) {
            quarantined.push(record.quarantined);
            continue;
          }
          const result = engine.process(record.transaction);
          if (result.status === 'rejected') {
            quarantined.push({ source: opened.sourceName, location: record.location, issues: result.issues, raw: JSON.stringify(record.transaction) });
          }
          for (const alert of result.alerts) alerts.set(alert.id, alert);
          for (const update of result.updates) alerts.get(update.alertId)?.transactionIds.push(...update.transactionIds);
          evaluationErrors.push(...result.errors);
        }
        engineNs += process.hrtime.bigint() - batchStart;
        bar?.update(Math.min(bytesRead, totalBytes), { transactions: read, alerts: alerts.size });
      }
      bar?.stop();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;

      const out = createWriteStream(options.out);
      for (const alert of alerts.values()) await write(out, `${JSON.stringify(alert)}\n`);
      await close(out);
      if (quarantined.length > 0) {
        const stream = createWriteStream(options.quarantine ?? `${options.out}.quarantine.jsonl`);
        for (const record of quarantined) await write(stream, `${JSON.stringify(record)}\n`);
        await close(stream);
      }
      if (evaluationErrors.length > 0) {
        const stream = createWriteStream(options.errors ?? `${options.out}.errors.jsonl`);
        for (const record of evaluationErrors) await write(stream, `${JSON.stringify(record)}\n`);
        await close(stream);
      }

      const stats = engine.stats();
      const byTypology = Object.entries(stats.alertsByTypology).sort(([a], [b]) => a.localeCompare(b));
      const lines = [
        `transactions read:        ${read}`,
        `  evaluated:              ${stats.evaluated}`,
        `  duplicates (skipped):   ${stats.duplicates}`,
        `  quarantined:            ${quarantined.length}${quarantined.length > 0 ? ` → ${options.quarantine ?? `${options.out}.quarantine.jsonl`}` : ''}`,
        `alerts:                   ${alerts.size} → ${options.out}`,
        ...byTypology.map(([id, count]) => `  ${id.padEnd(24)}${count}`),
        `evaluation errors:        ${stats.evaluationErrors}${stats.evaluationErrors > 0 ? ` → ${options.errors ?? `${options.out}.errors.jsonl`}` : ''}`,
        `subjects in memory:       ${stats.subjects} (≈ ${stats.bytesPerSubject} bytes each)`,
        `throughput:               ${Math.round(read / Math.max(seconds, 1e-9))} transactions/s overall, ${Math.round(stats.evaluated / Math.max(Number(engineNs) / 1e9, 1e-9))} transactions/s in the engine`,
      ];
      process.stderr.write(`${lines.join('\n')}\n`);
    });
}
