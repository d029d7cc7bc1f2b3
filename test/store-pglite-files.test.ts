import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConflictError } from '../src/errors.ts';
import { openDatabase, openStore } from '../src/store/index.ts';
import { TEST_POSTGRES_URL, ensureTestPostgres, uniqueSchemaName } from '../src/store/testing.ts';

describe('file-backed PGlite', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frontera-pglite-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps data across a restart, refuses a second opener and takes over a stale lock', async () => {
    const first = await openStore({ dataDirectory: folder });
    assert.equal(first.database.kind, 'pglite');
    await first.quarantine.insert([{ source: 'restart.csv', location: 'line 2', issues: [{ field: 'amount', reason: 'missing' }], raw: 'x' }]);
    assert.equal(await readFile(join(folder, 'frontera.lock'), 'utf8'), String(process.pid));
    await assert.rejects(openDatabase({ dataDirectory: folder }), (error: unknown) => error instanceof ConflictError && /in use by process/.test(error.message));
    await first.database.close();

    // A lock left behind by a process that no longer exists does not block the next start.
    await writeFile(join(folder, 'frontera.lock'), '2147483646');
    const second = await openStore({ dataDirectory: folder });
    try {
      assert.equal(await second.quarantine.count({ source: 'restart.csv' }), 1);
    } finally {
      await second.database.close();
    }
    await assert.rejects(readFile(join(folder, 'frontera.lock')), /ENOENT/);
  });
});

describe('openDatabase', () => {
  it('picks PostgreSQL when a database URL is configured', async () => {
    await ensureTestPostgres();
    const schema = uniqueSchemaName();
    const database = await openDatabase({ dataDirectory: 'ignored', databaseUrl: TEST_POSTGRES_URL }, { schema });
    try {
      assert.equal(database.kind, 'postgres');
      assert.equal(database.schema, schema);
      const result = await database.query<{ schema: string }>('SELECT current_schema() AS schema');
      assert.deepEqual(result.rows, [{ schema }]);
    } finally {
      await database.exec(`DROP SCHEMA ${schema} CASCADE`);
      await database.close();
    }
  });
});
