import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConflictError } from '../errors.ts';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { buildDatabase, type Database, type Driver, type DriverSession, type Row } from './database.ts';
import { READY_REPLY_ID, type PgliteReply, type PgliteRequest, type SerializedError } from './pglite-protocol.ts';
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
  /**
   * Where PGlite runs. `worker` (the default): on a thread of its own, so that its WASM work —
   * each statement runs synchronously inside it — never blocks the opening thread's event loop
   * (an HTTP server keeps answering while a group commit is written). `current`: on the calling
   * thread, which saves the thread hop (about 0.1 ms per statement) for one-shot tools.
   */
  thread?: 'worker' | 'current';
};

/** What the PGlite thread needs to open its database. */
export type PgliteWorkerData = { role: 'frontera-pglite'; dataDirectory: string; schema: string; bulkMethod: 'copy' | 'values' };

/** Result parsing shared with the PostgreSQL driver: int8 → number (checked), date → text. */
const PARSERS = {
  [types.INT8]: (text: string) => parseInt8(text),
  [types.DATE]: (text: string) => text,
};

/** The driver primitives over a PGlite instance or one of its open transactions. */
export function pgliteSession(target: PGlite | Transaction, bulkMethod: 'copy' | 'values'): DriverSession {
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

/** Creates PGlite in a data folder (or `memory://`) with Frontera's result parsers, in `schema`. */
export async function createPgliteInstance(dataDirectory: string, schema: string): Promise<PGlite> {
  const pglite = await PGlite.create(dataDirectory, { parsers: PARSERS });
  if (schema !== 'public') {
    const quoted = quoteIdentifier(schema);
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}`);
  }
  return pglite;
}

/**
 * Opens the embedded PGlite database (WASM PostgreSQL) in a data folder, creating it on first
 * use, by default on a thread of its own (see `thread`). Opening takes a few seconds: open once
 * per process (or per test file) and share it.
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
  const settings: PgliteWorkerData = { role: 'frontera-pglite', dataDirectory: options.dataDirectory, schema: options.schema ?? 'public', bulkMethod: options.bulkMethod ?? 'copy' };
  let driver: Omit<Driver, 'close'> & { close(): Promise<void> };
  try {
    driver = options.thread === 'current' ? await currentThreadDriver(settings) : await workerThreadDriver(settings);
  } catch (error) {
    await unlock();
    throw error;
  }
  return buildDatabase({
    ...driver,
    async close() {
      try {
        await driver.close();
      } finally {
        await unlock();
      }
    },
  });
}

async function currentThreadDriver(settings: PgliteWorkerData): Promise<Driver> {
  const pglite = await createPgliteInstance(settings.dataDirectory, settings.schema);
  const root = pgliteSession(pglite, settings.bulkMethod);
  return {
    kind: 'pglite',
    schema: settings.schema,
    ...root,
    transaction: (work) => pglite.transaction((transaction) => work(pgliteSession(transaction, settings.bulkMethod))),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Errors keep their class (for `instanceof RangeError`) and the driver's fields (`code` for `ConflictError`). */
const ERROR_CLASSES: Record<string, new (message: string) => Error> = { RangeError, TypeError, SyntaxError };

function deserializeError(serialized: SerializedError): Error {
  const error = new (ERROR_CLASSES[serialized.name] ?? Error)(serialized.message);
  if (!(serialized.name in ERROR_CLASSES)) error.name = serialized.name;
  return Object.assign(error, serialized.fields);
}

/** Statements on the PGlite thread: each call is one message there and one reply back. */
async function workerThreadDriver(settings: PgliteWorkerData): Promise<Driver> {
  const workerUrl = new URL('./pglite-worker.ts', import.meta.url).href;
  // From TypeScript sources the thread registers the TypeScript loader before importing its
  // module (a worker does not inherit the main thread's loader hooks on Node 20).
  const bootstrap = workerUrl.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`
    : `import(${JSON.stringify(workerUrl)});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: settings });
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = READY_REPLY_ID + 1;
  let stopped: Error | null = null;
  // The thread keeps the process alive only while a statement is waiting for it, so that a
  // database left open does not hold a finished program open.
  const holdWhilePending = () => (pending.size > 0 ? worker.ref() : worker.unref());

  const ready = new Promise<void>((resolve, reject) => pending.set(READY_REPLY_ID, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: PgliteReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    holdWhilePending();
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(deserializeError(reply.error));
  });
  const failAll = (error: Error) => {
    stopped ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => failAll(new Error(`the PGlite thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => failAll(new Error(`the PGlite thread stopped (exit code ${code})`)));

  type RequestBody = PgliteRequest extends infer R ? (R extends PgliteRequest ? Omit<R, 'id'> : never) : never;
  const send = <T>(body: RequestBody): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      holdWhilePending();
      worker.postMessage({ ...body, id });
    });
  };
  const sessionIn = (transaction: number | null): DriverSession => {
    const session: DriverSession = {
      query: (sql, params) => send<{ rows: Row[]; rowCount: number }>({ kind: 'query', transaction, sql, params: [...params] }),
      exec: (sql) => send<void>({ kind: 'exec', transaction, sql }),
    };
    if (settings.bulkMethod === 'copy') session.copyFrom = (sql, data) => send<number>({ kind: 'copy', transaction, sql, data });
    return session;
  };

  holdWhilePending();
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    kind: 'pglite',
    schema: settings.schema,
    ...sessionIn(null),
    async transaction(work) {
      const transaction = await send<number>({ kind: 'begin' });
      let result;
      try {
        result = await work(sessionIn(transaction));
      } catch (error) {
        await send({ kind: 'rollback', transaction }).catch(() => undefined);
        throw error;
      }
      await send({ kind: 'commit', transaction });
      return result;
    },
    async close() {
      if (stopped) return;
      try {
        await send({ kind: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
