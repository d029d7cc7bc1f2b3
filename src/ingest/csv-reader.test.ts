import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../errors.ts';
import { readTransactions, type IngestRecord, type ReadOptions } from './index.ts';

const HEADER = 'id,time,amount,currency,channel,originator_name,originator_account_id,originator_institution_id,originator_country,beneficiary_account_id,beneficiary_country,purpose,unknown_extra';
const OPTIONS: ReadOptions = { format: 'csv', sourceName: 'transactions.csv' };

async function readAll(text: string | string[], options: Partial<ReadOptions> = {}): Promise<IngestRecord[]> {
  const records: IngestRecord[] = [];
  for await (const record of readTransactions(Array.isArray(text) ? text : [text], { ...OPTIONS, ...options })) records.push(record);
  return records;
}

function quarantined(records: IngestRecord[]) {
  return records.flatMap((record) => (record.ok ? [] : [{ location: record.quarantined.location, issues: record.quarantined.issues }]));
}

const FILE = [
  HEADER,
  'tx-1,2026-03-02T14:05:00Z,9500.10,USD,cash_deposit,"Pérez, Juan",ACC-1,021000021,US,ACC-9,US,"rent ""March""",ignored',
  'tx-2,2026-03-02T14:06:00Z,12.3X,USD,wire,Ana,ACC-2,,US,ACC-9,MX,,',
  'tx-3,2026-03-02T14:07:00Z,100.00,USD,telegraph,Ana,ACC-2,,US,ACC-9,MX,,',
  'tx-4,2026-03-02T14:08:00Z,100.00,USD,wire,Ana,ACC-2,,USA,ACC-9,MX,,',
  ',2026-03-02T14:09:00Z,100.00,USD,wire,Ana,ACC-2,,US,ACC-9,MX,,',
  'tx-6,2026-03-02 14:10,100.00,USD,wire,Ana,ACC-2,,US,ACC-9,MX,,',
  'tx-7,2026-03-02T08:11:00-06:00,1850000,MXN,spei,Ana,ACC-2,,MX,002010077777777771,MX,"pago\nfactura 7",',
  'tx-8,2026-03-02T14:12:00Z,-5.00,USD,wire,Ana,ACC-2,,US,ACC-9,MX,,',
  'tx-9,2026-03-02T14:13:00Z,100.00,USD,wire,Ana,ACC-2,,US,ACC-9,MX',
  'tx-10,2026-03-02T14:14:00Z,0.5,JPY,wire,Ana,ACC-2,,US,ACC-9,MX,,',
  '',
  'tx-11,2026-03-02T14:15:00Z,1.00,USD,wire,Ana,ACC-2,,US,ACC-9,,,',
].join('\r\n');

test('CSV: good rows are read exactly, each bad row is quarantined with its line, column and reason', async () => {
  const records = await readAll(`\uFEFF${FILE}\r\n`);
  const good = records.flatMap((record) => (record.ok ? [record] : []));
  assert.deepEqual(good.map((record) => [record.transaction.id, record.location]), [['tx-1', 'line 2'], ['tx-7', 'line 8']]);
  assert.deepEqual(good[0]!.transaction, {
    id: 'tx-1',
    time: '2026-03-02T14:05:00Z',
    amountMinor: 950010,
    currency: 'USD',
    channel: 'cash_deposit',
    originator: { name: 'Pérez, Juan', accountId: 'ACC-1', institutionId: '021000021', country: 'US' },
    beneficiary: { accountId: 'ACC-9', country: 'US' },
    purpose: 'rent "March"',
  });
  assert.equal(good[1]!.transaction.amountMinor, 185000000);
  assert.equal(good[1]!.transaction.purpose, 'pago\nfactura 7');
  assert.deepEqual(quarantined(records), [
    { location: 'line 3', issues: [{ field: 'amount', reason: "'12.3X' is not a decimal amount with at most 2 decimal places for USD" }] },
    { location: 'line 4', issues: [{ field: 'channel', reason: 'Invalid option: expected one of "wire"|"spei"|"ach"|"cash_deposit"|"cash_withdrawal"|"remittance"|"card"|"check"|"crypto"|"trade_payment"' }] },
    { location: 'line 5', issues: [{ field: 'originator_country', reason: 'must be a two-letter ISO 3166 country code' }] },
    { location: 'line 6', issues: [{ field: 'id', reason: 'is required' }] },
    { location: 'line 7', issues: [{ field: 'time', reason: 'must be an ISO 8601 date-time with a time zone' }] },
    { location: 'line 10', issues: [{ field: 'amount', reason: 'must be greater than zero' }] },
    { location: 'line 11', issues: [{ field: 'row', reason: 'has 11 fields; the header has 13' }] },
    { location: 'line 12', issues: [{ field: 'amount', reason: "'0.5' is not a decimal amount with at most 0 decimal places for JPY" }] },
    { location: 'line 14', issues: [{ field: 'beneficiary_country', reason: 'is required' }] },
  ]);
  const bad = records.find((record) => !record.ok && record.quarantined.location === 'line 3');
  assert.ok(bad && !bad.ok);
  assert.equal(bad.quarantined.source, 'transactions.csv');
  assert.equal(bad.quarantined.raw, 'tx-2,2026-03-02T14:06:00Z,12.3X,USD,wire,Ana,ACC-2,,US,ACC-9,MX,,');
});

