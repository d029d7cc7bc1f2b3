import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  mexicanBankingHolidays, addMexicanBusinessDays, isMexicanBusinessDay, easterSunday, computeDeadlines, deadlineWarnings,
  openCase, assignCase, submitForApproval, approveCase, recordFiling, closeWithoutFiling, editNarrative, addAttachment,
  applyAcknowledgement, groupAlertsBySubject, draftNarrative, CaseSchema, type Case, type WorkflowResult,
} from './index.ts';
import type { Alert } from '../domain/index.ts';

const now = '2026-03-02T15:00:00Z';
const subject = {
  party: { type: 'person' as const, id: 'P-1', name: { given: 'José Luis', paternal: 'Núñez', maternal: 'Peña' }, country: 'MX', identifiers: [{ kind: 'rfc' as const, value: 'GODE561231GR8' }], aliases: [] },
  relationship: 'customer' as const,
  accounts: [],
  identityDocuments: [],
};

function alert(id: string, partyId: string, time: string): Alert {
  return {
    id, typologyId: 'mx-us.funnel-account', typologyVersion: '1.2.0', subjectKey: `ACC-${partyId}`, partyId, score: 0.91, severity: 'alert', time,
    triggerTransactionId: 'T-2', transactionIds: ['T-1', 'T-2'], patterns: ['funnel_account'],
    explanation: { rules: [{ id: 'r1', description: 'Cash deposits by 7 depositors in 3 states', fired: true, weight: 0.7 }, { id: 'r2', description: 'Never fired', fired: false, weight: 0.3 }], features: {}, summary: 'Funnel account: cash in across branches, out to Mexico.' },
  };
}

