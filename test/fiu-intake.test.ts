import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeCase, testProfile } from './reports-case-factory.ts';
import { prepareReport, type ReportKind } from '../src/reports/index.ts';
import { readFileSync } from 'node:fs';
import { receiveFile, createFiuStore, type FiuStore } from '../src/fiu/index.ts';
import { createIntakePool } from '../src/fiu/intake-pool.ts';
import { readWellFormedXml } from '../src/fiu/parse-formats.ts';
import { parseXmlSecure } from '../src/xml/index.ts';
import { migrateAll } from '../src/store/index.ts';
import { openPglite } from '../src/store/index.ts';
import type { Database } from '../src/store/index.ts';
import { createSqlAuditLog } from '../src/audit/index.ts';

async function render(kind: ReportKind, format: 'sar' | 'ctr' | 'goaml' | 'uif', indexes: number[]): Promise<string> {
  const prepared = await prepareReport(kind, indexes.map((index) => makeCase(format, index)), testProfile(), { date: '2026-03-01T00:00:00Z' });
  assert.ok(prepared.ok, JSON.stringify(prepared));
  return prepared.report.content;
}

const received = (content: string, fileId: string) => ({ content, fileName: `${fileId}.xml`, filerId: 'EIN:741234568', fileId, receivedAt: '2026-03-02T10:00:00Z' });

