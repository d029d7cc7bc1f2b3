import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFeedbackService, createSubjectListService, matchSubjectList } from '../src/fiu/index.ts';
import { ConflictError } from '../src/errors.ts';
import { createDisseminationService, createFiuStore, createTriageService, defaultDesignationIndex, DEFAULT_TRIAGE_WEIGHTS, applyTriageFeedback, type DisseminationService, type FiuReport, type FiuStore, type TriageService } from '../src/fiu/index.ts';
import { createSqlAuditLog } from '../src/audit/index.ts';
import { migrateAll, openPglite, type Database } from '../src/store/index.ts';
import { ForbiddenError, ValidationError } from '../src/errors.ts';
import { fiuTestReport, type FixtureSubject } from './fiu-report-fixture.ts';

const TIME = '2026-03-05T10:00:00Z';

function report(sequence: number, institutionId: string, subjects: FixtureSubject[], extra: Partial<FiuReport> = {}): FiuReport {
  return fiuTestReport({ fileId: 't', sequence, institution: { institutionId, name: institutionId } }, subjects, extra);
}

const REPORTS: FiuReport[] = [
  report(1, 'EIN:1', [{ name: 'Juan Pérez López', curp: 'PELJ800101HCHRPN09', birthDate: '1980-01-01', country: 'MX' }, { name: 'Cártel de Sinaloa', kind: 'company' }], { amountMinor: 48_000_000, narrative: 'Funds for fentanyl precursors; key term CMLN-2025-A003.', categories: ['8/823'], transactions: [{ amountMinor: 48_000_000, currency: 'USD', date: '2026-02-25', fromCountry: 'US', toCountry: 'MX' }] }),
  report(2, 'EIN:2', [{ name: 'JUAN PEREZ LOPEZ', curp: 'PELJ800101HCHRPN09', birthDate: '1980-01-01' }]),
  report(3, 'EIN:3', [{ name: 'María Gómez Ruiz', birthDate: '1975-05-05' }], { activityTo: '2025-01-10', activityFrom: '2025-01-01' }),
  report(4, 'EIN:3', [{ name: 'Roberto Sánchez Díaz', birthDate: '1990-09-09' }]),
];

