import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { startHarness, type Harness } from './api-harness.ts';

function transaction(id: string, minutes: number, overrides: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: new Date(Date.UTC(2026, 2, 2, 10, minutes)).toISOString(),
    amountMinor: 950_000,
    currency: 'USD',
    channel: 'cash_deposit',
    originator: { partyId: 'P-ROSA', name: 'Rosa María Pérez García', accountId: 'ACC-ROSA', country: 'MX' },
    beneficiary: { accountId: 'ACC-FUNNEL', name: 'Comercializadora del Norte S.A. de C.V.', country: 'MX' },
    ...overrides,
  };
}

describe('API: ingest, alert queue, case workflow with four eyes, audit', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('JSON ingest answers per record and quarantines the invalid one with its reasons', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { cookie: h.cookieFor.institution_analyst },
      payload: { transactions: [transaction('T-1', 0), transaction('T-2', 5), { ...transaction('T-3', 9), amountMinor: -5, currency: 'usd' }, transaction('T-1', 0)] },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual({ accepted: body.accepted, duplicates: body.duplicates, quarantined: body.quarantined }, { accepted: 2, duplicates: 1, quarantined: 1 });
    assert.deepEqual(body.results.map((r: { status: string }) => r.status), ['accepted', 'accepted', 'quarantined', 'duplicate']);
    const fields = body.results[2].issues.map((i: { field: string }) => i.field).sort();
    assert.deepEqual(fields, ['amountMinor', 'currency']);
    const kept = await h.services.store!.quarantine.list({});
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.location, 'transactions[2]');
    assert.equal(await h.services.store!.transactionLog.count(), 2);
  });

  test('ISO 20022 pacs.008 ingest over XML answers per credit transfer', async () => {
    const xml = await readFile(new URL('../../shared/reference/samples/iso20022/wire20022/CustomerCreditTransfer_Scenario1_Step1_pacs.008.xml', import.meta.url), 'utf8');
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/transactions/iso20022', headers: { cookie: h.cookieFor.institution_analyst, 'content-type': 'application/xml' }, payload: xml });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.results.length, 1);
    assert.equal(body.accepted + body.quarantined, 1);
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/transactions/iso20022', headers: { cookie: h.cookieFor.institution_analyst, 'content-type': 'application/xml' }, payload: xml });
    if (body.accepted === 1) assert.equal(again.json().duplicates, 1, 'the same message twice is recorded once');
  });

  test('an XML document with a DTD is quarantined or refused, never expanded', async () => {
    const evil = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>';
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/transactions/iso20022', headers: { cookie: h.cookieFor.institution_analyst, 'content-type': 'application/xml' }, payload: evil });
    assert.ok([200, 400].includes(response.statusCode), response.body);
    assert.ok(!response.body.includes('root:'), 'no file content leaks');
    if (response.statusCode === 200) assert.equal(response.json().accepted, 0);
  });

  test('the alert queue lists alerts with explanations; an analyst opens a case; a second person approves it', async () => {
    const alert: Alert = {
      id: 'A-STRUCT-1',
      typologyId: 'structuring-ctr',
      typologyVersion: '1.0.0',
      subjectKey: 'ACC-ROSA',
      partyId: 'P-ROSA',
      score: 0.91,
      severity: 'alert',
      time: transaction('T-2', 5).time,
      triggerTransactionId: 'T-2',
      transactionIds: ['T-1', 'T-2'],
      patterns: ['structuring_ctr'],
      explanation: {
        rules: [{ id: 'near-threshold', description: 'Two cash deposits just under USD 10,000 within 24 hours', fired: true, weight: 0.7 }],
        features: { cashDeposits24h: 2, sumUsd24h: 19000 },
        summary: 'Cash deposits of USD 9,500 twice in 5 minutes, each just below the CTR threshold',
      },
    };
    await h.services.store!.alerts.insert([alert]);

    const list = await h.app.inject({ method: 'GET', url: '/api/v1/alerts?status=new', headers: { cookie: h.cookieFor.institution_analyst } });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().total, 1);
    assert.equal(list.json().alerts[0].summary, alert.explanation.summary);

    const shown = await h.app.inject({ method: 'GET', url: '/api/v1/alerts/A-STRUCT-1', headers: { cookie: h.cookieFor.institution_analyst } });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json().alert.explanation, alert.explanation);
    assert.deepEqual(shown.json().transactions.map((t: Transaction) => t.id).sort(), ['T-1', 'T-2']);

    const analyst = { cookie: h.cookieFor.institution_analyst };
    const approver = { cookie: h.cookieFor.institution_approver };
    const opened = await h.app.inject({ method: 'POST', url: '/api/v1/cases', headers: analyst, payload: { alertIds: ['A-STRUCT-1'] } });
    assert.equal(opened.statusCode, 201, opened.body);
    const caseId = opened.json().id as string;
    assert.equal(opened.json().status, 'open');
    assert.equal((await h.services.store!.alerts.get('A-STRUCT-1'))!.status, 'in_review');

    const detail = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: analyst });
    assert.equal(detail.statusCode, 200);
    const kase = detail.json().case;
    assert.equal(kase.subject.party.type, 'person');
    assert.deepEqual(kase.subject.party.name, { given: 'Rosa María', paternal: 'Pérez', maternal: 'García' });
    assert.equal(kase.transactions.length, 2);

    assert.equal((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/assign`, headers: analyst, payload: { assignee: 'institution-analyst' } })).statusCode, 200);
    const narrative = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/narrative`, headers: analyst, payload: { language: 'en' } });
    assert.equal(narrative.statusCode, 200, narrative.body);
    assert.ok(narrative.json().text.length > 50);
    assert.equal((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/submit`, headers: analyst, payload: {} })).statusCode, 200);
    const selfApprove = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/approve`, headers: analyst, payload: {} });
    assert.equal(selfApprove.statusCode, 403, 'an analyst may not approve');
    const approved = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/approve`, headers: approver, payload: { format: 'fincen-sar' } });
    assert.equal(approved.statusCode, 200, approved.body);

    const timeline = (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: analyst })).json().timeline as Array<{ action: string; actor: string }>;
    const actions = timeline.map((entry) => entry.action);
    for (const action of ['transaction', 'alert', 'case.opened', 'case.submitted_for_approval']) assert.ok(actions.includes(action), `${action} missing from ${actions.join(',')}`);
    assert.ok(timeline.some((e) => e.actor === 'institution-approver'), 'the approval is on the timeline by its approver');

    const rendered = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/reports`, headers: analyst, payload: { kind: 'sar' } });
    assert.equal(rendered.statusCode, 201, rendered.body);
    const report = rendered.json();
    assert.deepEqual(report.issues, []);
    assert.equal(report.valid, true);
    assert.match(report.validatedAgainst, /xsd/i);
    const download = await h.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}/download`, headers: analyst });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment; filename="SARX-/);
    assert.match(download.body, /<fc2:EFilingBatchXML|EFilingBatchXML/);
    const { validateReportFile } = await import('../src/reports/index.ts');
    const revalidated = await validateReportFile(download.body);
    assert.equal(revalidated.valid, true, JSON.stringify(revalidated.issues.slice(0, 3)));
    const analystFiles = await h.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/file`, headers: analyst, payload: {} });
    assert.equal(analystFiles.statusCode, 403);
    const filed = await h.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/file`, headers: approver, payload: {} });
    assert.equal(filed.statusCode, 200, filed.body);
    assert.equal(filed.json().status, 'filed');
  });

  test('the same approver cannot approve a case they prepared (four eyes, from the cases module)', async () => {
    const approver = { cookie: h.cookieFor.institution_approver };
    await h.services.store!.alerts.insert([
      {
        id: 'A-2',
        typologyId: 'funnel-account',
        typologyVersion: '1.0.0',
        subjectKey: 'ACC-FUNNEL',
        score: 0.8,
        severity: 'alert',
        time: transaction('T-2', 5).time,
        triggerTransactionId: 'T-2',
        transactionIds: ['T-2'],
        patterns: [],
        explanation: { rules: [], features: {}, summary: 'funnel' },
      },
    ]);
    const opened = await h.app.inject({ method: 'POST', url: '/api/v1/cases', headers: approver, payload: { alertIds: ['A-2'] } });
    const caseId = opened.json().id as string;
    await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/assign`, headers: approver, payload: { assignee: 'institution-approver' } });
    await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/submit`, headers: approver, payload: {} });
    const response = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/approve`, headers: approver, payload: {} });
    assert.equal(response.statusCode, 403);
    assert.match(response.json().detail, /four-eyes/);
  });

  test('dashboard aggregates the log and the alerts', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: { cookie: h.cookieFor.supervisor } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.ok(body.totals.transactions >= 2);
    assert.equal(body.totals.alerts, 2);
    assert.ok(body.alertsByTypology.some((row: { typologyId: string; count: number }) => row.typologyId === 'structuring-ctr' && row.count === 1));
    const day = body.volumeByDay.find((row: { day: string }) => row.day === '2026-03-02');
    assert.ok(day.transactions >= 2);
  });

  test('the audit log shows sign-ins, ingests and case actions, and its chain verifies', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: h.cookieFor.supervisor } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.chain.ok, true);
    const actions = new Set(body.entries.map((entry: { action: string }) => entry.action));
    for (const action of ['transactions.ingested', 'case.opened', 'case.approved']) assert.ok(actions.has(action), `${action} not audited: ${[...actions].join(',')}`);
  });
});
