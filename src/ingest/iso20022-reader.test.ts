import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import { readTransactions, type IngestRecord, type ReadOptions } from './index.ts';

const OPTIONS: ReadOptions = { format: 'iso20022', sourceName: 'wires.xml' };

async function readAll(chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>, options: Partial<ReadOptions> = {}): Promise<IngestRecord[]> {
  const records: IngestRecord[] = [];
  for await (const record of readTransactions(chunks, { ...OPTIONS, ...options })) records.push(record);
  return records;
}

/** Reads until the reader fails; returns what it yielded before and the error. */
async function readUntilError(chunks: Iterable<string | Buffer>, options: Partial<ReadOptions> = {}): Promise<{ records: IngestRecord[]; error: ValidationError }> {
  const records: IngestRecord[] = [];
  try {
    for await (const record of readTransactions(chunks, { ...OPTIONS, ...options })) records.push(record);
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return { records, error };
  }
  assert.fail('expected the reader to fail');
}

const agent = (inner: string) => `<FinInstnId>${inner}</FinInstnId>`;
function creditTransfer(body: { pmtId: string; amount?: string; debtor?: string; debtorAgent?: string; extra?: string }): string {
  return `<ns:CdtTrfTxInf><ns:PmtId>${body.pmtId}</ns:PmtId>${body.amount ?? '<ns:IntrBkSttlmAmt Ccy="USD">1500.00</ns:IntrBkSttlmAmt>'}${body.extra ?? ''}<ns:ChrgBr>SLEV</ns:ChrgBr>
    <ns:Dbtr>${body.debtor ?? '<ns:Nm>Ñandú Logística</ns:Nm><ns:PstlAdr><ns:PstCd>64000</ns:PstCd><ns:Ctry>MX</ns:Ctry></ns:PstlAdr>'}</ns:Dbtr>
    <ns:DbtrAcct><ns:Id><ns:Othr><ns:Id>002010077777777771</ns:Id></ns:Othr></ns:Id></ns:DbtrAcct>
    <ns:DbtrAgt>${body.debtorAgent ?? agent('<ns:BICFI>BNMXMXMM</ns:BICFI>')}</ns:DbtrAgt>
    <ns:CdtrAgt>${agent('<ns:ClrSysMmbId><ns:ClrSysId><ns:Cd>USABA</ns:Cd></ns:ClrSysId><ns:MmbId>021000021</ns:MmbId></ns:ClrSysMmbId>')}</ns:CdtrAgt>
    <ns:Cdtr><ns:Nm>Acme Imports LLC</ns:Nm></ns:Cdtr>
    <ns:CdtrAcct><ns:Id><ns:Othr><ns:Id>77001234</ns:Id></ns:Othr></ns:Id></ns:CdtrAcct>
  </ns:CdtTrfTxInf>`.replace(/<(\/?)(?!ns:)([A-Z])/g, '<$1ns:$2');
}