describe('FIU intake', () => {
  it('normalises a FinCEN SAR batch: one report per activity, subjects with identifiers, amounts in cents', async () => {
    const content = await render('sar', 'sar', [1, 2, 3]);
    const result = await receiveFile(received(content, 'sar-1'));
    assert.equal(result.acknowledgement.status, 'accepted');
    assert.equal(result.acknowledgement.detectedKind, 'fincen-sar');
    assert.deepEqual(result.acknowledgement.accepted.map((entry) => entry.reportId), ['sar-1#1', 'sar-1#2', 'sar-1#3']);
    const kase = makeCase('sar', 1);
    const report = result.reports[0]!;
    assert.equal(report.institution.institutionId, 'EIN:741234568');
    const subject = report.subjects.find((entry) => entry.role === 'subject')!;
    const party = kase.subject.party;
    const expected = party.identifiers.find((identifier) => identifier.kind === 'curp' || identifier.kind === 'ssn' || identifier.kind === 'ein' || identifier.kind === 'rfc')!;
    assert.ok(subject.identifiers.some((identifier) => identifier.value === expected.value.replace(/-/g, '')), JSON.stringify(subject.identifiers));
    assert.ok(report.amountMinor > 0 && report.amountMinor % 100 === 0, 'FinCEN amounts are whole dollars');
    assert.ok(report.categories.length > 0);
  });

  it('reads CTR, goAML and UIF files into the same model', async () => {
    const ctr = await receiveFile(received(await render('ctr', 'ctr', [1, 2]), 'ctr-1'));
    assert.equal(ctr.acknowledgement.status, 'accepted');
    assert.ok(ctr.reports.every((report) => report.transactions.some((transaction) => transaction.channel === 'cash_deposit')));
    const goaml = await receiveFile(received(await render('goaml', 'goaml', [1]), 'goaml-1'));
    assert.equal(goaml.acknowledgement.status, 'accepted');
    assert.equal(goaml.reports[0]!.kind, 'goaml');
    assert.ok(goaml.reports[0]!.subjects.some((subject) => subject.role === 'subject' && subject.identifiers.some((identifier) => identifier.kind === 'curp')));
    assert.ok(goaml.reports[0]!.transactions.length >= 1);
    const uif = await receiveFile(received(await render('uif-inusual', 'uif', [1, 2]), 'uif-1'));
    assert.equal(uif.acknowledgement.status, 'accepted');
    assert.equal(uif.reports[0]!.kind, 'uif-inusual');
    assert.equal(uif.reports[0]!.institution.country, 'MX');
  });

  it('rejects only the broken report of a batch and names it with its location', async () => {
    const content = await render('sar', 'sar', [1, 2, 3]);
    // Break the second activity: an unknown element inside its first Party.
    const activities = content.split('<fc2:Activity ');
    activities[2] = activities[2]!.replace('<fc2:ActivityPartyTypeCode>', '<fc2:Bogus>x</fc2:Bogus><fc2:ActivityPartyTypeCode>');
    const result = await receiveFile(received(activities.join('<fc2:Activity '), 'sar-2'));
    assert.equal(result.acknowledgement.status, 'partially_accepted');
    assert.deepEqual(result.acknowledgement.accepted.map((entry) => entry.sequence), [1, 3]);
    assert.ok(result.acknowledgement.errors.length >= 1);
    for (const error of result.acknowledgement.errors) {
      assert.equal(error.sequence, 2);
      assert.ok(error.line !== null && error.line > 0);
      assert.ok(error.reason.length > 0);
    }
    assert.deepEqual(result.rejected.map((entry) => entry.sequence), [2]);
  });

  it('rejects a UIF line with the wrong number of fields, keeping the others', async () => {
    const content = await render('uif-inusual', 'uif', [1, 2]);
    const lines = content.split('\n');
    lines[1] = lines[1]!.split(';').slice(0, 30).join(';');
    const result = await receiveFile(received(lines.join('\n'), 'uif-2'));
    assert.equal(result.acknowledgement.status, 'partially_accepted');
    assert.ok(result.acknowledgement.errors.some((error) => error.sequence === 2 && error.line === 2));
    assert.ok(result.reports.every((report) => report.sequence !== 2));
  });

  it('reads well-formed XML into exactly the tree parseXmlSecure builds (official samples, rendered batches, edge cases)', async () => {
    const samples = ['fincen/sar_batch.xml', 'fincen/ctr_batch.xml', 'goaml/STR.xml', 'goaml/SAR.xml'].map((path) => readFileSync(new URL(`../../shared/reference/samples/${path}`, import.meta.url), 'utf8'));
    const rendered = [await render('sar', 'sar', [1, 2, 3]), await render('ctr', 'ctr', [4, 5]), await render('goaml', 'goaml', [6])];
    const edge = '<?xml version="1.0"?><!-- c --><x:r xmlns:x="u" a="1 &amp; 2"><x:b q=\'&lt;\'/><x:b>t &#233; <![CDATA[<raw>]]></x:b><c/><c></c><d z="2">  v </d><e z="3"/></x:r>';
    for (const xml of [...samples, ...rendered, edge]) {
      const expected = parseXmlSecure(xml, { removeNamespacePrefix: true });
      assert.ok(expected.ok);
      assert.deepEqual(readWellFormedXml(xml), expected);
    }
    assert.equal(readWellFormedXml('<a><b></a>').ok, false);
    assert.equal(readWellFormedXml('<a>').ok, false);
  });

  it('names the activity, line and element of a schema error deep in a large batch', async () => {
    const indexes = Array.from({ length: 40 }, (_, index) => index + 1);
    const activities = (await render('sar', 'sar', indexes)).split('<fc2:Activity ');
    activities[37] = activities[37]!.replace('<fc2:ActivityPartyTypeCode>', '<fc2:Bogus>x</fc2:Bogus><fc2:ActivityPartyTypeCode>');
    const content = activities.join('<fc2:Activity ');
    const result = await receiveFile(received(content, 'sar-deep'));
    assert.equal(result.acknowledgement.status, 'partially_accepted');
    assert.equal(result.reports.length, 39);
    const [error] = result.acknowledgement.errors;
    assert.equal(result.acknowledgement.errors.length, 1);
    assert.equal(error!.sequence, 37);
    assert.equal(error!.line, content.split('\n').findIndex((line) => line.includes('<fc2:Bogus>')) + 1);
    assert.equal(error!.location, 'EFilingBatchXML/Activity/Party/Bogus');
    assert.match(error!.reason, /^Element 'Bogus': This element is not expected/);
  });

  it('rejects text that is not well-formed at file level, with its line, without reading it', async () => {
    const content = (await render('sar', 'sar', [1, 2])).replace('</fc2:FilingDateText>', '</fc2:FilingDate>');
    const result = await receiveFile(received(content, 'sar-broken'));
    assert.equal(result.acknowledgement.status, 'rejected');
    assert.equal(result.reports.length, 0);
    assert.ok(result.acknowledgement.errors.length >= 1);
    assert.ok(result.acknowledgement.errors.every((error) => error.sequence === null));
    assert.match(result.acknowledgement.errors[0]!.reason, /^not well-formed XML: /);
    assert.equal(result.acknowledgement.errors[0]!.line, content.split('\n').findIndex((line) => line.includes('</fc2:FilingDate>')) + 1);
  });

  it('refuses a DOCTYPE, an unknown format and an oversized file at file level', async () => {
    const doctype = await receiveFile(received('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><report/>', 'bad-1'));
    assert.equal(doctype.acknowledgement.status, 'rejected');
    assert.equal(doctype.acknowledgement.errors[0]!.sequence, null);
    const unknown = await receiveFile(received('hello;world', 'bad-2'));
    assert.equal(unknown.acknowledgement.status, 'rejected');
    const big = await receiveFile(received(await render('sar', 'sar', [1]), 'bad-3'), { maxBytes: 1000 });
    assert.equal(big.acknowledgement.status, 'rejected');
    assert.match(big.acknowledgement.errors[0]!.reason, /above the limit/);
  });
});

