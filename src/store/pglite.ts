import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '../errors.ts';
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

const LOCK_FILE = 'frontera.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: two instances on one folder corrupt it. A lock file holding the
 * owner's pid refuses a second opener; a lock left by a process that died is taken over.
 */
async function lockDataDirectory(directory: string): Promise<() => Promise<void>> {
  const path = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new ConflictError(`PGlite data folder ${directory} is in use by process ${owner}${owner === process.pid ? ' (this process)' : ''}; one process at a time may open it`, { directory, pid: owner });
      }
      await rm(path, { force: true });
    }
  }
  throw new ConflictError(`could not lock PGlite data folder ${directory}`, { directory });
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
  const memory = options.dataDirectory.startsWith('memory://');
  let unlock = async () => {};
  if (!memory) {
    await mkdir(options.dataDirectory, { recursive: true });
    unlock = await lockDataDirectory(options.dataDirectory);
  }
  let pglite: PGlite;
  const schema = options.schema ?? 'public';
  try {
    pglite = await PGlite.create(options.dataDirectory, { parsers: PARSERS });
    if (schema !== 'public') {
      const quoted = quoteIdentifier(schema);
      await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}`);
    }
  } catch (error) {
    await unlock();
    throw error;
  }
  const bulkMethod = options.bulkMethod ?? 'copy';
  const root = sessionOf(pglite, bulkMethod);
  return buildDatabase({
    kind: 'pglite',
    schema,
    ...root,
    transaction: (work) => pglite.transaction((transaction) => work(sessionOf(transaction, bulkMethod))),
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        await unlock();
      }
    },
  });
}
