import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('frontera ingest: summary on stdout, transactions and quarantine as JSON Lines, exit 2 on a fatal input error', () => {
  const folder = mkdtempSync(join(tmpdir(), 'frontera-ingest-cli-'));
  try {
    const input = join(folder, 'tx.csv');
    writeFileSync(input, [
      'id,time,amount,currency,channel,originator_country,beneficiary_country',
      'a,2026-03-02T14:05:00Z,10.00,USD,ach,US,US',
      'b,2026-03-02T14:05:00Z,ten,USD,ach,US,US',
      'a,2026-03-02T14:06:00Z,11.00,USD,ach,US,US',
    ].join('\n'));
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', input, '--out', join(folder, 'out.jsonl'), '--quarantine', join(folder, 'q.jsonl')], { encoding: 'utf8' });
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual({ ...summary, seconds: 0, recordsPerSecond: 0 }, { source: 'tx.csv', format: 'csv', transactions: 2, quarantined: 1, duplicateIdsInSource: 1, seconds: 0, recordsPerSecond: 0 });
    assert.deepEqual(readFileSync(join(folder, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { amountMinor: number }).amountMinor), [1000, 1100]);
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'q.jsonl'), 'utf8')), {
      source: 'tx.csv',
      location: 'line 3',
      issues: [{ field: 'amount', reason: "'ten' is not a decimal amount with at most 2 decimal places for USD" }],
      raw: 'b,2026-03-02T14:05:00Z,ten,USD,ach,US,US',
    });
    writeFileSync(input, 'id,time\na,b\n');
    const failed = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', input], { encoding: 'utf8' });
    assert.equal(failed.status, 2);
    assert.match(failed.stderr, /tx\.csv: missing required columns amount, currency, channel, originator_country, beneficiary_country/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
