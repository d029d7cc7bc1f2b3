import type { Queryable } from '../database.ts';

export type Checkpoint = {
  id: number;
  /** Which engine (or worker partition) the state belongs to, e.g. `engine.partition-3`. */
  name: string;
  /** Last transaction_log sequence included in `state`; replay resumes after it. */
  logPosition: number;
  state: Uint8Array;
  createdAt: Date;
};

export interface CheckpointStore {
  save(input: { name: string; logPosition: number; state: Uint8Array }): Promise<Checkpoint>;
  /** The most recently saved checkpoint of `name`, or null. */
  latest(name: string): Promise<Checkpoint | null>;
  /** Deletes all but the newest `keep` checkpoints of `name`; returns how many were deleted. */
  prune(name: string, keep: number): Promise<number>;
}

type CheckpointRow = { id: number; name: string; log_position: number; state: Uint8Array; created_at: Date };

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { id: row.id, name: row.name, logPosition: row.log_position, state: row.state, createdAt: row.created_at };
}

/**
 * Engine checkpoints over a `Database`, or over an open transaction to write atomically with other rows.
 *
 * @example
 * const checkpoints = createCheckpointStore(database);
 * await checkpoints.save({ name: 'engine', logPosition: 1200, state: encodedState });
 * const latest = await checkpoints.latest('engine'); // replay the log after latest.logPosition
 */
export function createCheckpointStore(database: Queryable): CheckpointStore {
  return {
    async save({ name, logPosition, state }) {
      if (name.length === 0 || name.length > 200) throw new RangeError('checkpoint name must be 1–200 characters');
      if (!Number.isSafeInteger(logPosition) || logPosition < 0) throw new RangeError(`checkpoint log position must be a non-negative integer, got ${logPosition}`);
      const result = await database.query<CheckpointRow>(
        'INSERT INTO engine_checkpoints (name, log_position, state) VALUES ($1, $2, $3) RETURNING id, name, log_position, state, created_at',
        [name, logPosition, state],
      );
      return toCheckpoint(result.rows[0]!);
    },

    async latest(name) {
      const result = await database.query<CheckpointRow>('SELECT id, name, log_position, state, created_at FROM engine_checkpoints WHERE name = $1 ORDER BY id DESC LIMIT 1', [name]);
      const row = result.rows[0];
      return row ? toCheckpoint(row) : null;
    },

    async prune(name, keep) {
      if (!Number.isSafeInteger(keep) || keep < 1) throw new RangeError('prune must keep at least one checkpoint');
      const result = await database.query(
        'DELETE FROM engine_checkpoints WHERE name = $1 AND id NOT IN (SELECT id FROM engine_checkpoints WHERE name = $1 ORDER BY id DESC LIMIT $2)',
        [name, keep],
      );
      return result.rowCount;
    },
  };
}