describe('FIU triage and dissemination', () => {
  let database: Database;
  let fiu: FiuStore;
  let dissemination: DisseminationService;
  let triageService: TriageService;
  before(async () => {
    database = await openPglite({ dataDirectory: 'memory://' });
    await migrateAll(database);
    fiu = createFiuStore(database);
    await fiu.saveIntake({ acknowledgement: { fileId: 't', fileName: 't.xml', filerId: 'test', receivedAt: TIME, detectedKind: 'fincen-sar', validatedAgainst: null, status: 'accepted', reportCount: REPORTS.length, accepted: [], errors: [] }, reports: REPORTS, rejected: [] }, 'test');
    await fiu.resolve({ actor: 'system', time: TIME });
    dissemination = createDisseminationService({ database, fiu });
    triageService = createTriageService({ database, fiu, dissemination, designations: defaultDesignationIndex() });
    await dissemination.registerAgency({ agencyId: 'FGR', name: 'Fiscalía General de la República', country: 'MX', by: 'ana', time: TIME });
    await dissemination.registerAgency({ agencyId: 'HSI', name: 'Homeland Security Investigations', country: 'US', by: 'ana', time: TIME });
    await dissemination.registerInvestigator({ userId: 'inv-fgr', agencyId: 'FGR', name: 'Inés', by: 'ana', time: TIME });
    await dissemination.registerInvestigator({ userId: 'inv-hsi', agencyId: 'HSI', name: 'Hank', by: 'ana', time: TIME });
  });
  after(() => database.close());

  it('ranks the report linked to an FTO-designated cartel, across borders and institutions, first, with reasons', async () => {
    const { reports, networks } = await triageService.queue({ now: '2026-03-10T00:00:00Z' });
    assert.equal(reports[0]!.reportId, 't#1');
    const features = reports[0]!.reasons.map((reason) => reason.feature);
    assert.equal(features[0], 'designation');
    assert.ok(reports[0]!.reasons[0]!.detail.includes('Sinaloa'));
    for (const expected of ['cross_border', 'institutions', 'typology', 'amount'] as const) assert.ok(features.includes(expected), `missing ${expected}`);
    assert.ok(reports[0]!.reasons.every((reason) => reason.en.length > 0 && reason.es.length > 0));
    // The old report ranks last: recency counts.
    assert.equal(reports[reports.length - 1]!.reportId, 't#3');
    // Reports 1 and 2 share Juan Pérez López (resolved by CURP): one network of two reports, two institutions.
    assert.deepEqual(networks[0]!.reportIds.sort(), ['t#1', 't#2']);
    assert.deepEqual(networks[0]!.institutions, ['EIN:1', 'EIN:2']);
  });

  it("moves weights with analysts' decisions so that what they find useful rises", async () => {
    const before = await triageService.queue({ now: '2026-03-10T00:00:00Z' });
    const scoreOf = (queue: typeof before, id: string) => queue.reports.find((entry) => entry.reportId === id)!.score;
    let weights = (await triageService.weights()).weights;
    assert.deepEqual(weights, DEFAULT_TRIAGE_WEIGHTS);
    for (let i = 0; i < 3; i++) weights = (await triageService.recordDecision({ reportId: 't#4', outcome: 'useful', analyst: 'ana', time: TIME })).weights;
    const after = await triageService.queue({ now: '2026-03-10T00:00:00Z' });
    assert.ok(scoreOf(after, 't#4') > scoreOf(before, 't#4'), `${scoreOf(after, 't#4')} > ${scoreOf(before, 't#4')}`);
    assert.equal((await triageService.weights()).version, 3);
    // A "not useful" decision moves the other way.
    const features = before.reports.find((entry) => entry.reportId === 't#4')!.features;
    const lowered = applyTriageFeedback(weights, features, 'not_useful');
    assert.ok(lowered.bias < weights.bias);
  });

  it('an investigator reads only what was disseminated to their agency; every view and search is audited with its purpose', async () => {
    await dissemination.disseminate({ disseminationId: 'D-1', agencyId: 'FGR', title: 'Red Pérez López', analysis: 'Two banks report the same subject; cartel link.', reportIds: ['t#1', 't#2'], entityIds: [], by: 'ana', time: TIME });
    const purpose = 'Carpeta de investigación FED/CDMX/123/2026';
    const seen = await dissemination.viewReport({ userId: 'inv-fgr', reportId: 't#1', purpose, time: TIME });
    assert.equal(seen.reportId, 't#1');
    // Not disseminated at all.
    await assert.rejects(dissemination.viewReport({ userId: 'inv-fgr', reportId: 't#3', purpose, time: TIME }), ForbiddenError);
    // Disseminated, but to another agency.
    await assert.rejects(dissemination.viewReport({ userId: 'inv-hsi', reportId: 't#1', purpose: 'HSI case 2026-0042 review', time: TIME }), ForbiddenError);
    // A report id that does not exist gets the same refusal.
    await assert.rejects(dissemination.viewReport({ userId: 'inv-fgr', reportId: 'nope#9', purpose, time: TIME }), ForbiddenError);
    // Look-alike ids are not the disseminated report.
    for (const lookalike of ['T#1', ' t#1', 't#1 ', "t#1' OR '1'='1", 't#%']) {
      await assert.rejects(dissemination.viewReport({ userId: 'inv-fgr', reportId: lookalike, purpose, time: TIME }), ForbiddenError);
    }
    // Unknown user and missing purpose.
    await assert.rejects(dissemination.viewReport({ userId: 'stranger', reportId: 't#1', purpose, time: TIME }), ForbiddenError);
    await assert.rejects(dissemination.viewReport({ userId: 'inv-fgr', reportId: 't#1', purpose: '', time: TIME }), ValidationError);
    await assert.rejects(dissemination.search({ userId: 'inv-fgr', text: 'Gómez', purpose: 'x', time: TIME }), ValidationError);
    // Search: the undisseminated María Gómez Ruiz is invisible; Juan Pérez is found by name and by CURP.
    assert.deepEqual(await dissemination.search({ userId: 'inv-fgr', text: 'Gomez', purpose, time: TIME }), []);
    assert.deepEqual(await dissemination.search({ userId: 'inv-fgr', text: "%' OR 1=1 --", purpose, time: TIME }), []);
    const byName = await dissemination.search({ userId: 'inv-fgr', text: 'perez lopez', purpose, time: TIME });
    assert.deepEqual(byName.map((hit) => hit.reportId).sort(), ['t#1', 't#2']);
    const byCurp = await dissemination.search({ userId: 'inv-fgr', text: 'pelj800101hchrpn09', purpose, time: TIME });
    assert.ok(byCurp.length === 2 && byCurp.every((hit) => hit.matchedOn === 'identifier'));
    // The other agency finds nothing, even for the same subject.
    assert.deepEqual(await dissemination.search({ userId: 'inv-hsi', text: 'Perez', purpose: 'HSI case 2026-0042 review', time: TIME }), []);
    const packages = await dissemination.packagesFor({ userId: 'inv-hsi', purpose: 'HSI case 2026-0042 review', time: TIME });
    assert.deepEqual(packages, []);
    const audit = await createSqlAuditLog(database).list();
    const investigatorEntries = audit.filter((entry) => entry.actor.startsWith('inv-'));
    assert.ok(investigatorEntries.length >= 12);
    assert.ok(investigatorEntries.every((entry) => typeof entry.details['purpose'] === 'string' && String(entry.details['purpose']).length >= 10));
    assert.equal(audit.filter((entry) => entry.action === 'fiu.report.viewed').length, 1);
    assert.ok(audit.filter((entry) => entry.action === 'fiu.report.view_refused').length >= 8);
    assert.equal((await createSqlAuditLog(database).verify()).ok, true);
  });

  it('every report an investigator can read, over every report in the store, is one disseminated to their agency', async () => {
    for (const userId of ['inv-fgr', 'inv-hsi']) {
      const agencyId = userId === 'inv-fgr' ? 'FGR' : 'HSI';
      const allowed = await dissemination.reportsVisibleTo(agencyId);
      for (const reportId of await fiu.reportIds()) {
        const attempt = dissemination.viewReport({ userId, reportId, purpose: 'Exhaustive access check', time: TIME });
        if (allowed.has(reportId)) assert.equal((await attempt).reportId, reportId);
        else await assert.rejects(attempt, ForbiddenError);
      }
    }
  });

  it('scores institutions on completeness, timeliness and usefulness; feedback is private, advisories reach all', async () => {
    const feedback = createFeedbackService({ database, fiu, disseminatedReportIds: () => dissemination.disseminatedReportIds() });
    const cards = await feedback.scorecards();
    const card = (id: string) => cards.find((entry) => entry.institutionId === id)!;
    assert.equal(card('EIN:1').usefulness, 1);
    assert.equal(card('EIN:3').usefulness, 0);
    assert.equal(card('EIN:3').reports, 2);
    // EIN:3 filed one report a year after the activity: half on time.
    assert.equal(card('EIN:3').timeliness, 0.5);
    assert.ok(card('EIN:1').completeness > card('EIN:3').completeness);
    assert.ok(card('EIN:3').mostMissing.some((entry) => entry.field === 'subject.identifier'));
    await feedback.sendFeedback({ messageId: 'FB-1', institutionId: 'EIN:3', subject: { en: 'Your SARs lack identifiers', es: 'Sus reportes carecen de identificadores' }, body: 'Add SSN/RFC/CURP.', by: 'ana', time: TIME });
    await feedback.publishAdvisory({ messageId: 'ADV-1', subject: { en: 'Advisory: CMLN-2025-A003', es: 'Alerta: CMLN-2025-A003' }, body: 'New typology published.', reference: 'mx-us.cmln@1.0.0', by: 'ana', time: TIME });
    assert.deepEqual((await feedback.messagesFor('EIN:3')).map((message) => message.messageId).sort(), ['ADV-1', 'FB-1']);
    assert.deepEqual((await feedback.messagesFor('EIN:1')).map((message) => message.messageId), ['ADV-1']);
  });

  it('sends a 314(a)-style subject list to institutions; only recipients answer, once; the FIU sees matches and who is pending', async () => {
    const lists = createSubjectListService({ database });
    const subjects = [
      { name: 'Juan Pérez López', kind: 'person' as const, birthDate: '1980-01-01', identifiers: [] },
      { name: 'Transportes del Norte', kind: 'company' as const, identifiers: [{ kind: 'rfc' as const, value: 'TNO010101AB1' }] },
    ];
    await lists.send({ listId: 'L-1', title: '314(a) 2026-03', requestingAgency: 'HSI', subjects, institutionIds: ['EIN:1', 'EIN:2'], respondBy: '2026-03-19', by: 'ana', time: TIME });
    assert.deepEqual((await lists.listsFor('EIN:1')).map((list) => list.listId), ['L-1']);
    assert.deepEqual(await lists.listsFor('EIN:3'), []);
    // The institution searches its own customers.
    const results = matchSubjectList((await lists.listsFor('EIN:1'))[0]!.subjects, [
      { customerId: 'C-1', name: 'JUAN PEREZ LOPEZ', kind: 'person', birthDate: '1980-01-01', identifiers: [], accounts: ['111'] },
      { customerId: 'C-2', name: 'Juan Pérez López', kind: 'person', birthDate: '1971-07-07', identifiers: [], accounts: ['222'] },
      { customerId: 'C-3', name: 'TNDN S.A. de C.V.', kind: 'company', identifiers: [{ kind: 'rfc', value: 'tno010101ab1' }], accounts: ['333'] },
    ]);
    assert.deepEqual(results.map((result) => [result.matched, result.accounts]), [[true, ['111']], [true, ['333']]]);
    await assert.rejects(lists.respond({ listId: 'L-1', institutionId: 'EIN:3', results, by: 'bank-3', time: TIME }), ForbiddenError);
    await assert.rejects(lists.respond({ listId: 'L-1', institutionId: 'EIN:1', results: results.slice(0, 1), by: 'bank-1', time: TIME }), ValidationError);
    await lists.respond({ listId: 'L-1', institutionId: 'EIN:1', results, by: 'bank-1', time: TIME });
    await assert.rejects(lists.respond({ listId: 'L-1', institutionId: 'EIN:1', results, by: 'bank-1', time: TIME }), ConflictError);
    const answer = await lists.results('L-1');
    assert.equal(answer.matches.length, 2);
    assert.deepEqual(answer.pending, ['EIN:2']);
  });
});