const UETR = '8a562c67-ca16-48ba-b074-65581be6f011';
const ENVELOPE = `<?xml version="1.0" encoding="UTF-8"?>
<BizMsgEnvlp xmlns="urn:frontera:test:envelope">
  <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.03"><MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>2026-03-02T15:00:00Z</CreDt></AppHdr>
  <ns:Document xmlns:ns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><ns:FIToFICstmrCdtTrf>
    <ns:GrpHdr><ns:MsgId>CBPR-0001</ns:MsgId><ns:CreDtTm>2026-03-02T09:30:00-06:00</ns:CreDtTm><ns:NbOfTxs>8</ns:NbOfTxs><ns:SttlmInf><ns:SttlmMtd>INDA</ns:SttlmMtd></ns:SttlmInf></ns:GrpHdr>
    ${creditTransfer({ pmtId: `<ns:EndToEndId>NOTPROVIDED</ns:EndToEndId><ns:UETR>${UETR}</ns:UETR>` })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>NOTPROVIDED</ns:EndToEndId><ns:TxId>TX-2</ns:TxId>', extra: '<ns:AccptncDtTm>2026-03-02T16:01:02.5Z</ns:AccptncDtTm>' })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>E2E-3</ns:EndToEndId>', amount: '' })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>E2E-4</ns:EndToEndId>', debtor: '<ns:Nm>No Country</ns:Nm>', debtorAgent: agent('<ns:ClrSysMmbId><ns:MmbId>999</ns:MmbId></ns:ClrSysMmbId>') })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>E2E-5</ns:EndToEndId>', amount: '<ns:IntrBkSttlmAmt Ccy="USD">12.345</ns:IntrBkSttlmAmt>' })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>NOTPROVIDED</ns:EndToEndId>' })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>E2E-7</ns:EndToEndId>', debtor: '<ns:Nm>Resident</ns:Nm><ns:CtryOfRes>GT</ns:CtryOfRes>', debtorAgent: agent('<ns:Othr><ns:Id>NOTPROVIDED</ns:Id></ns:Othr>') })}
    ${creditTransfer({ pmtId: '<ns:EndToEndId>E2E-8</ns:EndToEndId>', debtor: '<ns:Nm>Agent Address</ns:Nm>', debtorAgent: agent('<ns:ClrSysMmbId><ns:MmbId>12</ns:MmbId></ns:ClrSysMmbId><ns:PstlAdr><ns:Ctry>CO</ns:Ctry></ns:PstlAdr>') })}
  </ns:FIToFICstmrCdtTrf></ns:Document>
</BizMsgEnvlp>`;
const PATH = '/BizMsgEnvlp/Document/FIToFICstmrCdtTrf/CdtTrfTxInf';

test('pacs.008 in an envelope with AppHdr and prefixed names: ids fall back from NOTPROVIDED, bad transactions quarantined with element paths', async () => {
  const records = await readAll([ENVELOPE]);
  assert.equal(records.length, 8);
  const good = records.flatMap((record) => (record.ok ? [record] : []));
  assert.deepEqual(good.map((record) => [record.transaction.id, record.location]), [
    [UETR, `${PATH}[1]`],
    ['TX-2', `${PATH}[2]`],
    ['E2E-7', `${PATH}[7]`],
    ['E2E-8', `${PATH}[8]`],
  ]);
  assert.deepEqual(good[0]!.transaction, {
    id: UETR,
    messageId: 'CBPR-0001',
    time: '2026-03-02T09:30:00-06:00',
    amountMinor: 150000,
    currency: 'USD',
    channel: 'wire',
    originator: { name: 'Ñandú Logística', accountId: '002010077777777771', institutionId: 'BNMXMXMM', country: 'MX', postalCode: '64000' },
    // USABA creditor agent and no creditor address: the country is the routing number's, US.
    beneficiary: { name: 'Acme Imports LLC', accountId: '77001234', institutionId: '021000021', country: 'US' },
  });
  assert.equal(good[1]!.transaction.time, '2026-03-02T16:01:02.5Z');
  assert.deepEqual(good[2]!.transaction.originator, { name: 'Resident', accountId: '002010077777777771', country: 'GT' });
  assert.equal(good[3]!.transaction.originator.country, 'CO');
  assert.equal(good[3]!.transaction.originator.institutionId, '12');
  const bad = records.flatMap((record) => (record.ok ? [] : [record.quarantined]));
  assert.deepEqual(bad.map((record) => [record.location, record.issues]), [
    [`${PATH}[3]`, [{ field: `${PATH}[3]/IntrBkSttlmAmt`, reason: 'is missing' }]],
    [`${PATH}[4]`, [{ field: `${PATH}[4]/Dbtr/PstlAdr/Ctry`, reason: 'is missing, and neither Dbtr/CtryOfRes nor the DbtrAgt (BIC, postal address, USABA member) gives a country' }]],
    [`${PATH}[5]`, [{ field: `${PATH}[5]/IntrBkSttlmAmt`, reason: "'12.345' is not a decimal amount with the decimal places of USD" }]],
    [`${PATH}[6]`, [{ field: `${PATH}[6]/PmtId/EndToEndId`, reason: "is 'NOTPROVIDED' and there is no UETR, TxId or InstrId to identify the transaction" }]],
  ]);
  assert.equal(bad[0]!.source, 'wires.xml');
  assert.match(bad[0]!.raw, /^<CdtTrfTxInf><PmtId><EndToEndId>E2E-3<\/EndToEndId><\/PmtId><ChrgBr>SLEV<\/ChrgBr>/);
});

