/**
 * `frontera backtest --typology ID|FILE|all --data DIR`: replays DIR/transactions.csv through the
 * engine and reports, per typology, alert volume, precision and recall against DIR/labels.csv
 * (when present), analyst hours and a threshold sweep.
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatBacktest, monthsSpanned, runBacktest } from '../../backtest/index.ts';
import type { Transaction } from '../../domain/index.ts';
import { createEngine } from '../../engine/index.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { readTransactionBatches } from '../../ingest/index.ts';
import { formatTypologyIssues, loadBuiltinTypologies, loadTypologyDirectory, loadTypologyFile, type CompiledTypology } from '../../typologies/index.ts';
import { readLabels } from './eval.ts';

const MAX_ACCOUNTS_FILE_BYTES = 512 * 1024 * 1024;

function selectTypologies(selection: string, directory: string | undefined): CompiledTypology[] {
  if (selection.endsWith('.json')) {
    const loaded = loadTypologyFile(selection);
    if (!loaded.ok) throw new ValidationError(`${selection} is not a valid typology:\n${formatTypologyIssues(loaded.issues)}`, loaded.issues);
    return [loaded.value];
  }
  const library = directory ? loadTypologyDirectory(directory) : loadBuiltinTypologies();
  if (selection === 'all') return library;
  const ids = selection.split(',').map((id) => id.trim());
  const chosen = library.filter((t) => ids.includes(t.id));
  const missing = ids.filter((id) => !chosen.some((t) => t.id === id));
  if (missing.length > 0) throw new NotFoundError(`no typology ${missing.join(', ')}; known: ${library.map((t) => t.id).join(', ')}`);
  return chosen;
}

/** Accounts of the monitored population: rows of accounts.csv, else distinct account ids seen. */
function countAccounts(directory: string, transactions: readonly Transaction[]): number {
  const path = join(directory, 'accounts.csv');
  if (existsSync(path)) {
    if (statSync(path).size > MAX_ACCOUNTS_FILE_BYTES) throw new ValidationError(`${path} is too large`);
    return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').length - 1;
  }
  const ids = new Set<string>();
  for (const t of transactions) {
    if (t.originator.accountId) ids.add(t.originator.accountId);
    if (t.beneficiary.accountId) ids.add(t.beneficiary.accountId);
  }
  return ids.size;
}

type BacktestCliOptions = { typology: string; data: string; typologies?: string; minutesPerAlert: string; sweep: string; json?: boolean; out?: string };

export function register(program: Command): void {
  program
    .command('backtest')
    .description('replay history through the typologies: alerts per 1,000 accounts per month, precision, recall, analyst hours, threshold sweep')
    .requiredOption('--typology <id>', "typology id, comma-separated ids, a typology JSON file (to test a draft) or 'all'")
    .requiredOption('--data <dir>', 'folder with transactions.csv (and labels.csv, accounts.csv when present), e.g. from `frontera synth`')
    .option('--typologies <dir>', 'typology folder instead of the built-in library')
    .option('--minutes-per-alert <n>', 'analyst minutes per alert', '30')
    .option('--sweep <points>', 'threshold-sweep points per typology (0: none)', '7')
    .option('--json', 'print the report as JSON')
    .option('--out <file>', 'also write the JSON report to this file')
    .action(async (options: BacktestCliOptions) => {
      const minutesPerAlert = Number(options.minutesPerAlert);
      const sweepPoints = Number(options.sweep);
      if (!Number.isFinite(minutesPerAlert) || minutesPerAlert < 0) throw new ValidationError('--minutes-per-alert must be a non-negative number');
      if (!Number.isInteger(sweepPoints) || sweepPoints < 0 || sweepPoints > 25) throw new ValidationError('--sweep must be an integer from 0 to 25');
      const typologies = selectTypologies(options.typology, options.typologies);
      const transactionsPath = join(options.data, 'transactions.csv');
      if (!existsSync(transactionsPath)) throw new NotFoundError(`${transactionsPath} does not exist`);
      const transactions: Transaction[] = [];
      let quarantined = 0;
      for await (const batch of readTransactionBatches(createReadStream(transactionsPath), { format: 'csv', sourceName: transactionsPath })) {
        for (const record of batch) {
          if (record.ok) transactions.push(record.transaction);
          else quarantined++;
        }
      }
      if (quarantined > 0) process.stderr.write(`warning: ${quarantined} records of ${transactionsPath} could not be read and were left out (run \`frontera scan\` to see why)\n`);
      const labelsPath = join(options.data, 'labels.csv');
      const labels = existsSync(labelsPath) ? readLabels(labelsPath) : null;
      const report = runBacktest({
        transactions,
        typologies,
        labels,
        population: { accounts: countAccounts(options.data, transactions), months: monthsSpanned(transactions) },
        minutesPerAlert,
        createEngine: (engineOptions) => createEngine(engineOptions),
        sweepPoints,
      });
      if (options.out) writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatBacktest(report)}\n`);
    });
}
