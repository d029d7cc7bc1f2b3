/**
 * Reports from the synthetic corridor end to end: corridors are generated, monitored by the
 * engine, and alerts become cases whose subjects come from the corridor's KYC files; every
 * report format is rendered from those cases and must validate — FinCEN SAR and CTR, goAML and
 * SAT VEH against the official XSDs, UIF against the documented 41-field layout — with at least
 * 200 reports per format.
 *
 * Each alerted subject gets a case for each regulator (US: SAR, goAML; MX: UIF inusual and
 * relevante, SAT VEH), as a bank filing on both sides of the border would open. Employees of
 * Mexican banks (marked in the KYC files) who take part in alerted activity get an interna
 * preocupante. CTRs, relevantes and VEH notices need volume, not alerts: besides the monitored
 * corridors they come from a larger corridor streamed once without the engine (see `LARGER`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casesFromAlerts, openCase, recordCommitteeDecision, type Case, type CaseSources, type CaseSubject } from '../src/cases/index.ts';
import { demoVehicleOperation, prepareDemoCorridor, resolveDemoSubjectKey, subjectFromParty, type DemoCorridor } from '../src/demo/index.ts';
import { DEFAULT_RATES, toUsdMinor, type Account, type Alert, type Transaction } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import {
  aggregateDailyCash, checkCase, renderCtrBatch, renderGoamlStr, renderSarBatch, renderUifReport, renderVehicleNotices, typologyHintsOf,
  quarterPeriod, RELEVANT_CASH_THRESHOLD_USD_MINOR, uifOperations, validateAgainstOfficial, validateUifReport, vehicleSaleOperation, type CashAggregate, type ReportKind, type SchemaKey,
} from '../src/reports/index.ts';
import { generateCorridor, type VehicleSale } from '../src/synth/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';
import { testProfile } from './reports-case-factory.ts';

const SUBJECTS_WANTED = 200;
/** Reports wanted per format; CTR, relevantes and VEH reach it with the larger corridor below. */
const REPORTS_WANTED = 200;
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
/** The corridor each Mexican case came from (its KYC files tell who is staff). */
const corridorOfCase = new Map<Case, Corridor>();

