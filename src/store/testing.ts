import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { quoteIdentifier } from './values.ts';

/**
 * Test support for every module that stores data: the same tests run over PGlite (in memory)
 * and a real PostgreSQL server, each run in its own schema that is dropped afterwards so
 * parallel test files never see each other's rows. Not part of the product entry point.
 */

/** Where the PostgreSQL half of the suite connects (trust auth); override with FRONTERA_TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL = process.env['FRONTERA_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabaseTarget = {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, empty database (a new schema on PostgreSQL). */
  open(): Promise<TestDatabase>;
};

export type TestDatabase = {
  database: Database;
  /** Drops the schema (PostgreSQL) and closes the connection. */
  dispose(): Promise<void>;
};

/** A schema name unique to this run, e.g. `test_5f1c0a9e2b`. */
export function uniqueSchemaName(prefix = 'test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

async function canConnect(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`).catch(() => {});
  } finally {
    await client.end().catch(() => {});
  }
}

let serverCheck: Promise<void> | undefined;

/**
 * Makes sure the test PostgreSQL server answers: starts the local cluster if it is down and
 * creates the test database if missing. Fails with a clear message instead of skipping.
 */
export function ensureTestPostgres(url = TEST_POSTGRES_URL): Promise<void> {
  serverCheck ??= (async () => {
    let problem = await canConnect(url);
    if (problem === null) return;
    try {
      const versions = readdirSync('/etc/postgresql');
      for (const version of versions) {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore', timeout: 30_000 });
      }
    } catch {
      // Starting may fail because it already runs or is not installed; the re-check below decides.
    }
    await createDatabaseIfMissing(url).catch(() => {});
    problem = await canConnect(url);
    if (problem !== null) {
      throw new Error(`PostgreSQL test server at ${url} is unreachable (${problem}). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
    }
  })();
  return serverCheck;
}

/**
 * Both implementations, for `for (const target of testDatabaseTargets()) describe(target.name, …)`.
 * @example
 * for (const target of testDatabaseTargets()) {
 *   describe(`alerts on ${target.name}`, () => {
 *     let handle: TestDatabase;
 *     before(async () => { handle = await target.open(); await migrateAll(handle.database); });
 *     after(() => handle.dispose());
 *   });
 * }
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  return [
    {
      name: 'pglite',
      async open() {
        const database = await openPglite({ dataDirectory: 'memory://' });
        return { database, dispose: () => database.close() };
      },
    },
    {
      name: 'postgres',
      async open() {
        await ensureTestPostgres();
        const schema = uniqueSchemaName();
        const database = await openPostgres({ url: TEST_POSTGRES_URL, schema, maxConnections: 4 });
        return {
          database,
          async dispose() {
            try {
              await database.exec(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
            } finally {
              await database.close();
            }
          },
        };
      },
    },
  ];
}
