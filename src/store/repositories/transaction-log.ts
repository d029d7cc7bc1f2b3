import { TransactionSchema, fieldIssues, type Transaction } from '../../domain/index.ts';
import { IntegrityError } from '../../errors.ts';
import type { Database, Queryable } from '../database.ts';

/** A transaction as read back from the log, with its position. */
export type LoggedTransaction = {
  /** Log position; strictly increasing in append order, possibly with gaps. */
  sequence: number;
  transaction: Transaction;
  recordedAt: Date;
};

export type AppendResult = {
  /** Ids that were not in the log before, in input order (repeats in the batch counted once). */
  newIds: string[];
  /** Highest sequence assigned by this append, or null when nothing was new. */
  lastSequence: number | null;
  /** The newly logged transactions with their positions, in position (= input) order. */
  entries: Array<{ sequence: number; transaction: Transaction }>;
};

export interface TransactionLog {
  /** Appends a batch idempotently: ids already logged are skipped, not duplicated. */
  append(transactions: readonly Transaction[]): Promise<AppendResult>;
  /** Up to `limit` entries with sequence > `position`, in sequence order. */
  readAfter(position: number, limit?: number): Promise<LoggedTransaction[]>;
  /** Streams every entry after `position` in batches (for replay after a crash). */
  stream(position: number, options?: { batchSize?: number }): AsyncIterable<LoggedTransaction[]>;
  /** Sequence of the newest entry, 0 when the log is empty. */
  lastPosition(): Promise<number>;
  get(id: string): Promise<LoggedTransaction | null>;
  /** Several by id in one query, in the order asked; unknown ids are left out (at most 10,000 ids). */
  getMany(ids: readonly string[]): Promise<LoggedTransaction[]>;
  /** Transactions sent or received by an account, newest first, `from` inclusive, `to` exclusive. */
  listByAccount(accountId: string, options?: { from?: string | Date; to?: string | Date; limit?: number }): Promise<LoggedTransaction[]>;
  count(): Promise<number>;
}

const COLUMNS = [
  'id',
  'message_id',
  'time',
  'amount_minor',
  'currency',
  'channel',
  'originator_party_id',
  'originator_account_id',
  'originator_institution_id',
  'originator_country',
  'beneficiary_party_id',
  'beneficiary_account_id',
  'beneficiary_institution_id',
  'beneficiary_country',
  'document',
] as const;

/** Appends from several writers serialise on this lock so sequence order equals commit order. */
const APPEND_LOCK_KEY = 7_264_731_002;
const MAX_READ_BATCH = 10_000;

/**
 * The positions the log gave `fresh`, just inserted above `position` under the append lock.
 * COPY and multi-row INSERT take identity values row by row in input order, so when the new
 * positions are one unbroken run they are `first … last` in input order and one aggregate row
 * says so; otherwise (a gap in the identity) they are read back id by id.
 */
async function assignedSequences(transaction: Queryable, position: number, fresh: readonly Transaction[]): Promise<Array<{ sequence: number; transaction: Transaction }>> {
  const span = await transaction.query<{ count: number; first: number | null; last: number | null }>(
    'SELECT count(*)::int AS count, min(sequence) AS first, max(sequence) AS last FROM transaction_log WHERE sequence > $1',
    [position],
  );
  const { count, first, last } = span.rows[0]!;
  if (count === fresh.length && first !== null && last !== null && last - first + 1 === count) {
    return fresh.map((entry, index) => ({ sequence: first + index, transaction: entry }));
  }
  const assigned = await transaction.query<{ id: string; sequence: number }>('SELECT id, sequence FROM transaction_log WHERE sequence > $1 ORDER BY sequence', [position]);
  const byId = new Map(fresh.map((entry) => [entry.id, entry]));
  const entries = assigned.rows.map((row) => ({ sequence: row.sequence, transaction: byId.get(row.id)! }));
  if (entries.length !== fresh.length || entries.some((entry) => entry.transaction === undefined)) {
    throw new IntegrityError('transaction_log rows appeared outside the append lock; appends must go through the transaction log', { expected: fresh.length, found: entries.length });
  }
  return entries;
}

/** The typed columns of one transaction, in `COLUMNS` order. */
export function transactionRow(transaction: Transaction): unknown[] {
  const { originator, beneficiary } = transaction;
  return [
    transaction.id,
    transaction.messageId ?? null,
    transaction.time,
    transaction.amountMinor,
    transaction.currency,
    transaction.channel,
    originator.partyId ?? null,
    originator.accountId ?? null,
    originator.institutionId ?? null,
    originator.country,
    beneficiary.partyId ?? null,
    beneficiary.accountId ?? null,
    beneficiary.institutionId ?? null,
    beneficiary.country,
    JSON.stringify(transaction),
  ];
}

type LogRow = { sequence: number; document: unknown; recorded_at: Date };

function toLogged(row: LogRow): LoggedTransaction {
  // The store is a boundary too: a row that no longer parses is an integrity failure, not skipped.
  const parsed = TransactionSchema.safeParse(row.document);
  if (!parsed.success) {
    throw new IntegrityError(`transaction_log entry ${row.sequence} does not parse as a transaction`, { sequence: row.sequence, issues: fieldIssues(parsed.error) });
  }
  return { sequence: row.sequence, transaction: parsed.data, recordedAt: row.recorded_at };
}

function checkPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`log position must be a non-negative integer, got ${position}`);
}

