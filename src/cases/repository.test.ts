import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite, loadMigrationFolder, migrate } from '../store/index.ts';
import { createSqlAuditLog } from '../audit/index.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import { createSqlCaseRepository, openCase, assignCase, submitForApproval, approveCase, CASES_MIGRATION_FOLDER } from './index.ts';

test('cases and their audit entries are stored together on the store (PGlite); the chain verifies', async () => {
  const db = await openPglite({ dataDirectory: 'memory://' });
  await migrate(db, await loadMigrationFolder(CASES_MIGRATION_FOLDER));
  const cases = createSqlCaseRepository(db);
  const audit = createSqlAuditLog(db);
  const now = '2026-03-02T15:00:00Z';
  const subject = { party: { type: 'person' as const, id: 'P-1', name: { given: 'María de los Ángeles', paternal: 'Ibáñez' }, country: 'MX', identifiers: [], aliases: [] }, relationship: 'customer' as const, accounts: [], identityDocuments: [] };
  await cases.create(openCase({ id: 'C-1', jurisdiction: 'MX', subject, alerts: [] }, { actor: 'system', now }));
  await assert.rejects(cases.create(openCase({ id: 'C-1', jurisdiction: 'MX', subject, alerts: [] }, { actor: 'system', now })), ConflictError);
  await cases.apply('C-1', (kase) => assignCase(kase, 'ana', { actor: 'lead', now: '2026-03-02T15:01:00Z' }));
  await cases.apply('C-1', (kase) => submitForApproval(kase, { actor: 'ana', now: '2026-03-02T15:02:00Z' }));
  await assert.rejects(cases.apply('C-1', (kase) => approveCase(kase, { actor: 'ana', now: '2026-03-02T15:03:00Z' })), ForbiddenError);
  const { value } = await cases.apply('C-1', (kase) => approveCase(kase, { actor: 'luis', now: '2026-03-02T15:04:00Z' }));
  assert.equal(value.approval?.approver, 'luis');

  const stored = await cases.get('C-1');
  assert.equal(stored.subject.party.type === 'person' && stored.subject.party.name.given, 'María de los Ángeles');
  assert.deepEqual((await cases.list({ status: 'pending_approval' })).map((c) => c.id), ['C-1']);
  assert.deepEqual((await audit.list({ subjectId: 'C-1' })).map((e) => e.action), ['case.opened', 'case.assigned', 'case.submitted_for_approval', 'case.approved']);
  assert.equal((await audit.verify()).ok, true);

  const bytes = new TextEncoder().encode('contrato de compraventa');
  await cases.putAttachment('a'.repeat(64), bytes);
  await cases.putAttachment('a'.repeat(64), bytes);
  assert.deepEqual(await cases.getAttachment('a'.repeat(64)), bytes);
  await db.close();
});
