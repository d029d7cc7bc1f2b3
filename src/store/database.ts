import { ConflictError } from '../errors.ts';
import { columnKindOf, copyField, encodeValue, normalizeParameter, quoteIdentifier, type ColumnKind } from './values.ts';

/** A result row as the driver returns it (column name → parsed value). */
export type Row = Record<string, unknown>;

export type QueryResult<T> = {
  rows: T[];
  /** Rows returned, or affected by INSERT/UPDATE/DELETE. */
  rowCount: number;
};

export type InsertOptions = {
  /** Skip rows that collide on these (unique) columns instead of failing the batch. */
  onConflictDoNothing?: readonly string[];
  /** Columns of the rows actually inserted to return (e.g. `['id']` to learn which were new). */
  returning?: readonly string[];
};

export type InsertResult<T = Row> = {
  /** Rows actually inserted (skipped conflicts are not counted). */
  inserted: number;
  /** The `returning` columns of the inserted rows; empty when `returning` was not asked for. */
  returned: T[];
};

/** What can run SQL: the database itself or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1…$n` parameters. Arrays bind as SQL arrays, plain objects as JSON
   * text, `int8` results come back as numbers (refused beyond 2^53), `numeric` as strings,
   * `timestamptz` as `Date`, `bytea` as `Uint8Array`, `date` as `YYYY-MM-DD` strings.
   */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs one or more statements without parameters (DDL, migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Inserts many rows fast and atomically: each row is an array of values in `columns` order.
   * PGlite uses COPY from an in-memory blob, PostgreSQL multi-row INSERTs.
   */
  insertRows<T = Row>(table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, options?: InsertOptions): Promise<InsertResult<T>>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/** Frontera's SQL database: embedded PGlite or a PostgreSQL server, the same SQL on both. */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** The schema every unqualified name resolves to (`public` unless opened with another). */
  readonly schema: string;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The few primitives a driver supplies; everything else is shared in `buildDatabase`. */
export interface DriverSession {
  query(sql: string, params: readonly unknown[]): Promise<{ rows: Row[]; rowCount: number }>;
  exec(sql: string): Promise<void>;
  /** `COPY … FROM '/dev/blob'` with COPY-text data; absent when the driver has no COPY path. */
  copyFrom?: (sql: string, data: string) => Promise<number>;
}

export interface Driver extends DriverSession {
  readonly kind: DatabaseKind;
  readonly schema: string;
  transaction<T>(work: (session: DriverSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Rows per multi-row INSERT; also bounded by PostgreSQL's 65,535 bind parameters. Measured on
 * PostgreSQL 15 with 15-column log rows: 250–500 rows per statement beat 1,000–2,000 (planning
 * a very wide VALUES list costs more than the extra round trips).
 */
const INSERT_CHUNK_ROWS = 500;
const MAX_BIND_PARAMETERS = 65535;
/** Rows per COPY blob, to keep the encoded text (and PGlite's WASM heap) bounded. */
const COPY_CHUNK_ROWS = 50000;

const SQL_STATE_UNIQUE_VIOLATION = '23505';

function sqlStateOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Turns a unique-key violation into Frontera's `ConflictError`; other errors pass unchanged. */
function translateError(error: unknown): unknown {
  if (sqlStateOf(error) === SQL_STATE_UNIQUE_VIOLATION) {
    const source = error as { message?: string; constraint?: string; detail?: string };
    return new ConflictError(source.message ?? 'unique constraint violated', { sqlState: SQL_STATE_UNIQUE_VIOLATION, constraint: source.constraint, detail: source.detail });
  }
  return error;
}

type ColumnKinds = Map<string, ColumnKind>;

class SessionQueryable implements Queryable {
  readonly #session: DriverSession;
  readonly #columnCache: Map<string, ColumnKinds>;
  readonly #transaction: (<T>(work: (session: DriverSession) => Promise<T>) => Promise<T>) | undefined;
  #stagingCounter = 0;

  constructor(session: DriverSession, columnCache: Map<string, ColumnKinds>, transaction?: <T>(work: (session: DriverSession) => Promise<T>) => Promise<T>) {
    this.#session = session;
    this.#columnCache = columnCache;
    // Without a way to open a transaction, this queryable already is one.
    this.#transaction = transaction;
  }

  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    try {
      const result = await this.#session.query(sql, params.map(normalizeParameter));
      return { rows: result.rows as T[], rowCount: result.rowCount };
    } catch (error) {
      throw translateError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.#session.exec(sql);
    } catch (error) {
      throw translateError(error);
    }
  }

  async insertRows<T = Row>(table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, options: InsertOptions = {}): Promise<InsertResult<T>> {
    if (rows.length === 0) return { inserted: 0, returned: [] };
    if (columns.length === 0) throw new RangeError('insertRows needs at least one column');
    quoteIdentifier(table);
    for (const column of [...columns, ...(options.onConflictDoNothing ?? []), ...(options.returning ?? [])]) quoteIdentifier(column);
    for (const [index, row] of rows.entries()) {
      if (row.length !== columns.length) throw new RangeError(`row ${index} has ${row.length} values for ${columns.length} columns`);
    }
    const run = (session: DriverSession) => this.#insertIn(session, table, columns, rows, options) as Promise<InsertResult<T>>;
    try {
      // A batch is all-or-nothing: open a transaction unless the caller already did.
      if (this.#transaction === undefined) return await run(this.#session);
      return await this.#transaction(run);
    } catch (error) {
      throw translateError(error);
    }
  }

  async #insertIn(session: DriverSession, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, options: InsertOptions): Promise<InsertResult> {
    const kinds = await this.#columnKinds(session, table, columns);
    const quotedTable = quoteIdentifier(table);
    const columnList = columns.map(quoteIdentifier).join(', ');
    const encode = (row: readonly unknown[]) => row.map((value, index) => encodeValue(value, kinds[index]!));
    const conflict = options.onConflictDoNothing;
    const conflictClause = conflict ? ` ON CONFLICT (${conflict.map(quoteIdentifier).join(', ')}) DO NOTHING` : '';
    const returning = options.returning && options.returning.length > 0 ? options.returning : undefined;
    const returningClause = returning ? ` RETURNING ${returning.map(quoteIdentifier).join(', ')}` : '';
    const returned: Row[] = [];
    let inserted = 0;

    if (session.copyFrom) {
      const copy = session.copyFrom;
      const needsStaging = conflict !== undefined || returning !== undefined;
      // COPY cannot skip conflicts or return rows: load a temporary staging table, then move
      // the rows over with one INSERT … SELECT in the original order.
      let staging = '';
      if (needsStaging) {
        this.#stagingCounter += 1;
        staging = `frontera_staging_${this.#stagingCounter}`;
        await session.exec(`CREATE TEMP TABLE ${staging} ON COMMIT DROP AS SELECT ${columnList} FROM ${quotedTable} WITH NO DATA; ALTER TABLE ${staging} ADD COLUMN frontera_ordinal integer`);
      }
      const target = needsStaging ? `${staging} (${columnList}, frontera_ordinal)` : `${quotedTable} (${columnList})`;
      for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
        const lines: string[] = [];
        const end = Math.min(rows.length, start + COPY_CHUNK_ROWS);
        for (let index = start; index < end; index += 1) {
          const fields = encode(rows[index]!).map(copyField);
          if (needsStaging) fields.push(String(index));
          lines.push(fields.join('\t'));
        }
        const count = await copy(`COPY ${target} FROM '/dev/blob'`, `${lines.join('\n')}\n`);
        if (!needsStaging) inserted += count;
      }
      if (needsStaging) {
        const result = await session.query(`INSERT INTO ${quotedTable} (${columnList}) SELECT ${columnList} FROM ${staging} ORDER BY frontera_ordinal${conflictClause}${returningClause}`, []);
        inserted = result.rowCount;
        if (returning) returned.push(...result.rows);
        await session.exec(`DROP TABLE ${staging}`);
      }
      return { inserted, returned };
    }

    const chunkRows = Math.max(1, Math.min(INSERT_CHUNK_ROWS, Math.floor(MAX_BIND_PARAMETERS / columns.length)));
    for (let start = 0; start < rows.length; start += chunkRows) {
      const end = Math.min(rows.length, start + chunkRows);
      const params: Array<string | null> = [];
      const tuples: string[] = [];
      for (let index = start; index < end; index += 1) {
        const placeholders: string[] = [];
        for (const value of encode(rows[index]!)) {
          params.push(value);
          placeholders.push(`$${params.length}`);
        }
        tuples.push(`(${placeholders.join(', ')})`);
      }
      const result = await session.query(`INSERT INTO ${quotedTable} (${columnList}) VALUES ${tuples.join(', ')}${conflictClause}${returningClause}`, params);
      inserted += result.rowCount;
      if (returning) returned.push(...result.rows);
    }
    return { inserted, returned };
  }

  /** Column kinds decide how values are encoded (JSON vs array vs bytea); cached per table. */
  async #columnKinds(session: DriverSession, table: string, columns: readonly string[]): Promise<ColumnKind[]> {
    let known = this.#columnCache.get(table);
    if (!known || columns.some((column) => !known!.has(column))) {
      const result = await session.query(
        `SELECT a.attname AS name, t.typcategory AS category, t.typname AS type_name
           FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        [table],
      );
      known = new Map(result.rows.map((row) => [String(row['name']), columnKindOf(String(row['category']), String(row['type_name']))]));
      this.#columnCache.set(table, known);
    }
    return columns.map((column) => {
      const kind = known.get(column);
      if (kind === undefined) throw new RangeError(`table ${table} has no column ${column}`);
      return kind;
    });
  }
}

/**
 * Wraps a driver into a `Database`: one implementation of parameter handling, error
 * translation and bulk inserts for every driver.
 */
export function buildDatabase(driver: Driver): Database {
  const columnCache = new Map<string, ColumnKinds>();
  const transact = <T>(work: (session: DriverSession) => Promise<T>) => driver.transaction(work);
  const root = new SessionQueryable(driver, columnCache, transact);
  return {
    kind: driver.kind,
    schema: driver.schema,
    query: (sql, params) => root.query(sql, params),
    exec: (sql) => root.exec(sql),
    insertRows: (table, columns, rows, options) => root.insertRows(table, columns, rows, options),
    async transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T> {
      try {
        return await driver.transaction((session) => work(new SessionQueryable(session, columnCache)));
      } catch (error) {
        throw translateError(error);
      }
    },
    close: () => driver.close(),
  };
}
