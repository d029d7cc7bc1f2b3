import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Transaction } from '../domain/index.ts';
import { ValidationError } from '../errors.ts';
import { validateXml } from '../xml/index.ts';
import { readTransactions, renderPacs008, isValidIban } from './index.ts';

const SCHEMAS = '../shared/reference/schemas/iso20022';
const schemaOf = (version: '08' | '09') => ({
  name: `pacs.008.001.${version}`,
  files: [{ fileName: `pacs.008.001.${version}.xsd`, contents: readFileSync(`${SCHEMAS}/pacs.008.001.${version}.xsd`, 'utf8') }],
});

const MESSAGE_ID = 'FRONTERA-20260302-0001';

function wire(index: number): Transaction {
  const kinds = index % 3;
  return {
    id: `E2E-${String(index).padStart(6, '0')}`,
    messageId: MESSAGE_ID,
    time: `2026-03-02T${String(index % 24).padStart(2, '0')}:05:00${index % 2 === 0 ? 'Z' : '-06:00'}`,
    amountMinor: 100 + index * 12_345,
    currency: index % 4 === 0 ? 'MXN' : 'USD',
    channel: 'wire',
    originator: {
      partyId: `P-${index}`,
      name: 'Transportes Ñandú y Asociados S.A. de C.V. & <Cía>',
      // CLABE with a valid check digit, an ABA-routed US account, or an IBAN.
      accountId: kinds === 0 ? '002010077777777771' : kinds === 1 ? `US-ACC-${index}` : 'BE68539007547034',
      institutionId: kinds === 0 ? '002' : kinds === 1 ? '021000021' : 'BNMXMXMM',
      country: kinds === 0 ? 'MX' : kinds === 1 ? 'US' : 'BE',
      postalCode: '06600',
    },
    beneficiary: {
      name: 'Acme Imports LLC',
      accountId: `ACC${index}`,
      institutionId: index % 2 === 0 ? 'CHASUS33XXX' : 'CORRESPONDENT-7',
      country: 'US',
    },
    ...(index % 5 === 0 ? {} : { purpose: `Invoice ${index} ${'pago de mercancía '.repeat(index % 20)}`.trim() }),
  };
}

async function readBack(xml: string): Promise<Transaction[]> {
  const transactions: Transaction[] = [];
  for await (const record of readTransactions([xml], { format: 'iso20022', sourceName: 'round-trip.xml' })) {
    if (!record.ok) assert.fail(`quarantined: ${JSON.stringify(record.quarantined.issues)}`);
    transactions.push(record.transaction);
  }
  return transactions;
}

test('IBAN check digits (ISO 13616 mod 97)', () => {
  assert.equal(isValidIban('BE68539007547034'), true);
  assert.equal(isValidIban('BE34001216371411'), false); // the Fedwire sample's IBAN is illustrative only
  assert.equal(isValidIban('BE69539007547034'), false);
  assert.equal(isValidIban('GB82WEST12345698765432'), true);
  assert.equal(isValidIban('002010077777777771'), false);
});

for (const version of ['08', '09'] as const) {
  test(`renderPacs008 v${version}: 1,000 transactions validate against the official XSD and read back unchanged`, async () => {
    const transactions = Array.from({ length: 1000 }, (_, index) => wire(index));
    const xml = renderPacs008(transactions, { version, messageId: MESSAGE_ID, createdAt: '2026-03-02T23:59:00Z', clearingSystem: 'FDW' });
    const validation = await validateXml(xml, schemaOf(version));
    assert.deepEqual(validation.issues, []);
    assert.equal(validation.valid, true);
    assert.deepEqual(await readBack(xml), transactions);
  });
}

test('renderPacs008 v10 uses the .10 namespace and reads back unchanged', async () => {
  const transactions = [wire(1), wire(2)];
  const xml = renderPacs008(transactions, { version: '10', messageId: MESSAGE_ID, createdAt: '2026-03-02T23:59:00Z' });
  assert.match(xml, /<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs\.008\.001\.10">/);
  assert.deepEqual(await readBack(xml), transactions);
});

test('renderPacs008 writes identifiers in their ISO 20022 places', () => {
  const xml = renderPacs008([wire(0), wire(1), wire(2)], { version: '08', messageId: MESSAGE_ID, createdAt: '2026-03-02T23:59:00Z' });
  assert.match(xml, /<Othr>\s*<Id>002010077777777771<\/Id>\s*<SchmeNm>\s*<Prtry>CLABE<\/Prtry>/);
  assert.match(xml, /<ClrSysId>\s*<Prtry>SPEI<\/Prtry>\s*<\/ClrSysId>\s*<MmbId>002<\/MmbId>/);
  assert.match(xml, /<ClrSysId>\s*<Cd>USABA<\/Cd>\s*<\/ClrSysId>\s*<MmbId>021000021<\/MmbId>/);
  assert.match(xml, /<IBAN>BE68539007547034<\/IBAN>/);
  assert.match(xml, /<BICFI>CHASUS33XXX<\/BICFI>/);
  assert.match(xml, /<IntrBkSttlmAmt Ccy="MXN">1.00<\/IntrBkSttlmAmt>/);
  assert.match(xml, /Transportes Ñandú y Asociados S\.A\. de C\.V\. &amp; &lt;Cía&gt;/);
});

test('renderPacs008 refuses what pacs.008 cannot carry, naming each transaction and field', () => {
  const cash: Transaction = { ...wire(1), channel: 'cash_deposit', location: { country: 'US' } };
  const longId: Transaction = { ...wire(2), id: 'X'.repeat(36) };
  assert.throws(
    () => renderPacs008([wire(0), cash, longId], { version: '08', messageId: MESSAGE_ID, createdAt: '2026-03-02T23:59:00Z' }),
    (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(error.issues.map((issue) => issue.field), ['transactions[1].channel', 'transactions[1].location', 'transactions[2].id']);
      assert.equal(error.issues[2]!.reason, 'is 36 characters; EndToEndId allows at most 35');
      return true;
    },
  );
  assert.throws(() => renderPacs008([wire(0)], { version: '08', messageId: MESSAGE_ID, createdAt: '2026-03-02' }), /cannot render pacs.008/);
});
