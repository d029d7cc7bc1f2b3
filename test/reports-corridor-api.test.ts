/**
 * From the running app: cases opened through the API on the demo corridor's alerts get their
 * subjects' KYC files (the demo's resolvers, as `frontera start` wires them) and produce UIF,
 * goAML and SAT VEH reports that validate, with the demo filer profile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoVehicleOperation, prepareDemoCorridor, resolveDemoSubject, type DemoCorridor } from '../src/demo/index.ts';
import type { Alert } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';
import { startHarness, type Harness } from './api-harness.ts';

describe('API: reports from the demo corridor’s cases', () => {
  let h: Harness;
  let demo: DemoCorridor;
  let alerts: Alert[];
  before(async () => {
    demo = prepareDemoCorridor({ seed: 7, transactions: 20_000, days: 60, liveShare: 0 });
    const engine = createEngine({ typologies: loadBuiltinTypologies() });
    alerts = demo.history.flatMap((transaction) => engine.process(transaction).alerts);
    h = await startHarness();
    h.services.resolveSubject = async (subjectAlerts) => resolveDemoSubject(demo, subjectAlerts);
    h.services.resolveVulnerableActivity = async (subject, transactions) => demoVehicleOperation(demo, subject, transactions) ?? null;
  });
  after(() => h.close());

  const analyst = () => ({ cookie: h.cookieFor.institution_analyst });

  async function openCase(alert: Alert, jurisdiction: 'US' | 'MX'): Promise<string> {
    const byId = new Map(demo.history.map((transaction) => [transaction.id, transaction]));
    await h.services.store!.transactionLog.append(alert.transactionIds.map((id) => byId.get(id)!));
    await h.services.store!.alerts.insert([alert]);
    const opened = await h.app.inject({ method: 'POST', url: '/api/v1/cases', headers: analyst(), payload: { alertIds: [alert.id], jurisdiction } });
    assert.equal(opened.statusCode, 201, opened.body);
    return opened.json().id as string;
  }

  async function render(caseId: string, kind: string): Promise<{ valid: boolean; issues: unknown[]; validatedAgainst: string | null }> {
    const response = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/reports`, headers: analyst(), payload: { kind } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  }

  test('a Mexican subject’s case: UIF inusual after the committee decision, and goAML, both valid', async () => {
    const alert = alerts.find((candidate) => demo.parties.get(candidate.partyId ?? '')?.country === 'MX' && demo.parties.get(candidate.partyId ?? '')?.type === 'person')!;
    assert.ok(alert, 'the corridor raises alerts on Mexican persons');
    const caseId = await openCase(alert, 'MX');
    const kase = (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: analyst() })).json().case;
    assert.ok(kase.subject.address.colonia && kase.subject.address.cnbvLocalityCode && kase.subject.economicActivityCode, 'the KYC file reached the case');
    assert.equal(kase.subject.identityDocuments[0].type, 'voter_id');

    const early = await render(caseId, 'uif-inusual');
    assert.equal(early.valid, false, 'no UIF report before the committee has ruled');
    const decided = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/committee-decision`, headers: analyst(), payload: { decidedAt: '2026-03-02T17:00:00-06:00' } });
    assert.equal(decided.statusCode, 200, decided.body);
    const uif = await render(caseId, 'uif-inusual');
    assert.deepEqual({ valid: uif.valid, issues: uif.issues }, { valid: true, issues: [] });
    const goaml = await render(caseId, 'goaml');
    assert.deepEqual({ valid: goaml.valid, issues: goaml.issues, against: goaml.validatedAgainst }, { valid: true, issues: [], against: 'goAML 5.0.2 report (goAMLSchema.xsd)' });
  });

  test('a case on a vehicle purchase carries the sale and renders a SAT VEH notice that validates', async () => {
    const [saleId, sale] = [...demo.vehicleSales.entries()][0]!;
    const purchase = demo.history.find((transaction) => transaction.id === saleId)!;
    // An analyst's manual alert on the buyer's purchase (the corridor's monitors rarely alert on one).
    const alert: Alert = {
      id: `A-VEH-${saleId}`, typologyId: 'manual-review', typologyVersion: '1.0.0', subjectKey: purchase.originator.accountId!, partyId: sale.buyerPartyId,
      score: 1, severity: 'alert', time: purchase.time, triggerTransactionId: saleId, transactionIds: [saleId], patterns: [],
      explanation: { rules: [], features: {}, summary: 'Vehicle purchase referred for review' },
    };
    const caseId = await openCase(alert, 'MX');
    const kase = (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: analyst() })).json().case;
    assert.deepEqual(kase.vulnerableActivity.vehicles[0], { make: sale.make, model: sale.model, year: sale.year, vin: sale.vin, armourLevel: 0 });
    const notice = await render(caseId, 'av');
    assert.deepEqual({ valid: notice.valid, issues: notice.issues }, { valid: true, issues: [] });
  });
});
