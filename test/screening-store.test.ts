import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyListUpdates, createScreeningStore, ListEntrySchema, section2313aList, type ListSnapshot } from '../src/screening/index.ts';
import { createAlertStore, migrateAll } from '../src/store/index.ts';
import { testDatabaseTargets, type TestDatabase } from '../src/store/testing.ts';
import { PartySchema } from '../src/domain/index.ts';
import { ConflictError } from '../src/errors.ts';

const entry = (entryId: string, name: string, extra: Record<string, unknown> = {}) => ListEntrySchema.parse({ listId: 'ofac-sdn', entryId, type: 'person', name, ...extra });
const v1: ListSnapshot = { listId: 'ofac-sdn', version: '2024-05-01', entries: [entry('1', 'OSEGUERA CERVANTES, Nemesio'), entry('2', 'GUZMAN LOERA, Joaquin'), entry('3', 'OLD ENTRY, Removed')] };
const v2: ListSnapshot = {
  listId: 'ofac-sdn', version: '2024-05-03',
  entries: [entry('1', 'OSEGUERA CERVANTES, Nemesio', { aliases: [{ name: 'Mencho', quality: 'weak' }] }), entry('2', 'GUZMAN LOERA, Joaquin'), entry('4', 'QUIROZ NAVA, Anselmo', { birthDates: ['1970-01-01'] })],
};
const parties = [
  PartySchema.parse({ type: 'person', id: 'P-anselmo', name: { given: 'Anselmo', paternal: 'Quiroz', maternal: 'Nava' }, country: 'MX' }),
  PartySchema.parse({ type: 'person', id: 'P-joaquin', name: { given: 'Joaquín', paternal: 'Guzmán', maternal: 'Loera' }, country: 'MX' }),
  PartySchema.parse({ type: 'person', id: 'P-maria', name: { given: 'María', paternal: 'Hernández', maternal: 'López' }, country: 'MX' }),
];

for (const target of testDatabaseTargets()) {
  describe(`screening store on ${target.name}`, () => {
    let handle: TestDatabase;
    before(async () => { handle = await target.open(); await migrateAll(handle.database); });
    after(() => handle.dispose());

    test('list versions are stored with their delta; a version loads once', async () => {
      const store = createScreeningStore(handle.database);
      const first = await store.saveListVersion(v1, { loadedAt: '2024-05-01T00:00:00Z' });
      assert.equal(first.added.length, 3);
      const second = await store.saveListVersion(v2, { loadedAt: '2024-05-03T00:00:00Z' });
      assert.deepEqual(second.added.map((e) => e.entryId), ['4']);
      assert.deepEqual(second.changed.map((c) => [c.entryId, c.fields]), [['1', ['aliases']]]);
      assert.deepEqual(second.removed.map((e) => e.entryId), ['3']);
      await assert.rejects(store.saveListVersion(v2, { loadedAt: '2024-05-03T00:00:00Z' }), ConflictError);
      const versions = await store.versions('ofac-sdn');
      assert.deepEqual(versions.map((v) => [v.version, v.previousVersion, v.added, v.changed, v.removed, v.current]), [['2024-05-01', null, 3, 0, 0, false], ['2024-05-03', '2024-05-01', 1, 1, 1, true]]);
      const current = await store.currentSnapshots();
      assert.deepEqual(current[0]!.entries, v2.entries);
      assert.deepEqual((await store.snapshot('ofac-sdn', '2024-05-01'))!.entries, v1.entries);
    });

    test('a list update re-screens parties and stores alerts for new hits only', async () => {
      const screeningStore = createScreeningStore(handle.database);
      const alertStore = createAlertStore(handle.database);
      // Joaquín was on v1 already: seed the hit as alerted before, as an earlier screening would have.
      await screeningStore.recordHits([{ partyId: 'P-joaquin', listId: 'ofac-sdn', entryId: '2', listVersion: '2024-05-01', score: 1, alertId: 'earlier', time: '2024-05-01T00:00:00Z' }]);
      const v3: ListSnapshot = { ...v2, version: '2024-05-10', entries: [...v2.entries.filter((e) => e.entryId !== '2'), entry('2', 'GUZMAN LOERA, Joaquin', { aliases: [{ name: 'El Chapo', quality: 'weak' }] })] };
      const result = await applyListUpdates({ screeningStore, alertStore, snapshots: [v3], extraSnapshots: [section2313aList()], parties, time: '2024-05-10T00:00:00Z', alertThreshold: 0.8, interdictionThreshold: 0.92 });
      assert.deepEqual(result.deltas[0]!.changed.map((c) => c.entryId), ['2']);
      assert.equal(result.alerts.length, 0, 'a changed entry already alerted for the party raises nothing new');

      const v4: ListSnapshot = { ...v3, version: '2024-05-11', entries: [...v3.entries, entry('5', 'QUIROZ NAVA, Anselmo Jr', { birthDates: ['1970-01-01'] })] };
      const second = await applyListUpdates({ screeningStore, alertStore, snapshots: [v4], parties, time: '2024-05-11T00:00:00Z', alertThreshold: 0.8, interdictionThreshold: 0.92 });
      assert.deepEqual(second.alerts.map((a) => [a.partyId, a.explanation.features['entryId'], a.typologyId, a.severity]), [['P-anselmo', '5', 'screening.sanctions', 'interdict']]);
      assert.deepEqual(second.newAlertIds, [second.alerts[0]!.id]);
      const stored = await alertStore.list({ typologyId: 'screening.sanctions' });
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.alert.triggerTransactionId, 'list-update:ofac-sdn:2024-05-11');
      assert.ok((await screeningStore.alertedHitKeys()).has('P-anselmo|ofac-sdn|5'));
    });
  });
}
