import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import { readTransactions, type IngestRecord, type ReadOptions } from './index.ts';

const SAMPLES = '../shared/reference/samples/iso20022';

async function readSample(relativePath: string, options: Partial<ReadOptions> = {}): Promise<IngestRecord[]> {
  const records: IngestRecord[] = [];
  const sourceName = relativePath.split('/').pop()!;
  for await (const record of readTransactions(createReadStream(join(SAMPLES, relativePath)), { format: 'iso20022', sourceName, ...options })) records.push(record);
  return records;
}

function transactions(records: IngestRecord[]) {
  return records.map((record) => {
    assert.ok(record.ok, `quarantined: ${JSON.stringify(!record.ok && record.quarantined.issues)}`);
    return record.transaction;
  });
}

test('every pacs.008 and pain.001 sample is read: one transaction per CdtTrfTxInf, none quarantined or dropped', async () => {
  const expected: Record<string, number> = {
    'wire20022/CustomerCreditTransfer_Scenario1_Step1_pacs.008.xml': 1,
    'wire20022/CustomerCreditTransfer_Scenario5_Step1_pacs.008.xml': 1,
    'wire20022/CustomerCreditTransfer_Variation3_pacs.008.xml': 1,
    'wire20022/CustomerCreditTransfer_Variation4_pacs.008.xml': 1,
    'wire20022/CustomerCreditTransfer_Variation5_pacs.008.xml': 1,
    'wire20022/CustomerCreditTransfer_Variation6_pacs.008.xml': 1,
    'iso20022-testdata/gistfile1.xml': 3,
    'iso20022-testdata/International_payment_USD_naujas_1.xml': 1,
  };
  // Every sample in the folder is accounted for here or in the pacs.002 test below.
  const all = ['wire20022', 'iso20022-testdata'].flatMap((folder) => readdirSync(join(SAMPLES, folder)).map((file) => `${folder}/${file}`));
  assert.deepEqual(all.filter((file) => !/pacs\.002|valid_pacs_v11/.test(file)).sort(), Object.keys(expected).sort());
  for (const [file, count] of Object.entries(expected)) {
    assert.equal(transactions(await readSample(file)).length, count, file);
  }
});

test('Fedwire pacs.008 (ABA agents, US addresses): exact values', async () => {
  const [transaction] = transactions(await readSample('wire20022/CustomerCreditTransfer_Scenario1_Step1_pacs.008.xml'));
  assert.deepEqual(transaction, {
    id: 'Scenario01EtoEId001',
    messageId: '20250310B1QDRCQR000001',
    time: '2025-03-10T09:00:00-04:00',
    amountMinor: 51000074,
    currency: 'USD',
    channel: 'wire',
    originator: { name: 'Corporation A', accountId: '5647772655', institutionId: '011104238', country: 'US', postalCode: '85268' },
    beneficiary: { name: 'Corporation B', accountId: '567876543', institutionId: '021040078', country: 'US', postalCode: '19067' },
  });
});

test('Fedwire pacs.008 cross-border variations: BIC agents, IBANs, FX settlement amount, remittance text', async () => {
  const [fx] = transactions(await readSample('wire20022/CustomerCreditTransfer_Variation5_pacs.008.xml'));
  // The settlement amount (USD), not the instructed EUR amount, is the amount that moved.
  assert.equal(fx!.amountMinor, 100985899);
  assert.equal(fx!.currency, 'USD');
  assert.deepEqual(fx!.originator, { name: 'Corporation Z', accountId: 'BE34001216371411', institutionId: 'BANZBEBB', country: 'BE', postalCode: '1180' });
  const [insurance] = transactions(await readSample('wire20022/CustomerCreditTransfer_Variation6_pacs.008.xml'));
  assert.equal(insurance!.purpose, 'Insurance Benefit/Policy XXAB9876/$500000.00');
  assert.deepEqual(insurance!.beneficiary, { name: 'Individual X', accountId: 'BR1800360305000010009795493C1', institutionId: 'BANXBRRJ', country: 'BR', postalCode: '22630-012' });
});

test('pain.001.001.03: debtor from PmtInf, country from the agent BIC, zero-decimal JPY, purpose code', async () => {
  const records = await readSample('iso20022-testdata/gistfile1.xml');
  const [jpy, eur, usd] = transactions(records);
  assert.deepEqual(records.map((record) => record.ok && record.location), [
    '/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]',
    '/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[2]',
    '/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[3]',
  ]);
  assert.deepEqual(jpy, {
    id: 'ABC/4562/2009-09-08',
    messageId: 'ABC/090928/CCT001',
    // CreDtTm 2009-09-28T14:07:00 has no zone: the requested execution date is used.
    time: '2009-09-29T00:00:00Z',
    amountMinor: 10000000,
    currency: 'JPY',
    channel: 'wire',
    originator: { name: 'ABC Corporation', accountId: '00125574999', institutionId: 'BBBBUS33', country: 'US', postalCode: 'NY 10036' },
    // The creditor's address has only AdrLine: the country comes from the creditor agent's BIC.
    beneficiary: { name: 'DEF Electronics', accountId: '23683707994125', institutionId: 'AAAAGB2L', country: 'GB' },
    purpose: 'CINV',
  });
  assert.equal(eur!.amountMinor, 50000000);
  assert.equal(eur!.beneficiary.country, 'BE');
  assert.equal(eur!.beneficiary.accountId, 'BE30001216371411');
  assert.equal(usd!.amountMinor, 100000000);
  assert.equal(usd!.purpose, 'INTC');
});

test('pain.001 with a local time offset uses the creation date-time; BOM and IBAN debtor without address', async () => {
  const [payment] = transactions(await readSample('iso20022-testdata/International_payment_USD_naujas_1.xml', { localTimeOffset: '+02:00' }));
  assert.deepEqual(payment, {
    id: 'EndToEndId0002',
    messageId: 'MSGID0002',
    time: '2015-09-28T10:00:00+02:00',
    amountMinor: 11111,
    currency: 'USD',
    channel: 'wire',
    originator: { name: 'IMONE X', accountId: 'LT007180000000000000', institutionId: 'CBSBLT26XXX', country: 'LT' },
    beneficiary: { name: 'COMPANY Z', accountId: '1234567890', institutionId: 'BKTRUS33', country: 'US' },
    purpose: 'Payment details',
  });
});

test('pacs.002 status reports are refused as an unsupported message, not read as zero transactions', async () => {
  for (const file of ['wire20022/CustomerCreditTransfer_Scenario1_Step2_pacs.002.xml', 'iso20022-testdata/valid_pacs_v11.xml']) {
    await assert.rejects(readSample(file), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /unsupported ISO 20022 message FIToFIPmtStsRpt \(urn:iso:std:iso:20022:tech:xsd:pacs\.002\.001\.1[01]\); Frontera reads pacs\.008 and pain\.001/);
      return true;
    });
  }
});