test('ISO 20022: the result does not depend on chunk boundaries, even inside a multi-byte character', async () => {
  const whole = await readAll([ENVELOPE]);
  const bytes = Buffer.from(ENVELOPE);
  for (const size of [1, 5, 333]) {
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
    assert.deepEqual(await readAll(chunks), whole, `chunks of ${size} bytes`);
  }
});

test('XXE: a DOCTYPE with an external entity is refused and the file is never read', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'frontera-xxe-'));
  try {
    const secret = join(folder, 'secret.txt');
    writeFileSync(secret, 'FRONTERA-SECRET-MARKER');
    const document = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://${secret}">]>${ENVELOPE.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('Acme Imports LLC', '&e;')}`;
    const { records, error } = await readUntilError([document]);
    assert.deepEqual(records, []);
    assert.match(error.message, /^wires\.xml: DOCTYPE refused at line 1: DTDs and entity declarations are never processed/);
    assert.doesNotMatch(JSON.stringify({ message: error.message, issues: error.issues, details: error.details }), /FRONTERA-SECRET-MARKER/);
    // Also with the passwd file of the brief.
    const passwd = await readUntilError(['<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document><FIToFICstmrCdtTrf>&e;</FIToFICstmrCdtTrf></Document>']);
    assert.match(passwd.error.message, /DOCTYPE refused/);
    assert.doesNotMatch(passwd.error.message, /root:/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('billion laughs is refused at the DOCTYPE; an undeclared entity is a well-formedness error', async () => {
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><Document><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol9;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>`;
  assert.match((await readUntilError([bomb])).error.message, /DOCTYPE refused/);
  const undeclared = await readUntilError(['<Document><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol9;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>']);
  assert.match(undeclared.error.message, /^wires\.xml: XML is not well-formed at line 1, column 51: undefined entity\./);
});

test('a truncated document yields the transactions before the cut, then fails naming the position', async () => {
  const cut = ENVELOPE.indexOf('<ns:CdtTrfTxInf>', ENVELOPE.indexOf('E2E-3')) + 30;
  const { records, error } = await readUntilError([ENVELOPE.slice(0, cut)]);
  assert.deepEqual(records.map((record) => (record.ok ? record.transaction.id : record.quarantined.location)), [UETR, 'TX-2', `${PATH}[3]`]);
  const lastLine = ENVELOPE.slice(0, cut).split('\n').length;
  assert.match(error.message, new RegExp(`^wires\\.xml: the document ends before it is complete \\(line ${lastLine}, column \\d+\\): unclosed tag: ns:PmtId$`));
  assert.equal(error.details['line'], lastLine);
});

test('an oversized credit transfer is quarantined and reading goes on; an unbroken huge text is refused', async () => {
  const remittance = `<ns:RmtInf>${'<ns:Ustrd>pago de mercancía según factura</ns:Ustrd>'.repeat(200)}</ns:RmtInf>`;
  const document = ENVELOPE.replace('<ns:CdtTrfTxInf><ns:PmtId><ns:EndToEndId>NOTPROVIDED</ns:EndToEndId><ns:TxId>', `<ns:CdtTrfTxInf><ns:PmtId><ns:EndToEndId>NOTPROVIDED</ns:EndToEndId><ns:TxId>`)
    .replace('<ns:Cdtr><ns:Nm>Acme Imports LLC</ns:Nm></ns:Cdtr>', `<ns:Cdtr><ns:Nm>Acme Imports LLC</ns:Nm></ns:Cdtr>${remittance}`);
  const records = await readAll([document], { maxRecordBytes: 4096, maxRawChars: 100 });
  assert.equal(records.length, 8);
  for (const [index, record] of records.entries()) {
    // Only the first credit transfer received the remittance block (replace changes the first match).
    if (index !== 0) continue;
    assert.ok(!record.ok);
    assert.deepEqual(record.quarantined.issues, [{ field: `${PATH}[1]`, reason: 'credit transfer is larger than the limit of 4096 characters' }]);
    assert.ok(record.quarantined.raw.length <= 100 + 40);
  }
  assert.ok(records[1]?.ok);
  const huge = ENVELOPE.replace('Acme Imports LLC', 'A'.repeat(1_000_000));
  const { error } = await readUntilError([huge], { maxRecordBytes: 4096 });
  assert.match(error.message, /more than 73728 characters without markup near line \d+/);
});

test('encodings other than UTF-8, invalid UTF-8, the document limit and a file with no message are refused', async () => {
  const latin = await readUntilError([ENVELOPE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')]);
  assert.match(latin.error.message, /declares encoding ISO-8859-1; Frontera reads ISO 20022 in UTF-8 only/);
  const invalid = await readUntilError([Buffer.from('<Document><FIToFICstmrCdtTrf>'), Buffer.from([0xc3, 0x28]), Buffer.from('</FIToFICstmrCdtTrf></Document>')]);
  assert.match(invalid.error.message, /not valid UTF-8/);
  const limited = await readUntilError([ENVELOPE], { maxDocumentBytes: 1000 });
  assert.equal(limited.error.message, 'wires.xml: input is larger than the limit of 1000 bytes');
  const empty = await readUntilError(['<Invoice><Total>1</Total></Invoice>']);
  assert.match(empty.error.message, /no pacs\.008 \(FIToFICstmrCdtTrf\) or pain\.001 \(CstmrCdtTrfInitn\) message found/);
});

test('memory stays bounded: 20,000 credit transfers streamed from a generator', async () => {
  const count = 20_000;
  async function* document(): AsyncGenerator<string> {
    yield '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>BIG</MsgId><CreDtTm>2026-03-02T00:00:00Z</CreDtTm><NbOfTxs>20000</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>';
    let batch = '';
    for (let i = 1; i <= count; i++) {
      batch += creditTransfer({ pmtId: `<ns:EndToEndId>E-${i}</ns:EndToEndId>` }).replace(/ns:/g, '');
      if (i % 500 === 0) {
        yield batch;
        batch = '';
      }
    }
    yield '</FIToFICstmrCdtTrf></Document>';
  }
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  let read = 0;
  let last = '';
  for await (const record of readTransactions(document(), OPTIONS)) {
    assert.ok(record.ok);
    read++;
    last = record.location;
    if (read % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
  }
  assert.equal(read, count);
  assert.equal(last, '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[20000]');
  // The document is ~17 MB of text; holding it, or its tree, would take several times that.
  assert.ok(peak < 60 * 1024 * 1024, `heap grew by ${Math.round(peak / 1e6)} MB`);
});

test('pain.001.001.09: each PmtInf gives its own debtor and execution date to its transactions', async () => {
  const paymentInformation = (id: string, debtor: string, country: string, bic: string, date: string, transfers: string) => `
    <PmtInf><PmtInfId>${id}</PmtInfId><PmtMtd>TRF</PmtMtd><ReqdExctnDt><Dt>${date}</Dt></ReqdExctnDt>
      <Dbtr><Nm>${debtor}</Nm><PstlAdr><Ctry>${country}</Ctry></PstlAdr><Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id></Dbtr>
      <DbtrAcct><Id><IBAN>GB82WEST12345698765432</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></DbtrAgt>
      ${transfers}
    </PmtInf>`;
  const transfer = (id: string, amount: string) => `<CdtTrfTxInf><PmtId><InstrId>I-${id}</InstrId><EndToEndId>${id}</EndToEndId></PmtId>
      <Amt><InstdAmt Ccy="MXN">${amount}</InstdAmt></Amt>
      <CdtrAgt><FinInstnId><BICFI>BNMXMXMMXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Proveedora del Bajío</Nm><PstlAdr><PstCd>37000</PstCd><Ctry>MX</Ctry></PstlAdr></Cdtr>
      <CdtrAcct><Id><Othr><Id>002010077777777771</Id></Othr></Id></CdtrAcct>
      <RmtInf><Ustrd>Factura A-1</Ustrd><Ustrd>y A-2</Ustrd></RmtInf></CdtTrfTxInf>`;
  const document = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>
    <GrpHdr><MsgId>PAIN-9</MsgId><CreDtTm>2026-03-02T08:00:00</CreDtTm><NbOfTxs>3</NbOfTxs><InitgPty><Nm>Importadora</Nm></InitgPty></GrpHdr>
    ${paymentInformation('P1', 'Importadora del Norte', 'US', 'CHASUS33', '2026-03-03', transfer('A', '1000.50') + transfer('B', '20'))}
    ${paymentInformation('P2', 'Importadora Sur', 'MX', 'BNMXMXMM', '2026-03-04', transfer('C', '7.5'))}
  </CstmrCdtTrfInitn></Document>`;
  const records = await readAll([document]);
  assert.deepEqual(records.map((record) => record.ok && [record.location, record.transaction.id, record.transaction.time, record.transaction.amountMinor, record.transaction.originator.name]), [
    ['/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]', 'A', '2026-03-03T00:00:00Z', 100050, 'Importadora del Norte'],
    ['/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[2]', 'B', '2026-03-03T00:00:00Z', 2000, 'Importadora del Norte'],
    ['/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]', 'C', '2026-03-04T00:00:00Z', 750, 'Importadora Sur'],
  ]);
  const first = records[0];
  assert.ok(first?.ok);
  assert.deepEqual(first.transaction.originator, { partyId: '5493001KJTIIGC8Y1R12', name: 'Importadora del Norte', accountId: 'GB82WEST12345698765432', institutionId: 'CHASUS33', country: 'US' });
  assert.deepEqual(first.transaction.beneficiary, { name: 'Proveedora del Bajío', accountId: '002010077777777771', institutionId: 'BNMXMXMMXXX', country: 'MX', postalCode: '37000' });
  assert.equal(first.transaction.purpose, 'Factura A-1 y A-2');
  // With a local offset the zone-less creation time is used instead of the execution date.
  const withOffset = await readAll([document], { localTimeOffset: '-06:00' });
  assert.deepEqual(withOffset.map((record) => record.ok && record.transaction.time), ['2026-03-02T08:00:00-06:00', '2026-03-02T08:00:00-06:00', '2026-03-02T08:00:00-06:00']);
});

test('several messages in one file are read in turn; nesting deeper than 64 levels is refused', async () => {
  const single = ENVELOPE.slice(ENVELOPE.indexOf('<ns:Document'), ENVELOPE.indexOf('</BizMsgEnvlp>'));
  const records = await readAll([`<Batch>${single}${single.replace('CBPR-0001', 'CBPR-0002')}</Batch>`]);
  assert.equal(records.length, 16);
  const last = records[15];
  assert.ok(last?.ok);
  assert.equal(last.location, '/Batch/Document[2]/FIToFICstmrCdtTrf/CdtTrfTxInf[8]');
  assert.equal(last.transaction.messageId, 'CBPR-0002');
  const deep = `<Document><FIToFICstmrCdtTrf>${'<SplmtryData>'.repeat(70)}${'</SplmtryData>'.repeat(70)}</FIToFICstmrCdtTrf></Document>`;
  assert.match((await readUntilError([deep])).error.message, /elements are nested deeper than 64 levels/);
});

test('a message whose GrpHdr/NbOfTxs differs from its credit transfers is refused after they are read', async () => {
  const { records, error } = await readUntilError([ENVELOPE.replace('<ns:NbOfTxs>8</ns:NbOfTxs>', '<ns:NbOfTxs>9</ns:NbOfTxs>')]);
  assert.equal(records.length, 8);
  assert.match(error.message, /^wires\.xml: \/BizMsgEnvlp\/Document\/FIToFICstmrCdtTrf\/GrpHdr\/NbOfTxs is 9 but \/BizMsgEnvlp\/Document\/FIToFICstmrCdtTrf has 8 credit transfers$/);
});
