/**
 * `frontera synth`: writes a synthetic US–Mexico corridor with injected laundering and ground truth.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { generateCorridor, OUTPUT_FORMATS, writeCorridorFiles, type OutputFormat } from '../../synth/index.ts';

type SynthCommandOptions = { seed: string; transactions: string; out: string; format: string; days: string; start: string; clean?: boolean; progress?: boolean };

/** Parses a whole number option, naming the option when it is not one. */
function wholeNumber(option: string, text: string): number {
  if (!/^\d+$/.test(text.replaceAll('_', ''))) throw new ValidationError(`${option} must be a whole number`, [{ field: option, reason: `'${text}' is not a whole number` }]);
  return Number(text.replaceAll('_', ''));
}

export function register(program: Command): void {
  program
    .command('synth')
    .description('generate a synthetic US–Mexico corridor with injected laundering patterns and ground-truth labels')
    .requiredOption('--seed <n>', 'random seed; the same seed and options give byte-identical files')
    .requiredOption('--transactions <n>', 'number of transactions to generate (e.g. 200000)')
    .requiredOption('--out <dir>', 'directory to write transactions.csv, parties.csv, accounts.csv, institutions.csv, labels.csv and manifest.json')
    .option('--format <format>', `csv, or iso20022 to also write pacs.008 messages for the wires (${OUTPUT_FORMATS.join(', ')})`, 'csv')
    .option('--days <d>', 'length of the period in days', '90')
    .option('--start <date>', 'first day of the period (UTC)', '2026-01-01')
    .option('--clean', 'no laundering at all: the clean population, to measure false-alert volume')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (options: SynthCommandOptions) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(options.format)) {
        throw new ValidationError(`unknown format '${options.format}'`, [{ field: '--format', reason: `must be one of ${OUTPUT_FORMATS.join(', ')}` }]);
      }
      const corridor = generateCorridor({
        seed: wholeNumber('--seed', options.seed),
        transactions: wholeNumber('--transactions', options.transactions),
        days: wholeNumber('--days', options.days),
        start: options.start,
        clean: options.clean === true,
      });
      const total = corridor.options.transactions;
      const bar = options.progress !== false && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'synth {bar} {percentage}% | {value}/{total} transactions | {date}', stream: process.stderr }, cliProgress.Presets.shades_classic)
        : undefined;
      bar?.start(total, 0, { date: corridor.options.start });
      const startedAt = performance.now();
      const manifest = await writeCorridorFiles(corridor, options.out, {
        format: options.format as OutputFormat,
        onProgress: (progress) => bar?.update(Math.min(total, progress.transactions), { date: progress.date }),
      });
      bar?.stop();
      const seconds = (performance.now() - startedAt) / 1000;
      const rows = manifest.files['transactions.csv'] ?? 0;
      process.stdout.write(
        `wrote ${rows} transactions (${manifest.launderingTransactions} laundering, ${(manifest.launderingShare * 100).toFixed(2)} %), ` +
          `${manifest.files['parties.csv']} parties, ${manifest.files['accounts.csv']} accounts to ${options.out} in ${seconds.toFixed(1)} s\n`,
      );
    });
}
