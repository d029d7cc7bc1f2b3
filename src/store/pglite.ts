import { mkdir } from 'node:fs/promises';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { buildDatabase, type Database, type DriverSession, type Row } from './database.ts';
import { parseInt8, quoteIdentifier } from './values.ts';

export type PgliteOptions = {
  /** A folder for the database files, or `memory://` for a throw-away in-memory database. */
  dataDirectory: string;
  /** Schema to create (if missing) and use for unqualified names; default `public`. */
  schema?: string;
  /**
   * How `insertRows` loads rows: `copy` (COPY from an in-memory blob, the default and fastest)
   * or `values` (multi-row INSERTs, the PostgreSQL path); kept selectable for the benchmark.
   */
  bulkMethod?: 'copy' | 'values';
};

/** Result parsing shared with the PostgreSQL driver: int8 → number (checked), date → text. */
const PARSERS = {
  [types.INT8]: (text: string) => parseInt8(text),
  [types.DATE]: (text: string) => text,
};

function sessionOf(target: PGlite | Transaction, bulkMethod: 'copy' | 'values'): DriverSession {
  const session: DriverSession = {
    async query(sql, params) {
      const result = await target.query<Row>(sql, [...params]);
      // PGlite reports 0 affected rows for SELECT; PostgreSQL's rowCount counts returned rows.
      return { rows: result.rows, rowCount: Math.max(result.rows.length, result.affectedRows ?? 0) };
    },
    async exec(sql) {
      await target.exec(sql);
    },
  };
  if (bulkMethod === 'copy') {
    session.copyFrom = async (sql, data) => {
      const result = await target.query(sql, [], { blob: new Blob([data]) });
      return result.affectedRows ?? 0;
    };
  }
  return session;
}

/**
 * Opens the embedded PGlite database (WASM PostgreSQL) in a data folder, creating it on first
 * use. Opening takes a few seconds: open once per process (or per test file) and share it.
 *
 * @example
 * const database = await openPglite({ dataDirectory: 'memory://' });
 * await database.query('SELECT 1 AS one'); // { rows: [{ one: 1 }], rowCount: 1 }
 */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const memory = options.dataDirectory === 'memory://' || options.dataDirectory.startsWith('memory://');
  if (!memory) await mkdir(options.dataDirectory, { recursive: true });
  const pglite = await PGlite.create(options.dataDirectory, { parsers: PARSERS });
  const schema = options.schema ?? 'public';
  if (schema !== 'public') {
    const quoted = quoteIdentifier(schema);
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}`);
  }
  const bulkMethod = options.bulkMethod ?? 'copy';
  const root = sessionOf(pglite, bulkMethod);
  return buildDatabase({
    kind: 'pglite',
    schema,
    ...root,
    transaction: (work) => pglite.transaction((transaction) => work(sessionOf(transaction, bulkMethod))),
    close: () => pglite.close(),
  });
}
