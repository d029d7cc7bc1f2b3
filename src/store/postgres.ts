import pg from 'pg';
import { redactUrl } from '../config/index.ts';
import { buildDatabase, type Database, type DriverSession, type Row } from './database.ts';
import { parseInt8, quoteIdentifier } from './values.ts';

export type PostgresOptions = {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Schema to create (if missing) and use for unqualified names; default `public`. */
  schema?: string;
  /** Pool size; default 10. */
  maxConnections?: number;
};

const OID = { INT8: 20, BYTEA: 17, DATE: 1082, INT8_ARRAY: 1016 } as const;

/** pg's own parsers, looked up by numeric type id. */
const builtinParser = pg.types.getTypeParser as unknown as (oid: number, format: 'text' | 'binary') => (text: string) => unknown;

/** The same result parsing as PGlite: int8 → number (checked), bytea → Uint8Array, date → text. */
const TYPE_PARSERS: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.INT8) return parseInt8;
    if (oid === OID.DATE) return (text: string) => text;
    if (oid === OID.BYTEA) {
      const parseBytes = builtinParser(OID.BYTEA, 'text') as (text: string) => Buffer;
      return (text: string) => {
        const buffer = parseBytes(text);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      };
    }
    if (oid === OID.INT8_ARRAY) {
      const parseArray = builtinParser(OID.INT8_ARRAY, 'text') as (text: string) => Array<string | null>;
      return (text: string) => parseArray(text).map((item) => (item === null ? null : parseInt8(item)));
    }
    return builtinParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function sessionOf(client: pg.Pool | pg.PoolClient): DriverSession {
  return {
    async query(sql, params) {
      const result = await client.query<Row>({ text: sql, values: [...params] });
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

/**
 * Connects to a PostgreSQL server through a `pg` pool. The same SQL and migrations as PGlite.
 *
 * @example
 * const database = await openPostgres({ url: 'postgres://postgres@127.0.0.1:5432/frontera' });
 * await database.query('SELECT 1 AS one'); // { rows: [{ one: 1 }], rowCount: 1 }
 */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  const quotedSchema = quoteIdentifier(schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: TYPE_PARSERS,
    // Every pooled connection resolves unqualified names in the chosen schema.
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    // Create only when missing: CREATE SCHEMA needs a privilege an application role may lack.
    const existing = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (existing.rowCount === 0) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema}`);
  } catch (error) {
    await pool.end();
    const where = redactUrl(options.url);
    throw new Error(`cannot open PostgreSQL at ${where} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const root = sessionOf(pool);
  return buildDatabase({
    kind: 'postgres',
    schema,
    ...root,
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(sessionOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not roll back is discarded rather than returned to the pool mid-transaction.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  });
}
