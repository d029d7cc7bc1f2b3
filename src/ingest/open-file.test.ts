import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openTransactionFile, readTransactions, type IngestRecord } from './index.ts';

const CSV = 'id,time,amount,currency,channel,originator_country,beneficiary_country\ng-1,2026-03-02T14:05:00Z,10.00,USD,ach,US,US\n';

test('openTransactionFile detects the format, decompresses gzip and names the source', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'frontera-open-'));
  try {
    writeFileSync(join(folder, 'plain.csv'), CSV);
    writeFileSync(join(folder, 'packed.csv.gz'), gzipSync(CSV));
    writeFileSync(join(folder, 'upload.bin'), '{"id":"x"}\n');
    for (const name of ['plain.csv', 'packed.csv.gz']) {
      const file = await openTransactionFile(join(folder, name));
      assert.equal(file.format, 'csv');
      assert.equal(file.sourceName, name);
      const records: IngestRecord[] = [];
      for await (const record of readTransactions(file.stream, { format: file.format, sourceName: file.sourceName })) records.push(record);
      assert.deepEqual(records.map((record) => record.ok && record.transaction.amountMinor), [1000]);
    }
    for (const [format, expected] of [[undefined, 'jsonl'], ['csv', 'csv']] as const) {
      const file = await openTransactionFile(join(folder, 'upload.bin'), format);
      assert.equal(file.format, expected);
      file.stream.destroy();
    }
    await assert.rejects(openTransactionFile('-'), /reading standard input needs an explicit format/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
