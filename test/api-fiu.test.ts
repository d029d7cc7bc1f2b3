import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAuthStore, SESSION_COOKIE } from '../src/auth/index.ts';
import { prepareReport } from '../src/reports/index.ts';
import { startHarness, TEST_PASSWORD_COST, type Harness } from './api-harness.ts';
import { makeCase, testProfile } from './reports-case-factory.ts';

/** The FIU hub through the real API: sign-in, roles, access rules, zod schemas, problem documents. */

const FILER = 'EIN:741234568';
const PURPOSE = 'Carpeta de investigación FED/CHIH/0457/2026';
const purpose = `purpose=${encodeURIComponent(PURPOSE)}`;

async function sarFile(indexes: number[]): Promise<string> {
  const prepared = await prepareReport('sar', indexes.map((index) => makeCase('sar', index)), testProfile(), { date: '2026-03-01T00:00:00Z' });
  assert.ok(prepared.ok, JSON.stringify(prepared));
  return prepared.report.content;
}

type Audit = { action: string; actor: string; subject: { kind: string; id: string }; details: Record<string, unknown> };

describe('FIU hub over the API (/api/fiu)', () => {
  let h: Harness;
  const cookie: Record<string, string> = {};
  const call = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await h.app.inject({ method, url, ...(who ? { headers: { cookie: cookie[who]! } } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown> & unknown[]) : null, type: response.headers['content-type'] };
  };
  const login = async (name: string, username: string, password: string) => {
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    assert.equal(response.statusCode, 200, response.body);
    const set = response.cookies.find((entry) => entry.name === SESSION_COOKIE)!;
    cookie[name] = `${SESSION_COOKIE}=${set.value}`;
    return response.json().user as { id: string; agencyId: string | null };
  };
  const audit = async (): Promise<Audit[]> => {
    const response = await call('admin', 'GET', '/api/v1/audit?limit=1000');
    assert.equal(response.status, 200);
    assert.equal((response.body as unknown as { chain: { ok: boolean } }).chain.ok, true);
    return (response.body as unknown as { entries: Audit[] }).entries;
  };

  // Filled as the story goes: each test builds on the previous ones, in order.
  let file1: { accepted: Array<{ reportId: string }> };
  let file2: { accepted: Array<{ reportId: string }> };
  let agencyA = '';
  let agencyB = '';

  before(async () => {
    h = await startHarness();
    for (const role of ['fiu_analyst', 'fiu_supervisor', 'administrator', 'institution_analyst', 'law_enforcement_investigator', 'supervisor'] as const) cookie[role] = h.cookieFor[role];
    cookie['admin'] = h.cookieFor.administrator;
    const auth = createAuthStore({ db: h.db, now: () => new Date(), passwordCost: TEST_PASSWORD_COST });
    await auth.createUser({ username: 'bank.filer', displayName: 'Bank filer', password: 'password-of-the-filer', roles: ['institution_analyst'], institutionId: FILER });
    await auth.createUser({ username: 'other.filer', displayName: 'Other bank', password: 'password-of-other-filer', roles: ['institution_approver'], institutionId: 'EIN:999' });
    await login('filer', 'bank.filer', 'password-of-the-filer');
    await login('otherFiler', 'other.filer', 'password-of-other-filer');
  });
  after(() => h.close());

  test('a filer files SARs and gets an acknowledgement per file; a bad file is acknowledged as rejected, with reasons', async () => {
    const first = await call('filer', 'POST', '/api/fiu/intake/files', { fileName: 'sar-1.xml', content: await sarFile([1, 2, 3]) });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const ack = first.body as unknown as { status: string; filerId: string; detectedKind: string; accepted: Array<{ reportId: string }>; errors: unknown[] };
    assert.equal(ack.status, 'accepted');
    assert.equal(ack.filerId, FILER, 'the filer is the signed-in user\'s institution, never a body field');
    assert.equal(ack.detectedKind, 'fincen-sar');
    assert.equal(ack.accepted.length, 3);
    assert.deepEqual(ack.errors, []);
    file1 = ack;
    // Case 1's subject again, in a later file: continuing activity.
    const second = await call('filer', 'POST', '/api/fiu/intake/files', { fileName: 'sar-2.xml', content: await sarFile([1, 4]) });
    file2 = second.body as unknown as typeof file1;
    assert.equal(file2.accepted.length, 2);
    const bad = await call('filer', 'POST', '/api/fiu/intake/files', { fileName: 'notes.txt', content: 'not a report' });
    assert.equal(bad.status, 200);
    assert.equal((bad.body as unknown as { status: string }).status, 'rejected');
    assert.ok(((bad.body as unknown as { errors: unknown[] }).errors).length > 0);

    // A filing system uses an API key issued for its institution.
    const issued = await call('admin', 'POST', '/api/v1/admin/api-keys', { name: 'bank-filing-system', roles: ['institution_analyst'], institutionId: FILER });
    const machine = await h.app.inject({ method: 'POST', url: '/api/fiu/intake/files', headers: { authorization: `Bearer ${(issued.body as unknown as { key: string }).key}` }, payload: { fileName: 'machine.txt', content: 'still not a report' } });
    assert.equal(machine.statusCode, 200);
    assert.equal(machine.json().filerId, FILER);

    const files = await call('filer', 'GET', '/api/fiu/intake/files');
    assert.deepEqual((files.body as unknown as { files: Array<{ fileName: string }> }).files.map((file) => file.fileName).sort(), ['machine.txt', 'notes.txt', 'sar-1.xml', 'sar-2.xml']);
    assert.deepEqual((await call('otherFiler', 'GET', '/api/fiu/intake/files')).body, { files: [] }, 'another institution sees none of them');
  });

  test('filer routes refuse an institution user of no institution, and every other party', async () => {
    const orphan = await call('institution_analyst', 'POST', '/api/fiu/intake/files', { fileName: 'x.xml', content: 'x' });
    assert.equal(orphan.status, 403);
    assert.match(String((orphan.body as unknown as { detail: string }).detail), /no institution/);
    for (const role of ['fiu_analyst', 'law_enforcement_investigator', 'supervisor']) assert.equal((await call(role, 'POST', '/api/fiu/intake/files', { fileName: 'x.xml', content: 'x' })).status, 403, role);
    assert.equal((await call(null, 'POST', '/api/fiu/intake/files', { fileName: 'x.xml', content: 'x' })).status, 401);
    const invalid = await call('filer', 'POST', '/api/fiu/intake/files', { fileName: 'x.xml' });
    assert.equal(invalid.status, 400);
    assert.deepEqual((invalid.body as unknown as { issues: Array<{ field: string }> }).issues.map((issue) => issue.field), ['body.content']);
  });

  test('the FIU lists reports, resolves entities, finds them by name or identifier, splits and merges them', async () => {
    const run = await call('fiu_analyst', 'POST', '/api/fiu/entities/resolve');
    assert.equal(run.status, 200);
    assert.equal((run.body as unknown as { mentions: number }).mentions > 0, true);

    const listed = await call('fiu_analyst', 'GET', '/api/fiu/reports?limit=2');
    const page = listed.body as unknown as { total: number; reports: Array<{ reportId: string; subjectNames: string[]; disseminatedTo: string[]; institution: { institutionId: string } }> };
    assert.equal(page.total, 5);
    assert.equal(page.reports.length, 2);
    assert.equal(page.reports[0]!.institution.institutionId, FILER);

    const repeated = file1.accepted[0]!.reportId;
    const detail = await call('fiu_supervisor', 'GET', `/api/fiu/reports/${encodeURIComponent(repeated)}`);
    assert.equal(detail.status, 200);
    const report = detail.body as unknown as { subjects: Array<{ role: string; fullName: string; entityId: string | null; identifiers: Array<{ value: string }> }>; disseminatedTo: string[] };
    assert.deepEqual(report.disseminatedTo, []);
    const subject = report.subjects.find((entry) => entry.role === 'subject')!;
    assert.ok(subject.entityId, 'each subject carries its entity');
    assert.equal((await call('fiu_analyst', 'GET', '/api/fiu/reports/nope%231')).status, 404);

    // The same person in two files is one entity, found by name (accents folded) or by identifier.
    const byName = await call('fiu_analyst', 'GET', `/api/fiu/entities?query=${encodeURIComponent(subject.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase())}`);
    const named = (byName.body as unknown as { entities: Array<{ entityId: string; mentionCount: number }> }).entities;
    assert.ok(named.some((entity) => entity.entityId === subject.entityId && entity.mentionCount === 2), JSON.stringify(named));
    const byIdentifier = await call('fiu_analyst', 'GET', `/api/fiu/entities?query=${encodeURIComponent(subject.identifiers[0]!.value)}`);
    assert.deepEqual((byIdentifier.body as unknown as { entities: Array<{ entityId: string }> }).entities.map((entity) => entity.entityId), [subject.entityId]);
    assert.equal(((await call('fiu_analyst', 'GET', `/api/fiu/reports?query=${encodeURIComponent(subject.identifiers[0]!.value)}`)).body as unknown as { total: number }).total, 2);

    const entity = (await call('fiu_analyst', 'GET', `/api/fiu/entities/${subject.entityId}`)).body as unknown as { mentions: Array<{ subjectId: string; reportId: string }>; links: unknown[] };
    assert.equal(entity.mentions.length, 2);
    assert.ok(entity.links.length >= 1, 'the link carries its evidence');

    const later = entity.mentions.find((mention) => mention.reportId !== repeated)!;
    const split = await call('fiu_analyst', 'POST', `/api/fiu/entities/${subject.entityId}/split`, { mentionIds: [later.subjectId], reason: 'different person: birth dates differ in the KYC file' });
    assert.equal(split.status, 200, JSON.stringify(split.body));
    assert.equal(((await call('fiu_analyst', 'GET', `/api/fiu/entities/${subject.entityId}`)).body as unknown as { mentions: unknown[] }).mentions.length, 1);
    const entityOfMention = async (reportId: string, subjectId: string) => ((await call('fiu_analyst', 'GET', `/api/fiu/reports/${encodeURIComponent(reportId)}`)).body as unknown as { subjects: Array<{ subjectId: string; entityId: string }> }).subjects.find((entry) => entry.subjectId === subjectId)!.entityId;
    const stayed = entity.mentions.find((mention) => mention.reportId === repeated)!;
    const [left, moved] = [await entityOfMention(stayed.reportId, stayed.subjectId), await entityOfMention(later.reportId, later.subjectId)];
    assert.notEqual(left, moved, 'after the split the two mentions are two entities');
    // A split is for good: a later merge of the same two mentions is refused by the resolver.
    const remerged = await call('fiu_supervisor', 'POST', '/api/fiu/entities/merge', { entityA: left, entityB: moved, reason: 'same RFC confirmed with the filer' });
    assert.equal(remerged.status, 200);
    assert.ok((remerged.body as unknown as { refusedJoins: number }).refusedJoins >= 1);
    assert.notEqual(await entityOfMention(stayed.reportId, stayed.subjectId), await entityOfMention(later.reportId, later.subjectId));
    // Two other reports' subjects merged by an analyst become one entity.
    const subjectOf = async (reportId: string) => ((await call('fiu_analyst', 'GET', `/api/fiu/reports/${encodeURIComponent(reportId)}`)).body as unknown as { subjects: Array<{ role: string; subjectId: string; entityId: string }> }).subjects.find((entry) => entry.role === 'subject')!;
    const [second, third] = [await subjectOf(file1.accepted[1]!.reportId), await subjectOf(file1.accepted[2]!.reportId)];
    assert.notEqual(second.entityId, third.entityId);
    const merged = await call('fiu_supervisor', 'POST', '/api/fiu/entities/merge', { entityA: second.entityId, entityB: third.entityId, reason: 'same beneficial owner per the filer' });
    assert.equal(merged.status, 200);
    const joined = await entityOfMention(file1.accepted[1]!.reportId, second.subjectId);
    assert.equal(joined, await entityOfMention(file1.accepted[2]!.reportId, third.subjectId));
    assert.equal(((await call('fiu_analyst', 'GET', `/api/fiu/entities/${joined}`)).body as unknown as { mentions: unknown[] }).mentions.length, 2);
    const actions = (await audit()).map((entry) => entry.action);
    assert.ok(actions.includes('fiu.entity.split') && actions.includes('fiu.entity.merged'));
    assert.equal((await call('institution_analyst', 'GET', `/api/fiu/entities/${subject.entityId}`)).status, 403);
  });

  test('the FIU gets its triage queue with bilingual reasons and records decisions', async () => {
    const queue = await call('fiu_analyst', 'GET', '/api/fiu/triage/queue?limit=3');
    const ranked = queue.body as unknown as { reports: Array<{ reportId: string; score: number; reasons: Array<{ en: string; es: string }> }>; weightsVersion: number };
    assert.equal(ranked.reports.length, 3);
    assert.ok(ranked.reports[0]!.score >= ranked.reports[1]!.score && ranked.reports[1]!.score >= ranked.reports[2]!.score);
    assert.ok(ranked.reports[0]!.reasons.every((reason) => reason.en.length > 0 && reason.es.length > 0));
    const decided = await call('fiu_analyst', 'POST', '/api/fiu/triage/decisions', { reportId: ranked.reports[0]!.reportId, outcome: 'useful' });
    assert.equal((decided.body as unknown as { version: number }).version, ranked.weightsVersion + 1);
    assert.equal((await call('fiu_analyst', 'POST', '/api/fiu/triage/decisions', { reportId: ranked.reports[0]!.reportId, outcome: 'maybe' })).status, 400);
  });

  test('agencies are registered by an administrator or FIU supervisor, who create their investigators', async () => {
    assert.equal((await call('fiu_analyst', 'POST', '/api/fiu/agencies', { agencyId: 'fgr-chih', name: 'FGR Chihuahua', country: 'MX' })).status, 403);
    const a = await call('fiu_supervisor', 'POST', '/api/fiu/agencies', { agencyId: 'fgr-chih', name: 'FGR Chihuahua', country: 'MX' });
    assert.equal(a.status, 201);
    assert.deepEqual(a.body, { agencyId: 'fgr-chih', name: 'FGR Chihuahua', country: 'MX', investigators: 0 });
    assert.equal((await call('admin', 'POST', '/api/fiu/agencies', { agencyId: 'hsi-elp', name: 'HSI El Paso', country: 'US' })).status, 201);
    assert.equal((await call('admin', 'POST', '/api/fiu/agencies', { agencyId: 'hsi-elp', name: 'HSI again', country: 'US' })).status, 409);
    const badCountry = await call('admin', 'POST', '/api/fiu/agencies', { agencyId: 'x-1', name: 'X', country: 'Mexico' });
    assert.deepEqual((badCountry.body as unknown as { issues: Array<{ field: string }> }).issues.map((issue) => issue.field), ['body.country']);
    agencyA = 'fgr-chih';
    agencyB = 'hsi-elp';

    const created = await call('fiu_supervisor', 'POST', `/api/fiu/agencies/${agencyA}/investigators`, { username: 'inv.fgr', displayName: 'Investigadora FGR', password: 'password-of-inv-fgr' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([(created.body as unknown as { roles: string[] }).roles, (created.body as unknown as { agencyId: string }).agencyId], [['law_enforcement_investigator'], agencyA]);
    assert.equal((await call('admin', 'POST', `/api/fiu/agencies/${agencyB}/investigators`, { username: 'inv.hsi', displayName: 'HSI agent', password: 'password-of-inv-hsi' })).status, 201);
    assert.equal((await call('admin', 'POST', '/api/fiu/agencies/nowhere/investigators', { username: 'inv.x', displayName: 'X', password: 'password-of-inv-xxx' })).status, 404);
    assert.equal((await call('fiu_analyst', 'POST', `/api/fiu/agencies/${agencyA}/investigators`, { username: 'inv.y', displayName: 'Y', password: 'password-of-inv-yyy' })).status, 403);

    assert.equal((await login('invA', 'inv.fgr', 'password-of-inv-fgr')).agencyId, agencyA);
    assert.equal((await login('invB', 'inv.hsi', 'password-of-inv-hsi')).agencyId, agencyB);
    const me = await call('invA', 'GET', '/api/v1/auth/me');
    assert.equal((me.body as unknown as { agencyId: string }).agencyId, agencyA);
    const agencies = await call('fiu_analyst', 'GET', '/api/fiu/agencies');
    assert.deepEqual((agencies.body as unknown as { agencies: Array<{ agencyId: string; investigators: number }> }).agencies.map((agency) => [agency.agencyId, agency.investigators]), [['fgr-chih', 1], ['hsi-elp', 1]]);
    const investigators = await call('admin', 'GET', `/api/fiu/agencies/${agencyA}/investigators`);
    assert.deepEqual((investigators.body as unknown as { investigators: Array<{ username: string; active: boolean }> }).investigators.map((entry) => [entry.username, entry.active]), [['inv.fgr', true]]);
  });

  test('a package goes to agency B only: A reads nothing, B reads its reports and nothing else, every read audited with its purpose', async () => {
    const target = file1.accepted[0]!.reportId;
    const sent = await call('fiu_analyst', 'POST', '/api/fiu/disseminations', { agencyId: agencyB, title: 'Funnel accounts, Juárez–El Paso', analysis: 'Structured cash deposits in El Paso, wires to Juárez.', reportIds: [target] });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const pack = sent.body as unknown as { disseminationId: string; agencyId: string; reportIds: string[] };
    assert.deepEqual([pack.agencyId, pack.reportIds], [agencyB, [target]]);
    const listed = await call('fiu_supervisor', 'GET', '/api/fiu/disseminations');
    assert.deepEqual((listed.body as unknown as { disseminations: Array<{ disseminationId: string }> }).disseminations.map((entry) => entry.disseminationId), [pack.disseminationId]);
    assert.deepEqual(((await call('fiu_analyst', 'GET', `/api/fiu/reports/${encodeURIComponent(target)}`)).body as unknown as { disseminatedTo: string[] }).disseminatedTo, [agencyB]);
    assert.equal((await call('fiu_analyst', 'POST', '/api/fiu/disseminations', { agencyId: 'nowhere', title: 't', analysis: '', reportIds: [target] })).status, 404);

    const notDisseminated = file2.accepted[1]!.reportId;
    // Agency A: no package, and neither B's report nor an undisseminated one nor an unknown one.
    assert.deepEqual((await call('invA', 'GET', `/api/fiu/investigator/packages?${purpose}`)).body, []);
    for (const reportId of [target, notDisseminated, 'no-such-report#1']) {
      const refused = await call('invA', 'GET', `/api/fiu/investigator/reports/${encodeURIComponent(reportId)}?${purpose}`);
      assert.equal(refused.status, 403, reportId);
      assert.equal(refused.type, 'application/problem+json; charset=utf-8');
      assert.equal((refused.body as unknown as { detail: string }).detail, 'this report was not disseminated to your agency', 'the same answer whether the report exists or not');
    }
    // Agency B: its package and its report; not the undisseminated one.
    const packages = await call('invB', 'GET', `/api/fiu/investigator/packages?${purpose}`);
    assert.deepEqual((packages.body as unknown as Array<{ disseminationId: string }>).map((entry) => entry.disseminationId), [pack.disseminationId]);
    const read = await call('invB', 'GET', `/api/fiu/investigator/reports/${encodeURIComponent(target)}?${purpose}`);
    assert.equal(read.status, 200);
    const readReport = read.body as unknown as { reportId: string; subjects: Array<{ role: string; fullName: string; identifiers: Array<{ value: string }> }> };
    assert.equal(readReport.reportId, target);
    assert.equal((await call('invB', 'GET', `/api/fiu/investigator/reports/${encodeURIComponent(notDisseminated)}?${purpose}`)).status, 403);
    // The subject of the package is also in file 2's report, which was not disseminated: search stays inside the package.
    const subject = readReport.subjects.find((entry) => entry.role === 'subject')!;
    const found = await call('invB', 'GET', `/api/fiu/investigator/search?text=${encodeURIComponent(subject.identifiers[0]!.value)}&${purpose}`);
    assert.deepEqual((found.body as unknown as Array<{ reportId: string; matchedOn: string }>).map((entry) => [entry.reportId, entry.matchedOn]), [[target, 'identifier']]);
    assert.deepEqual((await call('invA', 'GET', `/api/fiu/investigator/search?text=${encodeURIComponent(subject.identifiers[0]!.value)}&${purpose}`)).body, []);

    // Nine calls (the first by investigators in this story), nine audit entries, each with the declared purpose and the investigator.
    const entries = await audit();
    const investigatorEntries = entries.filter((entry) => entry.action.startsWith('fiu.report.') || entry.action === 'fiu.search' || entry.action === 'fiu.packages.listed');
    assert.equal(investigatorEntries.length, 9, JSON.stringify(entries.map((entry) => entry.action)));
    assert.ok(investigatorEntries.every((entry) => entry.details['purpose'] === PURPOSE && (entry.actor === 'inv.fgr' || entry.actor === 'inv.hsi')));
    assert.deepEqual(investigatorEntries.filter((entry) => entry.action === 'fiu.report.view_refused').length, 4);
    assert.deepEqual(investigatorEntries.filter((entry) => entry.action === 'fiu.search').map((entry) => entry.actor).sort(), ['inv.fgr', 'inv.hsi']);
  });

  test('an investigator must declare a purpose (400 naming the field); no agency or the wrong role is refused', async () => {
    const target = file1.accepted[0]!.reportId;
    for (const url of [`/api/fiu/investigator/reports/${encodeURIComponent(target)}`, '/api/fiu/investigator/packages', '/api/fiu/investigator/search?text=Juan', `/api/fiu/investigator/reports/${encodeURIComponent(target)}?purpose=%20%20short%20`]) {
      const response = await call('invB', 'GET', url);
      assert.equal(response.status, 400, url);
      assert.deepEqual((response.body as unknown as { issues: Array<{ field: string }> }).issues.map((issue) => issue.field), ['querystring.purpose'], url);
    }
    const noAgency = await call('law_enforcement_investigator', 'GET', `/api/fiu/investigator/packages?${purpose}`);
    assert.equal(noAgency.status, 403);
    assert.match((noAgency.body as unknown as { detail: string }).detail, /no law-enforcement agency/);
    // An agency on the user alone is not enough: the hub's registration must agree with it.
    const unregistered = await call('admin', 'POST', '/api/v1/admin/users', { username: 'inv.unregistered', displayName: 'Not registered', password: 'password-of-unregistered', roles: ['law_enforcement_investigator'], agencyId: agencyB });
    assert.equal(unregistered.status, 201);
    await login('invUnregistered', 'inv.unregistered', 'password-of-unregistered');
    const refused = await call('invUnregistered', 'GET', `/api/fiu/investigator/reports/${encodeURIComponent(target)}?${purpose}`);
    assert.equal(refused.status, 403);
    assert.match((refused.body as unknown as { detail: string }).detail, /not a registered, active investigator of hsi-elp/);
    for (const role of ['fiu_analyst', 'fiu_supervisor', 'filer', 'admin']) assert.equal((await call(role, 'GET', `/api/fiu/investigator/reports/${encodeURIComponent(target)}?${purpose}`)).status, 403, role);
  });

  test('feedback, advisories and subject lists reach the filer of the institution they are for', async () => {
    const advisory = await call('fiu_analyst', 'POST', '/api/fiu/advisories', { subject: { en: 'Advisory', es: 'Alerta' }, body: 'New typology.', reference: 'mx-us.x@1.0.0' });
    assert.equal(advisory.status, 200);
    const feedback = await call('fiu_analyst', 'POST', `/api/fiu/institutions/${encodeURIComponent(FILER)}/feedback`, { subject: { en: 'Add identifiers', es: 'Agregue identificadores' }, body: 'Two SARs lack an RFC.' });
    assert.equal(feedback.status, 200);
    const ids = (who: string) => call(who, 'GET', '/api/fiu/institution/messages').then((response) => (response.body as unknown as Array<{ messageId: string }>).map((message) => message.messageId).sort());
    assert.deepEqual(await ids('filer'), [(advisory.body as unknown as { messageId: string }).messageId, (feedback.body as unknown as { messageId: string }).messageId].sort());
    assert.deepEqual(await ids('otherFiler'), [(advisory.body as unknown as { messageId: string }).messageId]);

    const list = await call('fiu_analyst', 'POST', '/api/fiu/subject-lists', { title: '314(a)', requestingAgency: 'hsi-elp', subjects: [{ name: 'Juan Pérez López', kind: 'person' }], institutionIds: [FILER], respondBy: '2026-03-19' });
    assert.equal(list.status, 200);
    const listId = (list.body as unknown as { listId: string }).listId;
    assert.equal(((await call('filer', 'GET', '/api/fiu/institution/subject-lists')).body as unknown as unknown[]).length, 1);
    assert.deepEqual((await call('otherFiler', 'GET', '/api/fiu/institution/subject-lists')).body, []);
    assert.equal((await call('otherFiler', 'POST', `/api/fiu/institution/subject-lists/${listId}/results`, { results: [{ subjectIndex: 0, matched: false }] })).status, 403);
    assert.equal((await call('filer', 'POST', `/api/fiu/institution/subject-lists/${listId}/results`, { results: [{ subjectIndex: 0, matched: false }] })).status, 204);
    assert.deepEqual(((await call('fiu_analyst', 'GET', `/api/fiu/subject-lists/${listId}/results`)).body as unknown as { pending: string[] }).pending, []);
    const sent = (await call('fiu_analyst', 'GET', '/api/fiu/subject-lists')).body as unknown as { lists: Array<{ listId: string; title: string; recipients: number; answered: number }> };
    assert.deepEqual(sent.lists.map(({ listId: id, title, recipients, answered }) => ({ id, title, recipients, answered })), [{ id: listId, title: '314(a)', recipients: 1, answered: 1 }]);
    assert.equal((await call('filer', 'GET', '/api/fiu/subject-lists')).status, 403);
    const cards = (await call('fiu_supervisor', 'GET', '/api/fiu/scorecards')).body as unknown as Array<{ institutionId: string; usefulness: number }>;
    assert.ok(cards.some((card) => card.institutionId === FILER && card.usefulness > 0), JSON.stringify(cards));
  });

  test('the counterpart-FIU message route is public to HTTP and refuses when no exchange is configured; its inbox is the FIU\'s', async () => {
    const envelope = await h.app.inject({ method: 'POST', url: '/api/fiu/exchange/messages', payload: { messageId: 'x' } });
    assert.equal(envelope.statusCode, 403);
    assert.match(envelope.json().detail, /no FIU-to-FIU exchange/);
    assert.deepEqual((await call('fiu_analyst', 'GET', '/api/fiu/exchange/inbox')).body, []);
    assert.equal((await call('filer', 'GET', '/api/fiu/exchange/inbox')).status, 403);
  });
});