/**
 * The durable transaction log over a `Database`, or over an open transaction so that appending
 * commits together with the caller's other writes (alerts, a checkpoint).
 *
 * @example
 * const log = createTransactionLog(database);
 * const { newIds } = await log.append(batch);        // ids not seen before
 * for await (const entries of log.stream(checkpoint.logPosition)) replay(entries);
 * // atomically with alerts:
 * await database.transaction(async (tx) => { await createTransactionLog(tx).append(batch); await createAlertStore(tx).insert(alerts); });
 */
export function createTransactionLog(database: Database | Queryable): TransactionLog {
  // Given an open transaction, append inside it (atomic with the caller's other writes);
  // given the database, each append is its own transaction.
  const inTransaction = <T>(work: (transaction: Queryable) => Promise<T>): Promise<T> => ('transaction' in database ? database.transaction(work) : work(database));
  // PGlite has one connection, held by a transaction from BEGIN to COMMIT, and one opener per data
  // folder: its transaction already excludes every other writer, so the lock statement is saved.
  const needsAppendLock = !('kind' in database && database.kind === 'pglite');
  const readAfter = async (position: number, limit = 1000): Promise<LoggedTransaction[]> => {
    checkPosition(position);
    const size = Math.max(1, Math.min(MAX_READ_BATCH, Math.floor(limit)));
    const result = await database.query<LogRow>('SELECT sequence, document, recorded_at FROM transaction_log WHERE sequence > $1 ORDER BY sequence LIMIT $2', [position, size]);
    return result.rows.map(toLogged);
  };

  return {
    async append(transactions) {
      if (transactions.length === 0) return { newIds: [], lastSequence: null, entries: [] };
      // Under the append lock (or PGlite's single connection) no other writer can add an id between this check and the insert,
      // so the rows can go in by the plain bulk path (COPY on PGlite) instead of a staged
      // INSERT … ON CONFLICT, which costs a second write of every row.
      return inTransaction(async (transaction) => {
        if (needsAppendLock) await transaction.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        const ids = [...new Set(transactions.map((entry) => entry.id))];
        // One statement for the idempotency check and the end of the log (each statement costs
        // about a millisecond on PGlite whatever it does). Under the lock, every row above this
        // position after the insert is one of ours.
        const state = await transaction.query<{ position: number; existing: string[] }>(
          'SELECT (SELECT coalesce(max(sequence), 0) FROM transaction_log) AS position, ARRAY(SELECT id FROM transaction_log WHERE id = ANY($1::text[])) AS existing',
          [ids],
        );
        const { position, existing } = state.rows[0]!;
        const seen = new Set(existing);
        const fresh: Transaction[] = [];
        for (const entry of transactions) {
          if (seen.has(entry.id)) continue;
          seen.add(entry.id);
          fresh.push(entry);
        }
        if (fresh.length === 0) return { newIds: [], lastSequence: null, entries: [] };
        await transaction.insertRows('transaction_log', COLUMNS, fresh.map(transactionRow));
        const entries = await assignedSequences(transaction, position, fresh);
        return { newIds: fresh.map((entry) => entry.id), lastSequence: entries[entries.length - 1]!.sequence, entries };
      });
    },

    readAfter,

    async *stream(position, options = {}) {
      let cursor = position;
      for (;;) {
        const batch = await readAfter(cursor, options.batchSize ?? 1000);
        if (batch.length === 0) return;
        yield batch;
        cursor = batch[batch.length - 1]!.sequence;
      }
    },

    async lastPosition() {
      const result = await database.query<{ position: number | null }>('SELECT max(sequence) AS position FROM transaction_log');
      return result.rows[0]?.position ?? 0;
    },

    async get(id) {
      const result = await database.query<LogRow>('SELECT sequence, document, recorded_at FROM transaction_log WHERE id = $1', [id]);
      const row = result.rows[0];
      return row ? toLogged(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      if (ids.length > MAX_READ_BATCH) throw new RangeError(`getMany takes at most ${MAX_READ_BATCH} ids`);
      const result = await database.query<LogRow & { id: string }>('SELECT id, sequence, document, recorded_at FROM transaction_log WHERE id = ANY($1::text[])', [ids]);
      const byId = new Map(result.rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toLogged(row)] : [];
      });
    },

    async listByAccount(accountId, options = {}) {
      const limit = Math.max(1, Math.min(MAX_READ_BATCH, Math.floor(options.limit ?? 100)));
      const params: unknown[] = [accountId, limit];
      let range = '';
      if (options.from !== undefined) {
        params.push(options.from);
        range += ` AND time >= $${params.length}`;
      }
      if (options.to !== undefined) {
        params.push(options.to);
        range += ` AND time < $${params.length}`;
      }
      // Two index scans (originator side, beneficiary side), each limited, merged by position.
      const result = await database.query<LogRow>(
        `SELECT log.sequence, log.document, log.recorded_at FROM transaction_log AS log
          WHERE log.sequence IN (
            (SELECT sequence FROM transaction_log WHERE originator_account_id = $1${range} ORDER BY time DESC LIMIT $2)
            UNION
            (SELECT sequence FROM transaction_log WHERE beneficiary_account_id = $1${range} ORDER BY time DESC LIMIT $2))
          ORDER BY log.time DESC, log.sequence DESC LIMIT $2`,
        params,
      );
      return result.rows.map(toLogged);
    },

    async count() {
      const result = await database.query<{ count: number }>('SELECT count(*) AS count FROM transaction_log');
      return result.rows[0]?.count ?? 0;
    },
  };
}
