/**
 * `frontera publish`: the scale-out producer. Reads a transaction file and publishes every valid
 * transaction to the NATS JetStream subjects of the engine partitions it touches.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { connectNatsBus } from '../../bus/index.ts';
import { loadConfig, redactUrl } from '../../config/index.ts';
import { ValidationError } from '../../errors.ts';
import { INGEST_FORMATS, openTransactionFile, readTransactionBatches, type IngestFormat } from '../../ingest/index.ts';
import { emptyPublishSummary, publishTransactions } from '../../scale-out/index.ts';

type PublishOptions = { partitions: string; format?: string; namespace?: string; quarantine?: string; natsUrl?: string };

/** Messages per publish round trip. */
const PUBLISH_CHUNK = 1000;

/** A whole number within bounds, or a ValidationError naming the flag. */
export function wholeNumberOption(flag: string, value: string, minimum: number, maximum: number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    throw new ValidationError(`${flag} must be a whole number from ${minimum} to ${maximum}`, [{ field: flag, reason: `'${value}' is not a whole number from ${minimum} to ${maximum}` }]);
  }
  return number;
}

export function register(program: Command): void {
  program
    .command('publish')
    .description('scale-out: publish a transaction file to the engine partitions on NATS JetStream (needs NATS_URL)')
    .argument('<file>', "transaction file (CSV, JSON Lines, ISO 20022; .gz allowed), or '-' for standard input (then --format is required)")
    .requiredOption('--partitions <n>', 'number of engine partitions (the same N every worker runs with)')
    .option('--format <format>', `input format: ${INGEST_FORMATS.join(', ')} (detected from the file when absent)`)
    .option('--namespace <name>', 'NATS subject namespace (default frontera)')
    .option('--quarantine <file>', 'write the quarantined (not published) records here, one JSON object a line')
    .option('--nats-url <url>', 'NATS server (overrides NATS_URL)')
    .action(async (file: string, options: PublishOptions) => {
      const partitions = wholeNumberOption('--partitions', options.partitions, 1, 65536);
      if (options.format !== undefined && !(INGEST_FORMATS as readonly string[]).includes(options.format)) {
        throw new ValidationError(`unknown format '${options.format}'`, [{ field: '--format', reason: `must be one of ${INGEST_FORMATS.join(', ')}` }]);
      }
      const config = loadConfig({ env: process.env, flags: { natsUrl: options.natsUrl } });
      if (config.natsUrl === undefined) {
        // The in-process bus cannot reach workers in other processes: publishing to it would lose every message.
        throw new ValidationError('frontera publish needs NATS: set NATS_URL (or --nats-url); the in-process bus does not reach workers in other processes', [{ field: 'NATS_URL', reason: 'required for scale-out' }]);
      }
      const opened = await openTransactionFile(file, options.format as IngestFormat | undefined);
      const bus = await connectNatsBus({ servers: config.natsUrl, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) });
      const quarantine = options.quarantine === undefined ? undefined : createWriteStream(options.quarantine);
      const summary = emptyPublishSummary(partitions);
      let quarantined = 0;
      const reasons = new Map<string, number>();
      const started = performance.now();
      try {
        for await (const batch of readTransactionBatches(opened.stream, { format: opened.format, sourceName: opened.sourceName })) {
          const valid = [];
          let lines = '';
          for (const record of batch) {
            if (record.ok) {
              valid.push(record.transaction);
              continue;
            }
            quarantined++;
            for (const issue of record.quarantined.issues) reasons.set(issue.field, (reasons.get(issue.field) ?? 0) + 1);
            if (quarantine !== undefined) lines += `${JSON.stringify(record.quarantined)}\n`;
          }
          if (quarantine !== undefined && lines !== '' && !quarantine.write(lines)) await once(quarantine, 'drain');
          for (let offset = 0; offset < valid.length; offset += PUBLISH_CHUNK) await publishTransactions(bus, valid.slice(offset, offset + PUBLISH_CHUNK), partitions, summary);
        }
      } finally {
        if (quarantine !== undefined) await new Promise<void>((resolve, reject) => quarantine.end((error?: Error | null) => (error ? reject(error) : resolve())));
        await bus.close();
      }
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `${JSON.stringify({
          source: opened.sourceName,
          format: opened.format,
          nats: redactUrl(config.natsUrl),
          partitions,
          published: summary.transactions,
          messages: summary.messages,
          crossPartition: summary.crossPartition,
          messagesByPartition: summary.byPartition,
          quarantined,
          quarantinedIssuesByField: Object.fromEntries(reasons),
          seconds: Math.round(seconds * 1000) / 1000,
          transactionsPerSecond: Math.round(summary.transactions / Math.max(seconds, 1e-9)),
        })}\n`,
      );
    });
}
