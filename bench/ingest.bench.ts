/**
 * Ingest throughput: writes a synthetic transactions file of each format to a temporary folder,
 * reads it back through `readTransactionBatches` on one core and prints one JSON line with rows
 * per second. Usage: `npm run bench:ingest -- [rows] [formats]` (default 1,000,000 CSV rows,
 * a quarter as many JSON lines and a hundredth as many pacs.008 transactions; formats `csv,jsonl,iso20022`).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMinorUnits, type Transaction } from '../src/domain/index.ts';
import { readTransactionBatches, readTransactions, renderPacs008, TRANSACTION_CSV_COLUMNS, type IngestFormat } from '../src/ingest/index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const formats = (process.argv[3] ?? 'csv,jsonl,iso20022').split(',');
const CHANNELS = ['wire', 'spei', 'ach', 'cash_deposit', 'remittance'] as const;

function transaction(index: number): Transaction {
  const channel = CHANNELS[index % CHANNELS.length]!;
  return {
    id: `TX-${index.toString(36).padStart(8, '0')}`,
    messageId: `MSG-${Math.floor(index / 1000)}`,
    time: new Date(Date.UTC(2026, 0, 1) + index * 1_000).toISOString().replace('.000Z', 'Z'),
    amountMinor: 1 + ((index * 7919) % 2_000_000),
    currency: index % 3 === 0 ? 'MXN' : 'USD',
    channel: channel === 'cash_deposit' ? 'wire' : channel,
    originator: { partyId: `P${index % 50_000}`, name: 'María de los Ángeles Pérez', accountId: `ACC${index % 80_000}`, institutionId: '021000021', country: 'US', postalCode: '85001' },
    beneficiary: { partyId: `P${(index * 13) % 50_000}`, name: 'Comercializadora del Norte S.A. de C.V.', accountId: '002010077777777771', institutionId: 'BNMXMXMM', country: 'MX' },
    purpose: 'family support',
  };
}

function csvLine(t: Transaction): string {
  const cells: Record<string, string | undefined> = {
    id: t.id, message_id: t.messageId, time: t.time, amount: formatMinorUnits(t.amountMinor, t.currency), currency: t.currency, channel: t.channel,
    originator_party_id: t.originator.partyId, originator_name: t.originator.name, originator_account_id: t.originator.accountId,
    originator_institution_id: t.originator.institutionId, originator_country: t.originator.country, originator_postal_code: t.originator.postalCode,
    beneficiary_party_id: t.beneficiary.partyId, beneficiary_name: t.beneficiary.name, beneficiary_account_id: t.beneficiary.accountId,
    beneficiary_institution_id: t.beneficiary.institutionId, beneficiary_country: t.beneficiary.country, purpose: t.purpose,
  };
  return TRANSACTION_CSV_COLUMNS.map((column) => cells[column] ?? '').join(',');
}

/** Writes in slices of 10,000 rows, so the file's text never sits in the heap during a measurement. */
function writeFile(path: string, format: IngestFormat, count: number): void {
  if (format === 'iso20022') {
    const wires = Array.from({ length: count }, (_, i) => ({ ...transaction(i), channel: 'wire' as const }));
    writeFileSync(path, renderPacs008(wires, { version: '08', messageId: 'BENCH-1', createdAt: '2026-01-01T00:00:00Z' }));
    return;
  }
  const file = openSync(path, 'w');
  try {
    if (format === 'csv') writeSync(file, `${TRANSACTION_CSV_COLUMNS.join(',')}\n`);
    for (let start = 0; start < count; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(count, start + 10_000); i++) lines.push(format === 'csv' ? csvLine(transaction(i)) : JSON.stringify(transaction(i)));
      writeSync(file, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(file);
  }
}

async function measure(path: string, format: IngestFormat): Promise<{ rows: number; quarantined: number; seconds: number; cpuSeconds: number }> {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  let ok = 0;
  let quarantined = 0;
  for await (const batch of readTransactionBatches(createReadStream(path, { highWaterMark: 256 * 1024 }), { format, sourceName: path })) {
    for (const record of batch) if (record.ok) ok++; else quarantined++;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { rows: ok, quarantined, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The same file through the one-record-at-a-time generator, to show what batching saves. */
async function measurePerRecord(path: string, format: IngestFormat): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  let rows = 0;
  for await (const record of readTransactions(createReadStream(path, { highWaterMark: 256 * 1024 }), { format, sourceName: path })) if (record.ok) rows++;
  const cpu = process.cpuUsage(cpuStarted);
  return { rows, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const folder = mkdtempSync(join(tmpdir(), 'frontera-ingest-bench-'));
try {
  const result: Record<string, number | string> = { node: process.version };
  const plan: Array<[IngestFormat, number]> = [['csv', rows], ['jsonl', Math.ceil(rows / 4)], ['iso20022', Math.ceil(rows / 100)]];
  for (const [format, count] of plan.filter(([format]) => formats.includes(format))) {
    const path = join(folder, `transactions.${format}`);
    writeFile(path, format, count);
    // With --expose-gc (the npm script passes it), the generator's garbage is collected before timing.
    (globalThis as { gc?: () => void }).gc?.();
    const { rows: read, quarantined, seconds, cpuSeconds } = await measure(path, format);
    if (read !== count || quarantined !== 0) throw new Error(`${format}: read ${read} of ${count}, ${quarantined} quarantined`);
    const prefix = format === 'csv' ? '' : `${format}_`;
    result[`${prefix}rows_per_s`] = Math.round(read / seconds);
    result[`${prefix}rows`] = read;
    result[`${prefix}mb_per_s`] = Math.round((statSync(path).size / 1e6 / seconds) * 10) / 10;
    result[`${prefix}seconds`] = Math.round(seconds * 100) / 100;
    // CPU time of this process (the machine is shared, so wall time alone can mislead).
    result[`${prefix}rows_per_cpu_s`] = Math.round(read / cpuSeconds);
    if (format === 'csv') {
      const single = await measurePerRecord(path, format);
      result['per_record_rows_per_s'] = Math.round(single.rows / single.seconds);
      result['per_record_rows_per_cpu_s'] = Math.round(single.rows / single.cpuSeconds);
    }
  }
  result['heap_used_mb'] = Math.round(process.memoryUsage().heapUsed / 1e6);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
