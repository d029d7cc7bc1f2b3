import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from '../domain/index.ts';
import { detectFormat, readTransactions, type IngestRecord, type ReadOptions } from './index.ts';

const OPTIONS: ReadOptions = { format: 'jsonl', sourceName: 'transactions.jsonl' };

const transaction: Transaction = {
  id: 'j-1',
  messageId: 'M-1',
  time: '2026-03-02T14:05:00Z',
  amountMinor: 950000,
  currency: 'USD',
  channel: 'cash_deposit',
  originator: { name: 'Juan Pérez', country: 'US' },
  beneficiary: { accountId: 'ACC-1', institutionId: '021000021', country: 'US' },
  location: { country: 'US', postalCode: '85001', branchId: 'PHX-3' },
};

async function readAll(chunks: Array<string | Buffer>, options: Partial<ReadOptions> = {}): Promise<IngestRecord[]> {
  const records: IngestRecord[] = [];
  for await (const record of readTransactions(chunks, { ...OPTIONS, ...options })) records.push(record);
  return records;
}

const LINES = [
  JSON.stringify(transaction),
  '{"id": "j-2", "time": ',
  JSON.stringify({ ...transaction, id: 'j-3', amountMinor: 12.5 }),
  '',
  JSON.stringify({ ...transaction, id: 'j-4', originator: { name: 'x' } }),
  JSON.stringify({ ...transaction, id: 'j-5', time: '2026-03-02T08:05:00-06:00' }),
];

test('JSON Lines: valid lines are read exactly, bad ones quarantined with their line number and field', async () => {
  const records = await readAll([`${LINES.join('\r\n')}\r\n`]);
  assert.equal(records.length, 5);
  const [first, notJson, fractional, noCountry, last] = records;
  assert.deepEqual(first, { ok: true, transaction, location: 'line 1' });
  assert.ok(notJson && !notJson.ok && fractional && !fractional.ok && noCountry && !noCountry.ok);
  assert.equal(notJson.quarantined.location, 'line 2');
  assert.equal(notJson.quarantined.issues[0]!.field, 'line');
  assert.match(notJson.quarantined.issues[0]!.reason, /^not valid JSON: /);
  assert.equal(notJson.quarantined.raw, '{"id": "j-2", "time": ');
  assert.deepEqual(fractional.quarantined, { source: 'transactions.jsonl', location: 'line 3', issues: [{ field: 'amountMinor', reason: 'must be an integer number of minor units' }], raw: LINES[2] });
  assert.deepEqual(noCountry.quarantined.issues, [{ field: 'originator.country', reason: 'is required' }]);
  assert.equal(noCountry.quarantined.location, 'line 5');
  assert.deepEqual(last, { ok: true, transaction: { ...transaction, id: 'j-5', time: '2026-03-02T08:05:00-06:00' }, location: 'line 6' });
});

test('JSON Lines: a line over the limit is quarantined without being held, the next lines go on, whatever the chunking', async () => {
  const long = JSON.stringify({ ...transaction, id: 'big', purpose: 'x'.repeat(3000) });
  const text = [JSON.stringify(transaction), long, JSON.stringify({ ...transaction, id: 'after' })].join('\n');
  for (const size of [text.length, 97, 1]) {
    const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, i * size + size)));
    const records = await readAll(chunks, { maxRecordBytes: 1024, maxRawChars: 20 });
    assert.deepEqual(records.map((record) => (record.ok ? record.transaction.id : record.quarantined.issues[0]!.reason)), [
      'j-1',
      `line is ${Buffer.byteLength(long)} bytes, longer than the limit of 1024`,
      'after',
    ]);
    const oversized = records[1];
    assert.ok(oversized && !oversized.ok);
    assert.equal(oversized.quarantined.location, 'line 2');
    assert.equal(oversized.quarantined.raw, long.slice(0, 20));
  }
});

test('detectFormat: by extension, then by the first bytes', () => {
  assert.equal(detectFormat('wires.XML', ''), 'iso20022');
  assert.equal(detectFormat('tx.ndjson', ''), 'jsonl');
  assert.equal(detectFormat('tx.csv.gz', ''), 'csv');
  assert.equal(detectFormat('upload', '\uFEFF  <?xml version="1.0"?>'), 'iso20022');
  assert.equal(detectFormat('upload', Buffer.from('{"id":"1"}')), 'jsonl');
  assert.equal(detectFormat('upload', 'id,time,amount'), 'csv');
});