test('CSV: the result does not depend on how the input is cut into chunks', async () => {
  const whole = await readAll(FILE);
  const bytes = Buffer.from(FILE);
  for (const size of [1, 3, 7, 64]) {
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
    const records: IngestRecord[] = [];
    for await (const record of readTransactions(chunks, OPTIONS)) records.push(record);
    assert.deepEqual(records, whole, `chunks of ${size} bytes`);
  }
});

test('CSV: a missing required column is a ValidationError naming it', async () => {
  await assert.rejects(readAll('id,time,amount,channel,originator_country\ntx-1,2026-03-02T14:05:00Z,1.00,wire,US\n'), (error: unknown) => {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.message, 'transactions.csv: missing required columns currency, beneficiary_country');
    assert.deepEqual(error.issues.map((issue) => issue.field), ['currency', 'beneficiary_country']);
    return true;
  });
  await assert.rejects(readAll(''), /the CSV has no header row/);
});

test('CSV: an oversized row is quarantined without being buffered, the rows after it go on', async () => {
  const big = `tx-big,2026-03-02T14:05:00Z,1.00,USD,wire,${'x'.repeat(5000)},A,,US,B,MX,,`;
  const quotedBig = `tx-big2,2026-03-02T14:05:00Z,1.00,USD,wire,"${'y\n'.repeat(1000)}",A,,US,B,MX,,`;
  const ok = (id: string) => `${id},2026-03-02T14:05:00Z,1.00,USD,wire,Ana,A,,US,B,MX,,`;
  const text = [HEADER, ok('a'), big, ok('b'), quotedBig, ok('c')].join('\n');
  for (const chunks of [[text], Array.from({ length: Math.ceil(text.length / 100) }, (_, i) => text.slice(i * 100, i * 100 + 100))]) {
    const records = await readAll(chunks, { maxRecordBytes: 1024, maxRawChars: 40 });
    assert.deepEqual(records.flatMap((record) => (record.ok ? [`${record.transaction.id}@${record.location}`] : [])), ['a@line 2', 'b@line 4', 'c@line 1006']);
    assert.deepEqual(quarantined(records), [
      { location: 'line 3', issues: [{ field: 'row', reason: 'row is 5056 bytes, larger than the limit of 1024' }] },
      { location: 'line 5', issues: [{ field: 'row', reason: 'row is 2059 bytes, larger than the limit of 1024' }] },
    ]);
    const first = records.find((record) => !record.ok);
    assert.ok(first && !first.ok);
    assert.equal(first.quarantined.raw, 'tx-big,2026-03-02T14:05:00Z,1.00,USD,wir');
  }
});

test('CSV: a row with a broken quote is quarantined with the parser reason', async () => {
  const records = await readAll([HEADER, 'tx-1,2026-03-02T14:05:00Z,1.00,USD,wire,"Ana"x,A,,US,B,MX,,', 'tx-2,2026-03-02T14:05:00Z,1.00,USD,wire,Ana,A,,US,B,MX,,'].join('\n'));
  assert.equal(records.length, 2);
  const [bad, good] = records;
  assert.ok(bad && !bad.ok && good?.ok);
  assert.equal(bad.quarantined.location, 'line 2');
  assert.equal(bad.quarantined.issues[0]!.field, 'row');
  assert.match(bad.quarantined.issues[0]!.reason, /^not valid CSV: Invalid Closing Quote/);
  assert.equal(good.transaction.id, 'tx-2');
});

test('CSV: crypto and cash location columns fill their objects; a partial location names the missing column', async () => {
  const header = 'id,time,amount,currency,channel,originator_country,beneficiary_country,location_postal_code,location_country,crypto_chain,crypto_address,crypto_asset,crypto_asset_amount';
  const records = await readAll([
    header,
    'c-1,2026-03-02T14:05:00Z,500.00,USD,crypto,US,MX,,,ethereum,0xabc,USDT,500.000001',
    'c-2,2026-03-02T14:05:00Z,500.00,USD,cash_deposit,US,US,85001,US,,,,',
    'c-3,2026-03-02T14:05:00Z,500.00,USD,cash_deposit,US,US,85001,,,,,',
  ].join('\n'));
  const [crypto, cash, partial] = records;
  assert.ok(crypto?.ok && cash?.ok && partial !== undefined && !partial.ok);
  assert.deepEqual(crypto.transaction.crypto, { chain: 'ethereum', address: '0xabc', asset: 'USDT', assetAmount: '500.000001' });
  assert.deepEqual(cash.transaction.location, { country: 'US', postalCode: '85001' });
  assert.deepEqual(partial.quarantined.issues, [{ field: 'location_country', reason: 'is required' }]);
});