describe('FIU intake store', () => {
  let database: Database;
  let fiu: FiuStore;
  before(async () => {
    database = await openPglite({ dataDirectory: 'memory://' });
    await migrateAll(database);
    fiu = createFiuStore(database);
  });
  after(() => database.close());

  it('stores accepted reports, quarantines rejected ones, and reads a report back unchanged', async () => {
    const content = await render('sar', 'sar', [1, 2]);
    const result = await receiveFile(received(content, 'store-1'));
    await fiu.saveIntake(result, content);
    const broken = await receiveFile(received('<report><bogus/></report>', 'store-2'));
    await fiu.saveIntake(broken, '<report><bogus/></report>');
    assert.deepEqual(await fiu.reportIds(), ['store-1#1', 'store-1#2']);
    const back = await fiu.getReport('store-1#1');
    assert.deepEqual(back, result.reports[0]);
    const quarantined = await database.query<{ file_id: string }>('SELECT file_id FROM fiu_quarantine');
    assert.deepEqual(quarantined.rows.map((row) => row.file_id), ['store-2']);
    const files = await database.query<{ status: string }>('SELECT status FROM fiu_files ORDER BY file_id');
    assert.deepEqual(files.rows.map((row) => row.status), ['accepted', 'rejected']);
  });

  it('resolves the same subject filed twice into one entity with evidence, and audits merge and split', async () => {
    const content = await render('sar', 'sar', [1]);
    await fiu.saveIntake(await receiveFile(received(content, 'store-3')), content);
    const run = await fiu.resolve({ actor: 'system', time: '2026-03-02T11:00:00Z' });
    assert.ok(run.links >= 1);
    const subjectOf = async (reportId: string) => (await fiu.getReport(reportId))!.subjects.find((subject) => subject.role === 'subject')!.subjectId;
    const first = await subjectOf('store-1#1');
    const again = await subjectOf('store-3#1');
    const entityId = (await fiu.entityOfSubject(first))!;
    assert.equal(await fiu.entityOfSubject(again), entityId);
    const entity = (await fiu.getEntity(entityId))!;
    assert.ok(entity.links.some((link) => JSON.stringify(link.evidence).includes('"identifier"')));
    // The analyst splits the second mention off: it gets a new entity and the old id stays with the rest.
    await fiu.splitEntity({ entityId, mentionIds: [again], analyst: 'ana', reason: 'different person, same stolen CURP', time: '2026-03-02T12:00:00Z' });
    assert.equal(await fiu.entityOfSubject(first), entityId);
    const splitId = (await fiu.entityOfSubject(again))!;
    assert.notEqual(splitId, entityId);
    // A later run keeps the split.
    await fiu.resolve({ actor: 'system', time: '2026-03-02T13:00:00Z' });
    assert.notEqual(await fiu.entityOfSubject(again), await fiu.entityOfSubject(first));
    const other = await subjectOf('store-1#2');
    const otherEntity = (await fiu.entityOfSubject(other))!;
    await fiu.mergeEntities({ entityA: entityId, entityB: otherEntity, analyst: 'luis', reason: 'same front company', time: '2026-03-02T14:00:00Z' });
    assert.equal(await fiu.entityOfSubject(other), await fiu.entityOfSubject(first));
    const audit = await createSqlAuditLog(database).list();
    assert.deepEqual(audit.filter((entry) => entry.action.startsWith('fiu.entity.')).map((entry) => `${entry.action}:${entry.actor}`), ['fiu.entity.split:ana', 'fiu.entity.merged:luis']);
    assert.equal((await createSqlAuditLog(database).verify()).ok, true);
  });
});

