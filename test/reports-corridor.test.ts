/**
 * Reports from the synthetic corridor end to end: corridors are generated, monitored by the
 * engine, and alerts become cases whose subjects come from the corridor's KYC files; every
 * report format is rendered from those cases and must validate — FinCEN SAR and CTR, goAML and
 * SAT VEH against the official XSDs, UIF against the documented 41-field layout.
 *
 * Each alerted subject gets a case for each regulator (US: SAR, goAML; MX: UIF inusual and
 * relevante, SAT VEH), as a bank filing on both sides of the border would open. CTRs come from
 * the daily cash aggregation of the monitored transactions; VEH notices from every vehicle sale
 * (a payment to a car dealer) in the corridors plus one larger, unmonitored corridor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casesFromAlerts, openCase, recordCommitteeDecision, type Case, type CaseSources } from '../src/cases/index.ts';
import { demoVehicleOperation, prepareDemoCorridor, resolveDemoSubjectKey, subjectFromParty, type DemoCorridor } from '../src/demo/index.ts';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import {
  aggregateDailyCash, checkCase, renderCtrBatch, renderGoamlStr, renderSarBatch, renderUifReport, renderVehicleNotices, typologyHintsOf,
  uifOperations, validateAgainstOfficial, validateUifReport, vehicleSaleOperation, type ReportKind, type SchemaKey,
} from '../src/reports/index.ts';
import { generateCorridor } from '../src/synth/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';
import { testProfile } from './reports-case-factory.ts';

const SUBJECTS_WANTED = 200;
const profile = testProfile();
const filingDate = '2026-04-02';
const now = '2026-04-01T12:00:00Z';
const context = { actor: 'system', now };
const typologies = loadBuiltinTypologies();

type Corridor = { seed: number; demo: DemoCorridor; alerts: Alert[] };

function monitor(seed: number): Corridor {
  const demo = prepareDemoCorridor({ seed, transactions: 20_000, days: 60, liveShare: 0 });
  const engine = createEngine({ typologies });
  const alerts: Alert[] = [];
  for (const transaction of demo.history) alerts.push(...engine.process(transaction).alerts);
  return { seed, demo, alerts };
}

function casesFor(corridor: Corridor, jurisdiction: 'US' | 'MX'): Case[] {
  const { demo, alerts } = corridor;
  const byId = new Map(demo.history.map((transaction) => [transaction.id, transaction]));
  const byTypology = new Map(typologies.map((typology) => [typology.id, typology]));
  const sources: CaseSources = {
    subject: (key) => resolveDemoSubjectKey(demo, key) ?? undefined,
    transaction: (id) => byId.get(id),
    hints: (id) => {
      const typology = byTypology.get(id);
      return typology ? typologyHintsOf(typology).hints : undefined;
    },
    jurisdiction: () => jurisdiction,
    vulnerableActivity: (subject, transactions) => demoVehicleOperation(demo, subject, transactions),
    institutionName: 'Banco Frontera',
  };
  const { opened, unresolved } = casesFromAlerts(alerts, [], sources, context);
  assert.deepEqual(unresolved, [], 'every alert resolves to a corridor party');
  return opened.map((result) => {
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    if (jurisdiction === 'US') return result.value;
    const decided = recordCommitteeDecision(result.value, '2026-03-30T17:00:00Z', context);
    assert.ok(decided.ok);
    return decided.value;
  });
}

function assertChecked(kind: ReportKind, cases: readonly Case[]): void {
  const failing = cases.map((kase) => ({ id: kase.id, subject: kase.subject.party.id, result: checkCase(kind, kase, profile) })).filter((entry) => !entry.result.ok);
  assert.deepEqual(failing, [], `${kind}: every corridor case has what the report needs`);
}

async function assertValid(key: SchemaKey, documents: readonly string[]): Promise<void> {
  const { results } = await validateAgainstOfficial(key, documents);
  const invalid = results.map((result, index) => ({ index, issues: result.issues.slice(0, 3) })).filter((result) => result.issues.length > 0);
  assert.deepEqual(invalid, [], `${key}: every document validates`);
  assert.equal(results.length, documents.length);
}

const corridors: Corridor[] = [];
const usCases: Case[] = [];
const mxCases: Case[] = [];

test(`corridors are monitored until at least ${SUBJECTS_WANTED} alerted subjects have cases`, (t) => {
  const subjects = new Set<string>();
  for (let seed = 7; subjects.size < SUBJECTS_WANTED && seed < 14; seed++) {
    const corridor = monitor(seed);
    corridors.push(corridor);
    for (const kase of casesFor(corridor, 'US')) {
      usCases.push(kase);
      subjects.add(`${seed}/${kase.subject.party.id}`);
    }
    mxCases.push(...casesFor(corridor, 'MX'));
  }
  assert.ok(subjects.size >= SUBJECTS_WANTED, `${subjects.size} subjects`);
  t.diagnostic(`${corridors.length} corridors (seeds ${corridors.map((c) => c.seed).join(', ')}), ${corridors.reduce((n, c) => n + c.alerts.length, 0)} alerts, ${subjects.size} subjects, ${usCases.length} US and ${mxCases.length} MX cases`);
  assert.equal(mxCases.length, usCases.length);
  // The KYC files reach the subjects: both countries, persons and companies, Mexican colonias.
  assert.ok(usCases.some((kase) => kase.subject.party.type === 'company') && usCases.some((kase) => kase.subject.party.country === 'MX'));
  assert.ok(usCases.every((kase) => kase.subject.address !== undefined && kase.subject.economicActivityCode !== undefined));
  assert.ok(usCases.filter((kase) => kase.subject.address?.country === 'MX').every((kase) => kase.subject.address!.colonia && kase.subject.address!.cnbvLocalityCode));
});

test('FinCEN SAR: every corridor case renders and validates against EFL_SARXBatchSchema.xsd', async () => {
  assertChecked('sar', usCases);
  await assertValid('fincen-sar', usCases.map((kase) => renderSarBatch([kase], profile, { filingDate }).xml));
});

test('goAML STR: every corridor case renders and validates against goAMLSchema.xsd', async () => {
  assertChecked('goaml', usCases);
  await assertValid('goaml', usCases.map((kase) => renderGoamlStr(kase, profile, { submissionDate: filingDate })));
});

test('UIF operaciones inusuales: every corridor case renders and passes the 41-field layout', () => {
  assertChecked('uif-inusual', mxCases);
  const failing = mxCases
    .map((kase) => ({ id: kase.id, issues: validateUifReport(renderUifReport('inusual', [kase], profile, { period: filingDate }).content, 'inusual').slice(0, 3) }))
    .filter((entry) => entry.issues.length > 0);
  assert.deepEqual(failing, []);
  // One file with every case: folios run on across cases.
  assert.deepEqual(validateUifReport(renderUifReport('inusual', mxCases, profile, { period: filingDate }).content, 'inusual'), []);
});

test('UIF operaciones relevantes: every corridor case with cash of USD 7,500 or more renders and passes the layout', (t) => {
  const relevant = mxCases.filter((kase) => uifOperations(kase, 'relevante').length > 0);
  assert.ok(relevant.length > 0, 'some alerted subjects move cash of USD 7,500 or more');
  t.diagnostic(`${relevant.length} relevantes cases`);
  assertChecked('uif-relevante', relevant);
  for (const kase of relevant) assert.deepEqual(validateUifReport(renderUifReport('relevante', [kase], profile, { period: filingDate }).content, 'relevante'), [], kase.id);
});

test('FinCEN CTR: every daily cash aggregate above USD 10,000 in the corridors renders and validates', async (t) => {
  const cases: Case[] = [];
  for (const { seed, demo } of corridors) {
    const usdCash = demo.history.filter((transaction) => transaction.currency === 'USD');
    for (const aggregate of aggregateDailyCash(usdCash).aggregates) {
      const subject = resolveDemoSubjectKey(demo, aggregate.partyId);
      assert.ok(subject, `cash of ${aggregate.partyId} is attributed to a corridor party`);
      const opened = openCase({ id: `CTR-${seed}-${aggregate.partyId}-${aggregate.businessDay}`, jurisdiction: 'US', subject, alerts: [], transactions: aggregate.transactions, ctrBusinessDay: aggregate.businessDay }, context);
      assert.ok(opened.ok);
      cases.push(opened.value);
    }
  }
  assert.ok(cases.length >= 20, `${cases.length} CTR aggregates`);
  t.diagnostic(`${cases.length} CTR aggregates`);
  assertChecked('ctr', cases);
  await assertValid('fincen-ctr', cases.map((kase) => renderCtrBatch([kase], profile, { filingDate }).xml));
});

test('SAT VEH: every vehicle sale in the corridors becomes a notice that validates against veh.xsd', async (t) => {
  const cases: Case[] = [];
  const saleCase = (seed: number, transaction: Transaction, subject: Parameters<typeof openCase>[0]['subject'], vehicle: Parameters<typeof vehicleSaleOperation>[1]) => {
    const vulnerableActivity = vehicleSaleOperation(transaction, vehicle);
    assert.ok(vulnerableActivity, `${transaction.id} has a 5-digit dealer postal code`);
    const opened = openCase({ id: `VEH-${seed}-${transaction.id}`, jurisdiction: 'MX', subject, alerts: [], transactions: [transaction], vulnerableActivity }, context);
    assert.ok(opened.ok);
    cases.push(opened.value);
  };
  // Alerted subjects who paid a dealer carry the sale on their case.
  const alerted = mxCases.filter((kase) => kase.vulnerableActivity !== undefined);
  cases.push(...alerted);
  for (const { seed, demo } of corridors) {
    for (const [transactionId, sale] of demo.vehicleSales) {
      const transaction = demo.history.find((candidate) => candidate.id === transactionId)!;
      saleCase(seed, transaction, resolveDemoSubjectKey(demo, sale.buyerPartyId)!, sale);
    }
  }
  // A larger corridor, generated but not monitored, for more buyers.
  const larger = generateCorridor({ seed: 31, transactions: 150_000, days: 30 });
  const sales: Array<{ transaction: Transaction; sale: NonNullable<ReturnType<typeof larger.vehicleSale>> }> = [];
  for (const batch of larger.batches()) {
    for (const transaction of batch.transactions) {
      const sale = larger.vehicleSale(transaction);
      if (sale) sales.push({ transaction, sale });
    }
  }
  const buyers = new Set(sales.map(({ sale }) => sale.buyerPartyId));
  const profiles = new Map([...larger.profiles()].filter(({ party }) => buyers.has(party.id)).map((entry) => [entry.party.id, entry]));
  const accounts = [...larger.accounts()];
  const institutions = new Map(larger.institutions.map((institution) => [institution.id, institution]));
  for (const { transaction, sale } of sales) {
    const { party, kyc } = profiles.get(sale.buyerPartyId)!;
    saleCase(31, transaction, subjectFromParty(party, kyc, accounts.filter((account) => account.partyId === party.id), institutions), sale);
  }
  assert.ok(cases.length >= 25, `${cases.length} vehicle sales`);
  t.diagnostic(`${cases.length} vehicle sale notices (${alerted.length} on alerted cases)`);
  assertChecked('av', cases);
  await assertValid('sat-av-veh', cases.map((kase) => renderVehicleNotices([kase], profile, { reportedMonth: kase.vulnerableActivity!.operationDate.slice(0, 7) })));
});
