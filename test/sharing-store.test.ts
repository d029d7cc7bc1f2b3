import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryAuditLog } from '../src/audit/index.ts';
import { loadMigrations, migrate, openPglite } from '../src/store/index.ts';
import {
  createHttpTransport,
  createLocalBlindingEngine,
  createSharingNode,
  createSqlSharingStore,
  generateNodeKeys,
  screeningNameParser,
  SHARING_MIGRATIONS_FOLDER,
  startLoopbackNetwork,
  syntheticSubjects,
} from '../src/sharing/index.ts';

describe('sharing records on the store (PGlite)', () => {
  it('keeps registrations, sessions and shared cases across a restart of the node, never the scalars', async () => {
    const database = await openPglite({ dataDirectory: 'memory://' });
    try {
      await migrate(database, await loadMigrations([{ module: 'sharing', range: [400, 499], folder: SHARING_MIGRATIONS_FOLDER }]));
      const store = createSqlSharingStore(database);
      const network = await startLoopbackNetwork({
        institutions: [
          { institutionId: 'norte', name: 'Banco del Norte', country: 'MX', subjects: syntheticSubjects({ from: 0, count: 20, seed: 4, variant: 'mx', prefix: 'norte' }), investigators: [{ id: 'ana', name: 'Ana' }] },
          { institutionId: 'sur', name: 'Sur Bank', country: 'US', subjects: syntheticSubjects({ from: 15, count: 20, seed: 4, variant: 'us', prefix: 'sur' }) },
        ],
      });
      const { identity, encryption } = generateNodeKeys('norte');
      const subjects = syntheticSubjects({ from: 0, count: 20, seed: 4, variant: 'mx', prefix: 'norte' });
      const makeNode = () =>
        createSharingNode({ identity, encryption, audit: createMemoryAuditLog(), engine: createLocalBlindingEngine(), nameParser: screeningNameParser, subjects: async () => subjects, clock: () => new Date(), transport: createHttpTransport(), store });
      try {
        // A persistent node for "norte" takes the place of the loopback one at the same endpoint.
        const first = makeNode();
        const loopbackNorte = network.byId('norte');
        await network.byId('sur').node.register({ ...loopbackNorte.registration, identityKey: identity.publicKey, encryptionKey: encryption.publicKey }, 'admin');
        for (const participant of network.nodes) {
          await first.register(participant.institutionId === 'norte' ? { ...participant.registration, identityKey: identity.publicKey, encryptionKey: encryption.publicKey } : participant.registration, 'admin');
        }
        const session = await first.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Customers in common across the border', legalBasis: 'us-314b' }, 'ana');
        assert.equal(session.outcome?.matchedSubjects?.length, 5);
        const opened = await first.cases.open({ sessionId: session.sessionId, investigators: ['ana'], title: 'Restart test' }, 'ana');

        const restarted = makeNode();
        await restarted.restore();
        assert.deepEqual(restarted.participants().map((participant) => participant.institutionId).sort(), ['norte', 'sur']);
        assert.deepEqual(restarted.getSession(session.sessionId).outcome, session.outcome);
        assert.equal((await restarted.cases.view(opened.caseId, 'ana')).handles.length, opened.handles.length);
        const rows = await database.query<{ document: unknown }>('SELECT document FROM sharing_sessions');
        assert.equal(rows.rows.length, 1);
        assert.doesNotMatch(JSON.stringify(rows.rows[0]!.document), /scalar/);
      } finally {
        await network.close();
      }
    } finally {
      await database.close();
    }
  });
});