function ok(result: WorkflowResult): Case {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

function newCase(jurisdiction: 'US' | 'MX' = 'US'): Case {
  return ok(openCase({ id: 'C-1', jurisdiction, subject, alerts: [alert('A-1', 'P-1', '2026-02-27T10:00:00Z')] }, { actor: 'system', now }));
}

test('Mexican banking holidays follow the CNBV rules', () => {
  assert.deepEqual(easterSunday(2026), { month: 4, day: 5 });
  assert.deepEqual(mexicanBankingHolidays(2026), [
    '2026-01-01', '2026-02-02', '2026-03-16', '2026-04-02', '2026-04-03', '2026-05-01', '2026-09-16', '2026-11-02', '2026-11-16', '2026-12-12', '2026-12-25',
  ]);
  assert.ok(mexicanBankingHolidays(2024).includes('2024-10-01'), 'presidential inauguration year');
  assert.ok(!mexicanBankingHolidays(2026).includes('2026-10-01'));
  assert.ok(mexicanBankingHolidays(2025).includes('2025-04-17'), 'Jueves Santo 2025');
  assert.equal(isMexicanBusinessDay('2026-03-14'), false, 'Saturday');
  assert.equal(addMexicanBusinessDays('2026-03-13', 3), '2026-03-19', 'Monday 16 March is Juárez');
  assert.equal(addMexicanBusinessDays('2026-04-01', 3), '2026-04-08', 'Holy Thursday and Good Friday');
  assert.equal(addMexicanBusinessDays('2026-03-13', 1, ['2026-03-17']), '2026-03-18', 'extra CNBV day');
});

test('deadlines: SAR 30 days (60 without suspect), CTR 15 days, UIF 3 business days after committee, blocked list 24 hours', () => {
  const us = newCase('US');
  assert.deepEqual(computeDeadlines(us).map((d) => [d.kind, d.dueAt]), [['fincen-sar', '2026-03-29T10:00:00.000Z']]);
  const noSuspect = { ...us, suspectIdentified: false };
  assert.equal(computeDeadlines(noSuspect)[0]!.dueAt, '2026-04-28T10:00:00.000Z');
  const ctr = { ...us, alerts: [], ctrBusinessDay: '2026-03-02' };
  assert.deepEqual(computeDeadlines(ctr).map((d) => [d.kind, d.dueAt]), [['fincen-ctr', '2026-03-17T23:59:59.000Z']]);

  const mx = newCase('MX');
  assert.deepEqual(computeDeadlines(mx).map((d) => [d.kind, d.dueAt]), [['uif-committee-decision', '2026-04-28T10:00:00.000Z']]);
  const decided = { ...mx, committeeDecisionAt: '2026-03-13T18:00:00-06:00', blockedListHitAt: '2026-03-01T12:00:00Z' };
  assert.deepEqual(computeDeadlines(decided).map((d) => [d.kind, d.dueAt]), [
    ['uif-blocked-list', '2026-03-02T12:00:00.000Z'],
    ['uif-inusual', '2026-03-20T05:59:59.000Z'], // 19 March 23:59:59 in Mexico City
  ]);
});

test('overdue and due-soon warnings, and none once filed', () => {
  const us = newCase('US');
  assert.deepEqual(deadlineWarnings(us, '2026-03-01T00:00:00Z'), []);
  const soon = deadlineWarnings(us, '2026-03-28T00:00:00Z');
  assert.equal(soon[0]!.state, 'due_soon');
  const overdue = deadlineWarnings(us, '2026-04-02T10:00:00Z');
  assert.equal(overdue[0]!.state, 'overdue');
  assert.match(overdue[0]!.message, /fincen-sar overdue by 96 h/);
  const filed = { ...us, status: 'filed' as const, filings: [{ format: 'fincen-sar' as const, documentSha256: 'a'.repeat(64), validatedAgainst: 'x', filedAt: '2026-03-20T00:00:00Z', filedBy: 'ana', acknowledgementMessages: [] }] };
  assert.deepEqual(deadlineWarnings(filed, '2026-04-02T10:00:00Z'), []);
  const review = deadlineWarnings(filed, '2026-06-20T00:00:00Z');
  assert.equal(review[0]!.kind, 'fincen-sar-continuing-review');
});

test('four-eyes: the preparer cannot approve; filing needs approval and a valid document', () => {
  let kase = ok(assignCase(newCase(), 'ana', { actor: 'lead', now }));
  assert.equal(kase.status, 'investigating');
  const notYet = recordFiling(kase, { format: 'fincen-sar', documentSha256: 'b'.repeat(64), validatedAgainst: 'SAR', valid: true }, { actor: 'ana', now });
  assert.equal(!notYet.ok && notYet.code, 'conflict');
  kase = ok(submitForApproval(kase, { actor: 'ana', now }));
  assert.equal(kase.preparer, 'ana');
  const self = approveCase(kase, { actor: 'ana', now });
  assert.equal(!self.ok && self.code, 'forbidden');
  assert.match(!self.ok ? self.issues[0]!.reason : '', /four-eyes/);
  const unapproved = recordFiling(kase, { format: 'fincen-sar', documentSha256: 'b'.repeat(64), validatedAgainst: 'SAR', valid: true }, { actor: 'ana', now });
  assert.equal(!unapproved.ok && unapproved.code, 'forbidden');
  const approved = approveCase(kase, { actor: 'luis', now });
  kase = ok(approved);
  assert.equal(approved.ok && approved.event.action, 'case.approved');
  const invalid = recordFiling(kase, { format: 'fincen-sar', documentSha256: 'b'.repeat(64), validatedAgainst: 'SAR', valid: false as unknown as true }, { actor: 'ana', now });
  assert.equal(!invalid.ok && invalid.code, 'validation');
  kase = ok(recordFiling(kase, { format: 'fincen-sar', documentSha256: 'b'.repeat(64), validatedAgainst: 'SAR', valid: true, batchId: 'B-1', batchReference: '1' }, { actor: 'ana', now }));
  assert.equal(kase.status, 'filed');
  kase = ok(applyAcknowledgement(kase, { batchId: 'B-1', batchReference: '1', regulatorFilingId: '31000055053784', status: 'accepted', messages: [] }, { actor: 'system', now }));
  assert.equal(kase.filings[0]!.regulatorFilingId, '31000055053784');
});

test('editing the narrative withdraws an approval; closing needs a reason', () => {
  let kase = ok(submitForApproval(ok(assignCase(newCase(), 'ana', { actor: 'lead', now })), { actor: 'ana', now }));
  kase = ok(approveCase(kase, { actor: 'luis', now }));
  kase = ok(editNarrative(kase, 'en', 'Edited narrative.', { actor: 'ana', now }));
  assert.equal(kase.approval, undefined);
  assert.equal(closeWithoutFiling(kase, 'no', { actor: 'luis', now }).ok, false);
  const closed = ok(closeWithoutFiling(kase, 'Activity explained by documented payroll of the family business.', { actor: 'luis', now }));
  assert.equal(closed.status, 'closed_no_file');
  assert.equal(assignCase(closed, 'ana', { actor: 'lead', now }).ok, false);
});

test('attachments are stored by content hash, once', () => {
  const bytes = new TextEncoder().encode('estado de cuenta');
  let kase = ok(addAttachment(newCase(), { fileName: 'estado.pdf', mediaType: 'application/pdf', bytes }, { actor: 'ana', now }));
  assert.equal(kase.attachments[0]!.sha256, createHash('sha256').update(bytes).digest('hex'));
  kase = ok(addAttachment(kase, { fileName: 'copia.pdf', mediaType: 'application/pdf', bytes }, { actor: 'ana', now }));
  assert.equal(kase.attachments.length, 1);
});

test('alerts are grouped by subject and join the subject’s open case', () => {
  const kase = newCase();
  const grouped = groupAlertsBySubject([alert('A-2', 'P-1', now), alert('A-3', 'P-2', now), alert('A-4', 'P-2', now)], [kase]);
  assert.deepEqual(grouped.joins.map((j) => [j.caseId, j.alerts.map((a) => a.id)]), [['C-1', ['A-2']]]);
  assert.deepEqual(grouped.groups.map((g) => [g.subjectKey, g.alerts.map((a) => a.id)]), [['P-2', ['A-3', 'A-4']]]);
});

test('the narrative draft carries the advisory key term and the alert explanations, in English and Spanish', () => {
  const kase = CaseSchema.parse({
    ...newCase(),
    typologyHints: [{ typologyId: 'mx-us.funnel-account', advisoryKeyTerm: 'CMLN-2025-A003', redFlag: { en: 'Cash in many states.', es: 'Efectivo en varios estados.' } }],
    transactions: [{ id: 'T-1', time: '2026-02-20T10:00:00Z', amountMinor: 900000, currency: 'USD', channel: 'cash_deposit', originator: { country: 'US' }, beneficiary: { country: 'MX' } }],
  });
  const en = draftNarrative(kase, 'en', { institutionName: 'Banco Frontera' });
  assert.ok(en.startsWith('CMLN-2025-A003'));
  assert.match(en, /José Luis Núñez Peña \(RFC GODE561231GR8\)/);
  assert.match(en, /USD 9,000\.00/);
  assert.match(en, /Cash deposits by 7 depositors in 3 states/);
  assert.doesNotMatch(en, /Never fired/);
  const es = draftNarrative(kase, 'es', { institutionName: 'Banco Frontera' });
  assert.match(es, /depósitos en efectivo/);
  assert.match(es, /Efectivo en varios estados/);
});

test('alerts become cases with the subject, the alerts’ transactions and the typology hints; unknown subjects are kept aside', async () => {
  const { casesFromAlerts, caseIdFor } = await import('./index.ts');
  const transaction = { id: 'T-1', time: '2026-02-20T10:00:00Z', amountMinor: 900000, currency: 'USD', channel: 'cash_deposit' as const, originator: { country: 'US', partyId: 'P-1' }, beneficiary: { country: 'US' } };
  const existing = { ...newCase(), id: 'C-OPEN', subjectKey: 'P-9' };
  const result = casesFromAlerts(
    [alert('A-1', 'P-1', '2026-02-27T10:00:00Z'), alert('A-0', 'P-1', '2026-02-26T10:00:00Z'), alert('A-2', 'P-7', now), alert('A-3', 'P-9', now)],
    [existing],
    {
      subject: (key) => (key === 'P-1' ? subject : undefined),
      transaction: (id) => (id === 'T-1' ? transaction : undefined),
      hints: (id) => (id === 'mx-us.funnel-account' ? { typologyId: id, advisoryKeyTerm: 'FIN-2014-A005', sarCategories: [{ typeId: 8, subtypeId: 824 }] } : undefined),
    },
    { actor: 'system', now },
  );
  assert.equal(result.opened.length, 1);
  const opened = ok(result.opened[0]!);
  assert.equal(opened.id, caseIdFor('P-1', 'A-0'));
  assert.equal(opened.jurisdiction, 'MX');
  assert.equal(opened.detectedAt, '2026-02-26T10:00:00Z');
  assert.deepEqual(opened.alerts.map((a) => a.id), ['A-0', 'A-1']);
  assert.deepEqual(opened.transactions.map((t) => t.id), ['T-1']);
  assert.equal(opened.typologyHints[0]!.advisoryKeyTerm, 'FIN-2014-A005');
  assert.deepEqual(result.joined.map((j) => [j.caseId, j.alerts.map((a) => a.id)]), [['C-OPEN', ['A-3']]]);
  assert.deepEqual(result.unresolved.map((u) => [u.alert.id, u.reason]), [['A-2', 'no party is known for subject P-7']]);
});

test('the committee decision starts the UIF clock; subject details can be completed, and bad ones are refused', async () => {
  const { recordCommitteeDecision, updateSubject } = await import('./index.ts');
  const mx = newCase('MX');
  assert.equal(recordCommitteeDecision(newCase('US'), '2026-03-13T18:00:00-06:00', { actor: 'ana', now }).ok, false);
  assert.equal(recordCommitteeDecision(mx, '2026-03-13', { actor: 'ana', now }).ok, false);
  const decided = ok(recordCommitteeDecision(mx, '2026-03-13T18:00:00-06:00', { actor: 'ana', now }));
  assert.equal(computeDeadlines(decided).find((d) => d.kind === 'uif-inusual')?.dueAt, '2026-03-20T05:59:59.000Z');
  const completed = ok(updateSubject(decided, { economicActivityCode: '4651000', address: { street: 'Av. Juárez', number: '12', colonia: 'Centro', city: 'Ciudad Juárez', postalCode: '32000', country: 'MX', cnbvLocalityCode: '08037001' } }, { actor: 'ana', now }));
  assert.equal(completed.subject.economicActivityCode, '4651000');
  const refused = updateSubject(decided, { economicActivityCode: '46' }, { actor: 'ana', now });
  assert.equal(!refused.ok && refused.issues[0]!.field, 'subject.economicActivityCode');
});
