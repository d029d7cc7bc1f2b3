import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { readFile } from 'node:fs/promises';
import { appendEntry, verifyChain, canonicalJson, createSqlAuditLog, type AuditEntry } from './index.ts';

function chainOf(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(appendEntry(entries[i - 1], { time: `2026-03-0${i + 1}T10:00:00Z`, actor: i % 2 ? 'luis' : 'ana', action: 'case.note', subject: { kind: 'case', id: 'C-1' }, details: { note: `step ${i}`, amountMinor: 1000 * i } }));
  }
  return entries;
}

test('canonical JSON sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: { d: 1, c: [2, { f: null, e: 'x' }] }, a: true }), '{"a":true,"b":{"c":[2,{"e":"x","f":null}],"d":1}}');
});

test('an untouched chain verifies', () => {
  const result = verifyChain(chainOf(5));
  assert.equal(result.ok, true);
  assert.equal(result.ok && result.entries, 5);
});

test('an edited entry is detected', () => {
  const entries = chainOf(5);
  entries[2] = { ...entries[2]!, details: { note: 'step 2', amountMinor: 1 } };
  const result = verifyChain(entries);
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((p) => [p.sequence, p.kind]), [[3, 'edited']]);
});

test('an edited entry whose hash was recomputed breaks the next link', () => {
  const entries = chainOf(5);
  const forged = appendEntry(entries[1], { time: entries[2]!.time, actor: 'mallory', action: 'case.note', subject: { kind: 'case', id: 'C-1' } });
  entries[2] = forged;
  const result = verifyChain(entries);
  assert.deepEqual(!result.ok && result.problems.map((p) => [p.sequence, p.kind]), [[4, 'broken-link']]);
});

test('a removed entry is detected, in the middle and at the end', () => {
  const entries = chainOf(5);
  const middle = verifyChain([...entries.slice(0, 2), ...entries.slice(3)]);
  assert.deepEqual(!middle.ok && middle.problems.map((p) => [p.sequence, p.kind]), [[4, 'removed']]);
  const head = { sequence: 5, hash: entries[4]!.hash };
  const truncated = verifyChain(entries.slice(0, 4), head);
  assert.deepEqual(!truncated.ok && truncated.problems.map((p) => p.kind), ['removed']);
  assert.equal(verifyChain(entries, head).ok, true);
});

test('reordered entries are detected', () => {
  const entries = chainOf(5);
  const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
  const result = verifyChain(swapped);
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.problems.some((p) => p.kind === 'reordered'));
});

test('the SQL audit log chains, filters, verifies and refuses updates and deletes (PGlite)', async () => {
  const db = new PGlite();
  await db.exec(await readFile(new URL('../cases/migrations/0200-audit-log.sql', import.meta.url), 'utf8'));
  const log = createSqlAuditLog(db);
  const time = '2026-03-01T10:00:00Z';
  await log.append({ time, actor: 'ana', action: 'case.opened', subject: { kind: 'case', id: 'C-1' } });
  await log.append({ time, actor: 'ana', action: 'case.assigned', subject: { kind: 'case', id: 'C-1' }, details: { to: 'luis' } });
  const third = await log.append({ time, actor: 'luis', action: 'case.opened', subject: { kind: 'case', id: 'C-2' }, details: { nombre: 'José Núñez' } });
  assert.equal(third.sequence, 3);
  assert.equal((await log.list({ subjectId: 'C-1' })).length, 2);
  assert.equal((await log.list())[2]!.details['nombre'], 'José Núñez');
  assert.equal((await log.verify()).ok, true);
  await assert.rejects(db.query(`UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2`), /append-only/);
  await assert.rejects(db.query('DELETE FROM audit_log WHERE sequence = 1'), /append-only/);
  await db.close();
});
