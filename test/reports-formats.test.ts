import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkCase, renderSarBatch, renderCtrBatch, renderGoamlStr, renderVehicleNotices, renderUifReport, validateUifReport,
  validateAgainstOfficial, prepareReport, detectReportKind, type ReportKind, type SchemaKey,
} from '../src/reports/index.ts';
import type { Case } from '../src/cases/index.ts';
import { makeCase, testProfile, type FactoryFormat } from './reports-case-factory.ts';

const CASES_PER_FORMAT = 200;
const profile = testProfile();
const filingDate = '2026-03-05';

function casesFor(format: FactoryFormat): Case[] {
  return Array.from({ length: CASES_PER_FORMAT }, (_, index) => makeCase(format, index));
}

function assertAllChecked(kind: ReportKind, cases: readonly Case[]): void {
  const failing = cases.map((kase) => ({ id: kase.id, result: checkCase(kind, kase, profile) })).filter((c) => !c.result.ok);
  assert.deepEqual(failing, [], `${kind}: every generated case has what the report needs`);
}

async function assertAllValid(key: SchemaKey, documents: readonly string[]): Promise<void> {
  const { results } = await validateAgainstOfficial(key, documents);
  const invalid = results.map((r, index) => ({ index, issues: r.issues.slice(0, 3) })).filter((r) => r.issues.length > 0);
  assert.deepEqual(invalid, [], `${key}: every rendered document validates against the official schema`);
  assert.equal(results.filter((r) => r.valid).length, documents.length);
}

test(`FinCEN SAR: ${CASES_PER_FORMAT} generated cases render and validate against EFL_SARXBatchSchema.xsd`, async () => {
  const cases = casesFor('sar');
  assertAllChecked('sar', cases);
  const documents = cases.map((kase) => renderSarBatch([kase], profile, { filingDate }).xml);
  await assertAllValid('fincen-sar', documents);
  // One batch holding all of them validates too (SeqNums unique across the file).
  await assertAllValid('fincen-sar', [renderSarBatch(cases, profile, { filingDate }).xml]);
  assert.equal(detectReportKind(documents[0]!)?.kind, 'fincen-sar');
});

test(`FinCEN CTR: ${CASES_PER_FORMAT} daily cash aggregates render and validate against EFL_CTRXBatchSchema.xsd`, async () => {
  const cases = casesFor('ctr');
  assertAllChecked('ctr', cases);
  await assertAllValid('fincen-ctr', cases.map((kase) => renderCtrBatch([kase], profile, { filingDate }).xml));
  await assertAllValid('fincen-ctr', [renderCtrBatch(cases, profile, { filingDate }).xml]);
});

test(`goAML 5.0.2 STR: ${CASES_PER_FORMAT} generated cases render and validate against goAMLSchema.xsd`, async () => {
  const cases = casesFor('goaml');
  assertAllChecked('goaml', cases);
  await assertAllValid('goaml', cases.map((kase) => renderGoamlStr(kase, profile, { submissionDate: filingDate })));
});

test(`SAT Actividades Vulnerables (VEH): ${CASES_PER_FORMAT} generated cases render and validate against veh.xsd`, async () => {
  const cases = casesFor('av');
  assertAllChecked('av', cases);
  await assertAllValid('sat-av-veh', cases.map((kase) => renderVehicleNotices([kase], profile, { reportedMonth: kase.vulnerableActivity!.operationDate.slice(0, 7) })));
});

test(`UIF bank reports: ${CASES_PER_FORMAT} generated cases follow the 41-field layout (inusuales, preocupantes, relevantes)`, () => {
  const cases = casesFor('uif');
  assertAllChecked('uif-inusual', cases);
  for (const kase of cases) {
    const inusual = renderUifReport('inusual', [kase], profile, { period: filingDate });
    assert.deepEqual(validateUifReport(inusual.content, 'inusual'), [], kase.id);
    assert.equal(inusual.content.split('\n').filter(Boolean).length, kase.transactions.length);
    const preocupante = renderUifReport('interna-preocupante', [kase], profile, { period: filingDate });
    assert.deepEqual(validateUifReport(preocupante.content, 'interna-preocupante'), [], kase.id);
    const relevante = renderUifReport('relevante', [kase], profile, { period: filingDate });
    assert.deepEqual(validateUifReport(relevante.content, 'relevante'), [], kase.id);
  }
  const all = renderUifReport('inusual', cases, profile, { period: filingDate });
  assert.deepEqual(validateUifReport(all.content, 'inusual'), []);
  assert.equal(all.fileName, '2040072260305.002');
  assert.equal(detectReportKind(all.content)?.kind, 'uif-inusual');
});

test('a UIF line that cannot be read is reported alone; the folios after it are not all out of sequence', () => {
  const cases = [0, 1, 2].map((index) => makeCase('uif', index));
  const lines = renderUifReport('inusual', cases, profile, { period: filingDate }).content.split('\n').filter(Boolean);
  assert.ok(lines.length >= 3);
  const broken = [...lines];
  broken[1] = broken[1]!.split(';').slice(0, 30).join(';');
  assert.deepEqual(validateUifReport(`${broken.join('\n')}\n`, 'inusual'), [{ line: 2, field: 'line', reason: 'has 30 fields; the layout has 41' }]);
  const skipped = [...lines];
  skipped[1] = skipped[1]!.replace(/^(\d;[^;]*;)\d{6}/, '$1999999');
  assert.ok(validateUifReport(`${skipped.join('\n')}\n`, 'inusual').some((issue) => issue.line === 2 && issue.field === '3 FOLIO'), 'a wrong folio on a readable line is still an error');
});

test('prepareReport runs check, render and validation end to end for every kind', async () => {
  const kinds: Array<[ReportKind, FactoryFormat]> = [['sar', 'sar'], ['ctr', 'ctr'], ['goaml', 'goaml'], ['av', 'av'], ['uif-inusual', 'uif'], ['uif-relevante', 'uif']];
  for (const [kind, format] of kinds) {
    const kase = makeCase(format, 1);
    const result = await prepareReport(kind, [kase], profile, { date: filingDate });
    assert.ok(result.ok, `${kind}: ${JSON.stringify(!result.ok && result.issues)}`);
    assert.equal(result.report.documents[0]!.caseId, kase.id);
    assert.match(result.report.sha256, /^[0-9a-f]{64}$/);
  }
});