describe('FIU intake on the worker pool', () => {
  it('gives the same results as receiveFile, and accepted + quarantined reports add up exactly in the store', async () => {
    const sar = await render('sar', 'sar', [1, 2, 3, 4, 5]);
    const activities = sar.split('<fc2:Activity ');
    activities[4] = activities[4]!.replace('<fc2:ActivityPartyTypeCode>', '<fc2:Bogus>x</fc2:Bogus><fc2:ActivityPartyTypeCode>');
    const uifLines = (await render('uif-inusual', 'uif', [1, 2])).split('\n');
    // The last line: a short line earlier would also break the folio sequence of every line after it.
    const last = uifLines.findLastIndex((line) => line.trim().length > 0);
    uifLines[last] = uifLines[last]!.split(';').slice(0, 12).join(';');
    const files = [
      { name: 'sar-ok', content: sar, offered: 5, quarantined: 0 },
      { name: 'sar-one-bad', content: activities.join('<fc2:Activity '), offered: 5, quarantined: 1 },
      { name: 'ctr-ok', content: await render('ctr', 'ctr', [1, 2, 3]), offered: 3, quarantined: 0 },
      { name: 'uif-one-bad', content: uifLines.join('\n'), offered: uifLines.filter((line) => line.trim().length > 0).length, quarantined: 1 },
      { name: 'not-xml', content: '<report><unclosed></report>', offered: 0, quarantined: 1 },
    ];
    const database = await openPglite({ dataDirectory: 'memory://' });
    await migrateAll(database);
    const store = createFiuStore(database);
    const pool = createIntakePool({ threads: 2 });
    try {
      const results = await Promise.all(files.map((file) => pool.receive(received(file.content, file.name))));
      let accepted = 0;
      for (const [index, result] of results.entries()) {
        const file = files[index]!;
        // The pool returns exactly what receiveFile returns on this thread.
        assert.deepEqual(result, await receiveFile(received(file.content, file.name)));
        assert.equal(result.acknowledgement.reportCount, file.offered, file.name);
        assert.equal(result.rejected.length, file.quarantined, file.name);
        assert.ok(result.rejected.every((entry) => entry.errors.length > 0 && entry.errors.every((error) => error.reason.length > 0)), file.name);
        if (file.offered > 0) assert.equal(result.acknowledgement.accepted.length + file.quarantined, file.offered, file.name);
        accepted += result.acknowledgement.accepted.length;
        await store.saveIntake(result, file.content);
      }
      const counts = (await database.query<{ reports: number; quarantined: number; distinct_reports: number }>('SELECT (SELECT count(*)::int FROM fiu_reports) AS reports, (SELECT count(DISTINCT report_id)::int FROM fiu_reports) AS distinct_reports, (SELECT count(*)::int FROM fiu_quarantine) AS quarantined')).rows[0]!;
      assert.deepEqual(counts, { reports: accepted, distinct_reports: accepted, quarantined: 3 });
      assert.equal(accepted, 5 + 4 + 3 + files[3]!.offered - 1);
      // Receiving a file twice under the same id is refused by the store, not counted twice.
      await assert.rejects(store.saveIntake(results[0]!, files[0]!.content));
      assert.equal((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM fiu_reports')).rows[0]!.n, accepted);
    } finally {
      await pool.close();
      await database.close();
    }
  });
});
