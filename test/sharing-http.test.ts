import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INVESTIGATOR_HEADER, startLoopbackNetwork, syntheticSubjects } from '../src/sharing/index.ts';

describe('sharing HTTP routes (what the web pages call)', () => {
  let network: Awaited<ReturnType<typeof startLoopbackNetwork>>;
  before(async () => {
    network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX', subjects: syntheticSubjects({ from: 0, count: 30, seed: 8, variant: 'mx', prefix: 'norte' }), investigators: [{ id: 'ana', name: 'Ana' }] },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US', subjects: syntheticSubjects({ from: 25, count: 30, seed: 8, variant: 'us', prefix: 'sur' }), investigators: [{ id: 'beth', name: 'Beth' }] },
      ],
    });
  });
  after(async () => network.close());

  const call = async (method: 'GET' | 'POST', path: string, investigator: string | null, body?: unknown) => {
    const response = await fetch(new URL(path, network.byId('norte').url), {
      method,
      headers: { ...(investigator === null ? {} : { [INVESTIGATOR_HEADER]: investigator }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('refuses a request without an investigator', async () => {
    const { status, body } = await call('GET', '/sharing/v1/participants', null);
    assert.equal(status, 401);
    assert.equal(body['code'], 'unauthenticated');
  });

  it('lists participants with their status, runs a match, opens a case and adds an entry', async () => {
    const participants = await call('GET', '/sharing/v1/participants', 'ana');
    assert.deepEqual((participants.body['participants'] as Array<{ institutionId: string; status: string }>).map((entry) => `${entry.institutionId}:${entry.status}`), ['norte:active', 'sur:active']);

    const invalid = await call('POST', '/sharing/v1/matches', 'ana', { peer: 'sur', purposeCode: 'money_laundering', purpose: 'short', legalBasis: 'us-314b' });
    assert.equal(invalid.status, 400);
    assert.deepEqual((invalid.body['issues'] as Array<{ field: string }>).map((issue) => issue.field), ['purpose']);

    const match = await call('POST', '/sharing/v1/matches', 'ana', { peer: 'sur', purposeCode: 'money_laundering', purpose: 'Shared customers in a structuring pattern', legalBasis: 'us-314b' });
    assert.equal(match.status, 201);
    const outcome = match.body['outcome'] as { matchedSubjects: Array<{ subjectId: string; handles: string[] }> };
    assert.equal(outcome.matchedSubjects.length, 5);
    const listed = await call('GET', '/sharing/v1/matches', 'ana');
    assert.equal((listed.body['sessions'] as unknown[]).length, 1);

    const opened = await call('POST', '/sharing/v1/cases', 'ana', { sessionId: match.body['sessionId'], title: 'Structuring', investigators: ['ana'] });
    assert.equal(opened.status, 201);
    const caseId = String(opened.body['caseId']);
    const entry = await call('POST', `/sharing/v1/cases/${caseId}/entries`, 'ana', { kind: 'note', subjectHandle: outcome.matchedSubjects[0]!.handles[0], text: 'Deposits of USD 9,500 on consecutive days.' });
    assert.equal(entry.status, 201);
    const forbidden = await call('GET', `/sharing/v1/cases/${caseId}`, 'mallory');
    assert.equal(forbidden.status, 403);
    const view = await call('GET', `/sharing/v1/cases/${caseId}`, 'ana');
    assert.equal((view.body['entries'] as unknown[]).length, 1);
    const missing = await call('GET', '/sharing/v1/matches/no-such-session', 'ana');
    assert.equal(missing.status, 404);
  });
});