test(`corridors are monitored until at least ${SUBJECTS_WANTED} alerted subjects have cases`, (t) => {
  const subjects = new Set<string>();
  for (let seed = 7; subjects.size < SUBJECTS_WANTED && seed < 14; seed++) {
    const corridor = monitor(seed);
    corridors.push(corridor);
    for (const kase of casesFor(corridor, 'US')) {
      usCases.push(kase);
      subjects.add(`${seed}/${kase.subject.party.id}`);
    }
    for (const kase of casesFor(corridor, 'MX')) {
      mxCases.push(kase);
      corridorOfCase.set(kase, corridor);
    }
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


/**
 * The larger corridor: generated but not monitored, and streamed once, day by day, for what needs
 * volume rather than alerts — cash aggregation and car purchases need no engine. 2,000,000
 * transactions over 90 days (the first quarter of 2026) hold 243 Mexican bank clients with relevant
 * cash in the quarter, 399 vehicle sales and, at the corridor's largest US bank alone, about 300
 * daily cash aggregates above USD 10,000. Only the day being aggregated, the findings and the
 * subjects they name are kept.
 */
const LARGER = { seed: 31, transactions: 2_000_000, days: 90 } as const;

type LargerCorridor = {
  /** Daily cash aggregates above USD 10,000 on the accounts of one US bank, the CTR filer (31 CFR 1010.313 aggregates within an institution). */
  cashAggregates: CashAggregate[];
  /** Cash operations of USD 7,500 or more on accounts at Mexican banks, by holder and quarter (AAAAMM). */
  relevantCash: Map<string, { partyId: string; quarter: string; transactions: Transaction[] }>;
  ctrFilerName: string;
  sales: Array<{ transaction: Transaction; sale: VehicleSale }>;
  subjects: Map<string, CaseSubject>;
};

let larger: LargerCorridor | undefined;

/** The account side of a cash operation (the account credited or debited), undefined for any other channel. */
function cashAccountSide(transaction: Transaction): Transaction['originator'] | undefined {
  if (transaction.channel === 'cash_deposit') return transaction.beneficiary;
  if (transaction.channel === 'cash_withdrawal') return transaction.originator;
  return undefined;
}

function largerCorridor(): LargerCorridor {
  if (larger) return larger;
  const corridor = generateCorridor(LARGER);
  const institutions = new Map(corridor.institutions.map((institution) => [institution.id, institution]));
  const ctrFiler = corridor.institutions.find((institution) => institution.country === 'US' && institution.kind === 'bank')!;
  const mexicanAccounts = new Set<string>();
  const filerAccounts = new Set<string>();
  for (const account of corridor.accounts()) {
    if (institutions.get(account.institutionId)?.country === 'MX') mexicanAccounts.add(account.id);
    if (account.institutionId === ctrFiler.id) filerAccounts.add(account.id);
  }
  const cashAggregates: CashAggregate[] = [];
  const relevantCash: LargerCorridor['relevantCash'] = new Map();
  const sales: LargerCorridor['sales'] = [];
  let day = '';
  let dayCash: Transaction[] = [];
  const closeDay = (): void => {
    cashAggregates.push(...aggregateDailyCash(dayCash).aggregates);
    dayCash = [];
  };
  for (const batch of corridor.batches()) {
    if (batch.date !== day) {
      closeDay();
      day = batch.date;
    }
    for (const transaction of batch.transactions) {
      const sale = corridor.vehicleSale(transaction);
      if (sale) sales.push({ transaction, sale });
      const at = cashAccountSide(transaction);
      if (!at) continue;
      if (at.accountId && filerAccounts.has(at.accountId)) dayCash.push(transaction);
      if (at.accountId && at.partyId && mexicanAccounts.has(at.accountId) && toUsdMinor(transaction.amountMinor, transaction.currency, DEFAULT_RATES) >= RELEVANT_CASH_THRESHOLD_USD_MINOR) {
        const quarter = quarterPeriod(transaction.time);
        const key = `${at.partyId}/${quarter}`;
        const entry = relevantCash.get(key) ?? { partyId: at.partyId, quarter, transactions: [] };
        entry.transactions.push(transaction);
        relevantCash.set(key, entry);
      }
    }
  }
  closeDay();
  const named = new Set([...cashAggregates.map((a) => a.partyId), ...[...relevantCash.values()].map((r) => r.partyId), ...sales.map(({ sale }) => sale.buyerPartyId)]);
  const accountsOf = new Map<string, Account[]>();
  for (const account of corridor.accounts()) {
    if (!named.has(account.partyId)) continue;
    const held = accountsOf.get(account.partyId) ?? [];
    held.push(account);
    accountsOf.set(account.partyId, held);
  }
  const subjects = new Map<string, CaseSubject>();
  for (const { party, kyc } of corridor.profiles()) {
    if (named.has(party.id)) subjects.set(party.id, subjectFromParty(party, kyc, accountsOf.get(party.id) ?? [], institutions));
  }
  larger = { cashAggregates, ctrFilerName: ctrFiler.name, relevantCash, sales, subjects };
  return larger;
}

test('UIF operaciones internas preocupantes: every employee of a Mexican bank in alerted activity renders and passes the layout', (t) => {
  // The corridor's KYC files mark some persons as staff of a bank holding their accounts. Alerts
  // seldom fall on staff themselves; staff who are the counterparty of alerted transactions are
  // what the compliance officer reviews as an internal concern, reported on the employee.
  const staffCases: Case[] = [];
  for (const { seed, demo, alerts } of corridors) {
    const byId = new Map(demo.history.map((transaction) => [transaction.id, transaction]));
    const involving = new Map<string, Transaction[]>();
    for (const id of new Set(alerts.flatMap((alert) => alert.transactionIds))) {
      const transaction = byId.get(id)!;
      for (const partyId of new Set([transaction.originator.partyId, transaction.beneficiary.partyId])) {
        const employment = partyId === undefined ? undefined : demo.kyc.get(partyId)?.employment;
        if (!partyId || !employment || demo.institutions.get(employment.institutionId)?.country !== 'MX') continue;
        involving.set(partyId, [...(involving.get(partyId) ?? []), transaction]);
      }
    }
    for (const [partyId, transactions] of involving) {
      const subject = resolveDemoSubjectKey(demo, partyId);
      assert.ok(subject);
      const opened = openCase({ id: `INT-${seed}-${partyId}`, jurisdiction: 'MX', subject: { ...subject, relationship: 'employee' }, alerts: [], transactions }, context);
      assert.ok(opened.ok);
      const decided = recordCommitteeDecision(opened.value, '2026-03-30T17:00:00Z', context);
      assert.ok(decided.ok);
      staffCases.push(decided.value);
    }
  }
  const staff = corridors.reduce((n, { demo }) => n + [...demo.kyc.values()].filter((kyc) => kyc.employment !== undefined).length, 0);
  t.diagnostic(`${staffCases.length} employees of Mexican banks in alerted activity (${staff} bank employees in the corridors)`);
  assert.ok(staffCases.length > 0, 'some employees of Mexican banks take part in alerted activity');
  assertChecked('uif-interna-preocupante', staffCases);
  for (const kase of staffCases) {
    const { content } = renderUifReport('interna-preocupante', [kase], profile, { period: filingDate });
    assert.ok(content.trim().split('\n').every((line) => line.startsWith('3;')), 'tipo de reporte 3');
    assert.deepEqual(validateUifReport(content, 'interna-preocupante'), [], kase.id);
  }
});

test(`UIF operaciones relevantes: every Mexican client with cash of USD 7,500 or more in a quarter, at least ${REPORTS_WANTED}, renders and passes the layout`, (t) => {
  const { relevantCash, subjects } = largerCorridor();
  const cases: Case[] = [];
  for (const { partyId, quarter, transactions } of relevantCash.values()) {
    const subject = subjects.get(partyId);
    assert.ok(subject, `${partyId} is a corridor party`);
    const opened = openCase({ id: `REL-${LARGER.seed}-${partyId}-${quarter}`, jurisdiction: 'MX', subject, alerts: [], transactions }, context);
    assert.ok(opened.ok);
    assert.deepEqual(uifOperations(opened.value, 'relevante').map((o) => o.id), transactions.map((o) => o.id), 'every operation collected is relevant');
    cases.push(opened.value);
  }
  t.diagnostic(`${cases.length} client-quarters (${cases.reduce((n, c) => n + c.transactions.length, 0)} operations) in the larger corridor`);
  assert.ok(cases.length >= REPORTS_WANTED, `${cases.length} relevantes client-quarters`);
  assertChecked('uif-relevante', cases);
  for (const kase of cases) {
    const { content } = renderUifReport('relevante', [kase], profile, { period: `${kase.transactions[0]!.time.slice(0, 10)}` });
    assert.equal(content.trim().split('\n').length, kase.transactions.length);
    assert.deepEqual(validateUifReport(content, 'relevante'), [], kase.id);
  }
  // The quarter's file with every client: folios run on across clients.
  assert.deepEqual(validateUifReport(renderUifReport('relevante', cases, profile, { period: '2026-03-31' }).content, 'relevante'), []);
});

test(`FinCEN CTR: every daily cash aggregate above USD 10,000 in the corridors, at least ${REPORTS_WANTED}, renders and validates`, async (t) => {
  const cases: Case[] = [];
  const ctrCase = (seed: number, aggregate: CashAggregate, subject: CaseSubject | null | undefined): void => {
    assert.ok(subject, `cash of ${aggregate.partyId} is attributed to a corridor party`);
    const opened = openCase({ id: `CTR-${seed}-${aggregate.partyId}-${aggregate.businessDay}`, jurisdiction: 'US', subject, alerts: [], transactions: aggregate.transactions, ctrBusinessDay: aggregate.businessDay }, context);
    assert.ok(opened.ok);
    cases.push(opened.value);
  };
  for (const { seed, demo } of corridors) {
    const usdCash = demo.history.filter((transaction) => transaction.currency === 'USD');
    for (const aggregate of aggregateDailyCash(usdCash).aggregates) ctrCase(seed, aggregate, resolveDemoSubjectKey(demo, aggregate.partyId));
  }
  const monitored = cases.length;
  const { cashAggregates, ctrFilerName, subjects } = largerCorridor();
  for (const aggregate of cashAggregates) ctrCase(LARGER.seed, aggregate, subjects.get(aggregate.partyId));
  t.diagnostic(`${cases.length} CTR aggregates (${monitored} in the monitored corridors, ${cashAggregates.length} at ${ctrFilerName} in the larger one)`);
  assert.ok(cases.length >= REPORTS_WANTED, `${cases.length} CTR aggregates`);
  assertChecked('ctr', cases);
  await assertValid('fincen-ctr', cases.map((kase) => renderCtrBatch([kase], profile, { filingDate }).xml));
});

test(`SAT VEH: every vehicle sale in the corridors, at least ${REPORTS_WANTED}, becomes a notice that validates against veh.xsd`, async (t) => {
  const cases: Case[] = [];
  const saleCase = (seed: number, transaction: Transaction, subject: CaseSubject | null | undefined, vehicle: VehicleSale): void => {
    assert.ok(subject, `${vehicle.buyerPartyId} is a corridor party`);
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
    const byId = new Map(demo.history.map((transaction) => [transaction.id, transaction]));
    for (const [transactionId, sale] of demo.vehicleSales) saleCase(seed, byId.get(transactionId)!, resolveDemoSubjectKey(demo, sale.buyerPartyId), sale);
  }
  const { sales, subjects } = largerCorridor();
  for (const { transaction, sale } of sales) saleCase(LARGER.seed, transaction, subjects.get(sale.buyerPartyId), sale);
  t.diagnostic(`${cases.length} vehicle sale notices (${alerted.length} on alerted cases, ${sales.length} in the larger corridor)`);
  assert.ok(cases.length >= REPORTS_WANTED, `${cases.length} vehicle sales`);
  assertChecked('av', cases);
  await assertValid('sat-av-veh', cases.map((kase) => renderVehicleNotices([kase], profile, { reportedMonth: kase.vulnerableActivity!.operationDate.slice(0, 7) })));
});
