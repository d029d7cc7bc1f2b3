/**
 * Writes a generated corridor to a directory: the CSV files of docs/data-format.md, `manifest.json`
 * and, for the ISO 20022 format, one pacs.008 message per batch of wires. Rows are rendered in
 * chunks and written with back-pressure, so memory stays flat however many rows are written.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Transaction } from '../domain/index.ts';
import { renderPacs008 } from '../ingest/index.ts';
import {
  ACCOUNT_COLUMNS, accountRow, headerLine, INSTITUTION_COLUMNS, institutionRow, LABEL_COLUMNS, labelRow,
  PARTY_COLUMNS, partyRow, TRANSACTION_COLUMNS, TransactionCsvEncoder, VEHICLE_SALE_COLUMNS, vehicleSaleRow,
} from './csv.ts';
import { PATTERNS, type PatternName } from './draft.ts';
import type { Corridor } from './generator.ts';

export const OUTPUT_FORMATS = ['csv', 'iso20022'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Manifest {
  generator: 'frontera synth';
  seed: number;
  options: Corridor['options'] & { format: OutputFormat };
  files: Record<string, number>;
  patterns: Record<PatternName, { instances: number; transactions: number }>;
  launderingTransactions: number;
  launderingShare: number;
}

class ChunkedFile {
  #stream: WriteStream;
  #buffer: string[] = [];
  #size = 0;
  rows = 0;

  constructor(path: string) {
    this.#stream = createWriteStream(path, { encoding: 'utf8' });
  }

  /** Queues a line; returns true when about a megabyte is queued and `flush` should be awaited. */
  add(line: string, isRow = true): boolean {
    this.#buffer.push(line);
    this.#size += line.length;
    if (isRow) this.rows++;
    return this.#size >= 1 << 20;
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join('');
    this.#buffer = [];
    this.#size = 0;
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.#stream.end();
    await once(this.#stream, 'finish');
  }
}

export interface WriteProgress {
  date: string;
  transactions: number;
}

/**
 * Writes every file of the corridor into `directory` (created if missing) and returns the manifest.
 * @example const manifest = await writeCorridorFiles(generateCorridor({ seed: 1, transactions: 10_000 }), '/tmp/corridor');
 */
export async function writeCorridorFiles(corridor: Corridor, directory: string, options: { format?: OutputFormat; onProgress?: (progress: WriteProgress) => void } = {}): Promise<Manifest> {
  const format = options.format ?? 'csv';
  await mkdir(directory, { recursive: true });
  const pacsDirectory = join(directory, 'pacs008');
  if (format === 'iso20022') await mkdir(pacsDirectory, { recursive: true });

  const institutions = new ChunkedFile(join(directory, 'institutions.csv'));
  institutions.add(headerLine(INSTITUTION_COLUMNS), false);
  for (const institution of corridor.institutions) institutions.add(institutionRow(institution));
  await institutions.close();

  const parties = new ChunkedFile(join(directory, 'parties.csv'));
  parties.add(headerLine(PARTY_COLUMNS), false);
  for (const profile of corridor.profiles()) {
    if (parties.add(partyRow(profile))) await parties.flush();
  }
  await parties.close();

  const accounts = new ChunkedFile(join(directory, 'accounts.csv'));
  accounts.add(headerLine(ACCOUNT_COLUMNS), false);
  for (const account of corridor.accounts()) {
    if (accounts.add(accountRow(account))) await accounts.flush();
  }
  await accounts.close();

  const transactions = createWriteStream(join(directory, 'transactions.csv'));
  transactions.write(headerLine(TRANSACTION_COLUMNS));
  let transactionRows = 0;
  const encoder = new TransactionCsvEncoder();
  const labels = new ChunkedFile(join(directory, 'labels.csv'));
  labels.add(headerLine(LABEL_COLUMNS), false);
  const vehicleSales = new ChunkedFile(join(directory, 'vehicle_sales.csv'));
  vehicleSales.add(headerLine(VEHICLE_SALE_COLUMNS), false);
  const perPattern = Object.fromEntries(PATTERNS.map((pattern) => [pattern, { instances: new Set<string>(), transactions: 0 }])) as Record<PatternName, { instances: Set<string>; transactions: number }>;
  let pacsFiles = 0;
  let message: Transaction[] = [];
  const writeMessage = async (): Promise<void> => {
    const messageId = message[0]!.messageId!;
    const xml = renderPacs008(message, { version: '08', messageId, createdAt: message[message.length - 1]!.time, settlementMethod: 'CLRG', clearingSystem: 'FDW' });
    await writeFile(join(pacsDirectory, `${messageId}.xml`), xml, 'utf8');
    pacsFiles++;
    message = [];
  };
  let written = 0;
  for (const batch of corridor.batches()) {
    for (const transaction of batch.transactions) {
      if (encoder.add(transaction)) {
        const chunk = encoder.take();
        if (!transactions.write(chunk, () => encoder.recycle(chunk))) await once(transactions, 'drain');
      }
    }
    transactionRows += batch.transactions.length;
    for (const transaction of batch.transactions) {
      const sale = corridor.vehicleSale(transaction);
      if (sale !== undefined && vehicleSales.add(vehicleSaleRow(sale))) await vehicleSales.flush();
    }
    for (const label of batch.labels) {
      if (labels.add(labelRow(label))) await labels.flush();
      perPattern[label.pattern].transactions++;
      perPattern[label.pattern].instances.add(label.instanceId);
    }
    if (format === 'iso20022') {
      // Wires of one message are consecutive (message ids follow time order) but may span batches.
      for (const transaction of batch.transactions) {
        if (transaction.channel !== 'wire' || transaction.messageId === undefined) continue;
        if (message.length > 0 && message[0]!.messageId !== transaction.messageId) await writeMessage();
        message.push(transaction);
      }
    }
    written += batch.transactions.length;
    options.onProgress?.({ date: batch.date, transactions: written });
  }
  if (message.length > 0) await writeMessage();
  transactions.end(encoder.take());
  await once(transactions, 'finish');
  await labels.close();
  await vehicleSales.close();

  const patterns = Object.fromEntries(PATTERNS.map((pattern) => [pattern, { instances: perPattern[pattern].instances.size, transactions: perPattern[pattern].transactions }])) as Manifest['patterns'];
  const launderingTransactions = labels.rows;
  const files: Record<string, number> = {
    'transactions.csv': transactionRows,
    'parties.csv': parties.rows,
    'accounts.csv': accounts.rows,
    'institutions.csv': institutions.rows,
    'labels.csv': labels.rows,
    'vehicle_sales.csv': vehicleSales.rows,
  };
  if (format === 'iso20022') files['pacs008/*.xml'] = pacsFiles;
  const manifest: Manifest = {
    generator: 'frontera synth',
    seed: corridor.options.seed,
    options: { ...corridor.options, format },
    files,
    patterns,
    launderingTransactions,
    launderingShare: transactionRows === 0 ? 0 : Number((launderingTransactions / transactionRows).toFixed(5)),
  };
  await writeFile(join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}
