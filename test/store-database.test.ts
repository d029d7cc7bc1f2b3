import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ConflictError, IntegrityError, ValidationError } from '../src/errors.ts';
import { loadMigrationFolder, loadMigrations, migrate, migrateAll, migrationStatus, type Database, type MigrationFolder } from '../src/store/index.ts';
import { testDatabaseTargets, type TestDatabase } from '../src/store/testing.ts';

for (const target of testDatabaseTargets()) {
  describe(`Database contract on ${target.name}`, () => {
    let handle: TestDatabase;
    let database: Database;
    let folderRoot: string;

    before(async () => {
      handle = await target.open();
      database = handle.database;
      folderRoot = await mkdtemp(join(tmpdir(), 'frontera-migrations-'));
    });
    after(async () => {
      await handle?.dispose();
      if (folderRoot) await rm(folderRoot, { recursive: true, force: true });
    });

    it('parses result types the same way on both implementations', async () => {
      const result = await database.query(
        `SELECT 9007199254740991::int8 AS big, 12.50::numeric AS amount, '2026-03-07T10:00:00Z'::timestamptz AS at,
                '2026-03-07'::date AS day, '\\x00ff10'::bytea AS bytes, '{"a":[1,"x"]}'::jsonb AS doc,
                ARRAY['a','b"c']::text[] AS names, ARRAY[1,2]::int8[] AS numbers, true AS flag, NULL::text AS nothing`,
      );
      assert.deepEqual(result.rows, [
        {
          big: 9007199254740991,
          amount: '12.50',
          at: new Date('2026-03-07T10:00:00Z'),
          day: '2026-03-07',
          bytes: new Uint8Array([0, 255, 16]),
          doc: { a: [1, 'x'] },
          names: ['a', 'b"c'],
          numbers: [1, 2],
          flag: true,
          nothing: null,
        },
      ]);
      assert.equal(result.rowCount, 1);
    });

    it('refuses an int8 beyond the safe integer range instead of rounding it', async () => {
      await assert.rejects(database.query('SELECT 9007199254740993::int8 AS big'), /safe integer range/);
    });

    it('binds arrays as SQL arrays, objects as JSON, bytes as bytea and dates as timestamptz', async () => {
      const result = await database.query<{ n: number; doc: unknown; len: number; at: Date }>(
        'SELECT cardinality($1::text[]) AS n, $2::jsonb AS doc, length($3::bytea) AS len, $4::timestamptz AS at',
        [['x', 'y', null], { nested: { ok: true } }, new Uint8Array([1, 2, 3]), new Date('2026-01-02T03:04:05Z')],
      );
      assert.deepEqual(result.rows[0], { n: 3, doc: { nested: { ok: true } }, len: 3, at: new Date('2026-01-02T03:04:05Z') });
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await database.exec('CREATE TABLE tx_probe (id integer PRIMARY KEY)');
      await database.transaction(async (transaction) => {
        await transaction.query('INSERT INTO tx_probe VALUES ($1)', [1]);
      });
      await assert.rejects(
        database.transaction(async (transaction) => {
          await transaction.query('INSERT INTO tx_probe VALUES ($1)', [2]);
          throw new Error('abort on purpose');
        }),
        /abort on purpose/,
      );
      const rows = await database.query<{ id: number }>('SELECT id FROM tx_probe ORDER BY id');
      assert.deepEqual(rows.rows, [{ id: 1 }]);
    });

    it('turns a unique violation into a ConflictError', async () => {
      await database.exec('CREATE TABLE conflict_probe (id text PRIMARY KEY)');
      await database.query('INSERT INTO conflict_probe VALUES ($1)', ['a']);
      await assert.rejects(database.query('INSERT INTO conflict_probe VALUES ($1)', ['a']), ConflictError);
    });

    describe('insertRows', () => {
      before(async () => {
        await database.exec(`CREATE TABLE bulk_probe (
          id text PRIMARY KEY, n bigint, doc jsonb, tags text[], bytes bytea, at timestamptz, flag boolean, note text,
          serial bigint GENERATED ALWAYS AS IDENTITY)`);
      });

      it('round-trips awkward values through the bulk path', async () => {
        const awkward = 'tab\there\nnew line\\back slash\r "quote" ñ 🙂';
        const rows = [
          ['a', 1, { text: awkward, list: [1, 2] }, ['x', 'y z', 'q"uote', 'back\\slash'], new Uint8Array([0, 9, 10, 92]), new Date('2026-05-01T00:00:00Z'), true, awkward],
          ['b', null, null, null, null, null, null, null],
          ['c', 9007199254740991, [1, 'two'], [], new Uint8Array([]), '2026-05-01T12:00:00-06:00', false, '\\N'],
        ];
        const result = await database.insertRows('bulk_probe', ['id', 'n', 'doc', 'tags', 'bytes', 'at', 'flag', 'note'], rows);
        assert.equal(result.inserted, 3);
        const stored = await database.query('SELECT id, n, doc, tags, bytes, at, flag, note FROM bulk_probe ORDER BY id');
        assert.deepEqual(stored.rows, [
          { id: 'a', n: 1, doc: { text: awkward, list: [1, 2] }, tags: ['x', 'y z', 'q"uote', 'back\\slash'], bytes: new Uint8Array([0, 9, 10, 92]), at: new Date('2026-05-01T00:00:00Z'), flag: true, note: awkward },
          { id: 'b', n: null, doc: null, tags: null, bytes: null, at: null, flag: null, note: null },
          { id: 'c', n: 9007199254740991, doc: [1, 'two'], tags: [], bytes: new Uint8Array([]), at: new Date('2026-05-01T18:00:00Z'), flag: false, note: '\\N' },
        ]);
      });

      it('skips conflicts and returns only the new rows, keeping input order for generated columns', async () => {
        const rows = [['c', 3], ['d', 4], ['e', 5], ['d', 6]];
        const result = await database.insertRows<{ id: string; serial: number }>('bulk_probe', ['id', 'n'], rows, { onConflictDoNothing: ['id'], returning: ['id', 'serial'] });
        assert.equal(result.inserted, 2);
        const ids = result.returned.map((row) => row.id).sort();
        assert.deepEqual(ids, ['d', 'e']);
        const serialOf = new Map(result.returned.map((row) => [row.id, row.serial]));
        assert.ok(serialOf.get('d')! < serialOf.get('e')!, 'serials follow input order');
        const d = await database.query('SELECT n FROM bulk_probe WHERE id = $1', ['d']);
        assert.deepEqual(d.rows, [{ n: 4 }], 'the first of two repeated ids wins');
      });

      it('is all-or-nothing: a bad row rejects the whole batch', async () => {
        const before = await database.query<{ count: number }>('SELECT count(*) AS count FROM bulk_probe');
        const rows = Array.from({ length: 5000 }, (_, index) => [`bulk-${index}`, index]);
        rows.push(['a', 0]);
        await assert.rejects(database.insertRows('bulk_probe', ['id', 'n'], rows), ConflictError);
        const afterwards = await database.query<{ count: number }>('SELECT count(*) AS count FROM bulk_probe');
        assert.deepEqual(afterwards.rows, before.rows);
      });

      it('inserts many rows across several chunks inside a caller transaction', async () => {
        const rows = Array.from({ length: 12_345 }, (_, index) => [`many-${index}`, index, { index }]);
        const inserted = await database.transaction((transaction) => transaction.insertRows('bulk_probe', ['id', 'n', 'doc'], rows));
        assert.equal(inserted.inserted, 12_345);
        const sum = await database.query<{ total: string; count: number }>(`SELECT sum(n)::text AS total, count(*) AS count FROM bulk_probe WHERE id LIKE 'many-%'`);
        assert.deepEqual(sum.rows, [{ total: String((12_344 * 12_345) / 2), count: 12_345 }]);
      });

      it('refuses unsafe identifiers, unknown columns and ragged rows', async () => {
        await assert.rejects(database.insertRows('bulk_probe; DROP TABLE x', ['id'], [['z']]), ValidationError);
        await assert.rejects(database.insertRows('bulk_probe', ['nope'], [['z']]), /has no column nope/);
        await assert.rejects(database.insertRows('bulk_probe', ['id', 'n'], [['z']]), /row 0 has 1 values for 2 columns/);
      });
    });

    describe('migrator', () => {
      const folderOf = (name: string, range: readonly [number, number]): MigrationFolder => ({ module: name, range, folder: pathToFileURL(join(folderRoot, name) + '/') });

      it('applies the registered migrations once and reports them applied', async () => {
        const first = await migrateAll(database);
        assert.ok(first.some((migration) => migration.version === 1 && migration.name === 'core'));
        assert.deepEqual(await migrateAll(database), [], 'a second run applies nothing');
        const tables = await database.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2) ORDER BY 1`,
          [database.schema, ['alerts', 'engine_checkpoints', 'quarantine', 'transaction_log']],
        );
        assert.deepEqual(tables.rows.map((row) => row.name), ['alerts', 'engine_checkpoints', 'quarantine', 'transaction_log']);
      });

      it('applies a module folder, refuses an edited applied migration and reports its status', async () => {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(folderRoot, 'probe'), { recursive: true });
        await writeFile(join(folderRoot, 'probe', '0901-first-table.sql'), 'CREATE TABLE probe_first (id integer);\n');
        await writeFile(join(folderRoot, 'probe', '0902-second-table.sql'), 'CREATE TABLE probe_second (id integer);\n');
        const folder = folderOf('probe', [900, 999]);
        const applied = await migrate(database, await loadMigrationFolder(folder));
        assert.deepEqual(applied.map((migration) => [migration.version, migration.name]), [[901, 'first-table'], [902, 'second-table']]);

        await writeFile(join(folderRoot, 'probe', '0901-first-table.sql'), 'CREATE TABLE probe_first (id bigint);\n');
        await writeFile(join(folderRoot, 'probe', '0903-third-table.sql'), 'CREATE TABLE probe_third (id integer);\n');
        const edited = await loadMigrationFolder(folder);
        await assert.rejects(migrate(database, edited), (error: unknown) => error instanceof IntegrityError && /0901-first-table changed on disk/.test(error.message));
        const third = await database.query(`SELECT to_regclass('probe_third') AS found`);
        assert.deepEqual(third.rows, [{ found: null }], 'nothing is applied while a checksum differs');

        const status = await migrationStatus(database, edited);
        const probeStatus = status.filter((entry) => entry.module === 'probe').map((entry) => [entry.version, entry.state]);
        assert.deepEqual(probeStatus, [[901, 'changed'], [902, 'applied'], [903, 'pending']]);
        const withoutProbe = await migrationStatus(database, await loadMigrations([]));
        assert.ok(withoutProbe.some((entry) => entry.version === 902 && entry.state === 'unknown'));
      });

      it('refuses badly named files, versions outside the range and overlapping ranges', async () => {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(folderRoot, 'badname'), { recursive: true });
        await writeFile(join(folderRoot, 'badname', '12-x.sql'), 'SELECT 1;');
        await assert.rejects(loadMigrationFolder(folderOf('badname', [1, 99])), /not named NNNN-kebab-name.sql/);
        await mkdir(join(folderRoot, 'outside'), { recursive: true });
        await writeFile(join(folderRoot, 'outside', '0150-x.sql'), 'SELECT 1;');
        await assert.rejects(loadMigrationFolder(folderOf('outside', [1, 99])), /outside module outside's range/);
        await assert.rejects(loadMigrations([folderOf('a', [1, 99]), folderOf('b', [50, 150])]), /overlap/);
        await assert.rejects(loadMigrationFolder(folderOf('missing', [1, 99])), /cannot be read/);
      });

      it('rolls back a failing migration completely', async () => {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(folderRoot, 'failing'), { recursive: true });
        await writeFile(join(folderRoot, 'failing', '0801-half.sql'), 'CREATE TABLE half_done (id integer);\nSELECT no_such_function();\n');
        await assert.rejects(migrate(database, await loadMigrationFolder(folderOf('failing', [800, 899]))));
        const rows = await database.query(`SELECT to_regclass('half_done') AS found, (SELECT count(*) FROM schema_migrations WHERE version = 801) AS recorded`);
        assert.deepEqual(rows.rows, [{ found: null, recorded: 0 }]);
      });
    });
  });
}
