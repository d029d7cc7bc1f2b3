import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IntegrityError, ValidationError } from '../errors.ts';
import type { Database } from './database.ts';

/** One versioned SQL migration. Versions are unique across all modules. */
export type Migration = {
  version: number;
  name: string;
  /** Owning module, e.g. `store`, `screening`. */
  module: string;
  sql: string;
  /** SHA-256 (hex) of the SQL text with line endings normalised to LF. */
  checksum: string;
};

/** A module's migration folder and the version range it owns. */
export type MigrationFolder = {
  module: string;
  /** Inclusive version range reserved for the module. */
  range: readonly [number, number];
  /** Folder holding `NNNN-kebab-name.sql` files. */
  folder: URL;
};

export type MigrationState = 'applied' | 'pending' | 'changed' | 'unknown';

export type MigrationStatus = {
  version: number;
  name: string;
  module: string;
  /** `changed`: applied with another checksum; `unknown`: applied but no longer in any folder. */
  state: MigrationState;
  appliedAt: Date | null;
};

const FILE_NAME = /^(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/**
 * Checksum of a migration's SQL, insensitive to CRLF/LF so a checkout on another OS still matches.
 * @example migrationChecksum('SELECT 1;\n') === migrationChecksum('SELECT 1;\r\n')
 */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/**
 * Reads a module's migration folder. Every `.sql` file must be named `NNNN-kebab-name.sql` with
 * its number inside the module's range; anything else is refused rather than skipped.
 *
 * @example
 * await loadMigrationFolder({ module: 'store', range: [1, 99], folder: new URL('./migrations/', import.meta.url) });
 */
export async function loadMigrationFolder(source: MigrationFolder): Promise<Migration[]> {
  const path = fileURLToPath(source.folder);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    throw new ValidationError(`migration folder of module ${source.module} cannot be read: ${path}`, [{ field: 'folder', reason: error instanceof Error ? error.message : String(error) }]);
  }
  const migrations: Migration[] = [];
  for (const fileName of names.filter((name) => name.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(fileName);
    if (!match) {
      throw new ValidationError(`migration file ${fileName} of module ${source.module} is not named NNNN-kebab-name.sql`, [{ field: fileName, reason: 'bad migration file name' }]);
    }
    const version = Number(match[1]);
    if (version < source.range[0] || version > source.range[1]) {
      throw new ValidationError(`migration ${fileName} is outside module ${source.module}'s range ${source.range[0]}–${source.range[1]}`, [{ field: fileName, reason: 'version outside the module range' }]);
    }
    const sql = await readFile(`${path}/${fileName}`, 'utf8');
    migrations.push({ version, name: match[2]!, module: source.module, sql, checksum: migrationChecksum(sql) });
  }
  return migrations;
}

/**
 * Loads all folders and checks that ranges do not overlap and versions are unique.
 * @example const migrations = await loadMigrations(MIGRATION_FOLDERS);
 */
export async function loadMigrations(folders: readonly MigrationFolder[]): Promise<Migration[]> {
  const sorted = [...folders].sort((a, b) => a.range[0] - b.range[0]);
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1]!;
    const current = sorted[index]!;
    if (current.range[0] <= previous.range[1]) {
      throw new ValidationError(`migration ranges of ${previous.module} and ${current.module} overlap`, [{ field: current.module, reason: 'overlapping version range' }]);
    }
  }
  const all = (await Promise.all(sorted.map(loadMigrationFolder))).flat();
  const seen = new Map<number, Migration>();
  for (const migration of all) {
    const other = seen.get(migration.version);
    if (other) throw new ValidationError(`migration version ${migration.version} is used twice (${other.name}, ${migration.name})`, [{ field: String(migration.version), reason: 'duplicate version' }]);
    seen.set(migration.version, migration);
  }
  return all.sort((a, b) => a.version - b.version);
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  module text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Serialises concurrent migrators (several processes on one PostgreSQL). */
const LOCK_KEY = 7_264_731_001;

type AppliedRow = { version: number; name: string; module: string; checksum: string; applied_at: Date };

async function appliedMigrations(database: Database): Promise<AppliedRow[]> {
  await database.exec(CREATE_TABLE);
  const result = await database.query<AppliedRow>('SELECT version, name, module, checksum, applied_at FROM schema_migrations ORDER BY version');
  return result.rows;
}

/**
 * Compares the migrations on disk with those applied to the database.
 * @example (await migrationStatus(database, migrations)).filter((m) => m.state === 'pending')
 */
export async function migrationStatus(database: Database, migrations: readonly Migration[]): Promise<MigrationStatus[]> {
  const applied = new Map((await appliedMigrations(database)).map((row) => [row.version, row]));
  const statuses: MigrationStatus[] = migrations.map((migration) => {
    const row = applied.get(migration.version);
    applied.delete(migration.version);
    if (!row) return { version: migration.version, name: migration.name, module: migration.module, state: 'pending', appliedAt: null };
    return { version: migration.version, name: migration.name, module: migration.module, state: row.checksum === migration.checksum ? 'applied' : 'changed', appliedAt: row.applied_at };
  });
  for (const row of applied.values()) statuses.push({ version: row.version, name: row.name, module: row.module, state: 'unknown', appliedAt: row.applied_at });
  return statuses.sort((a, b) => a.version - b.version);
}

function refuseChanged(statuses: readonly MigrationStatus[]): void {
  const changed = statuses.filter((status) => status.state === 'changed');
  if (changed.length > 0) {
    const list = changed.map((status) => `${String(status.version).padStart(4, '0')}-${status.name}`).join(', ');
    throw new IntegrityError(`applied migration${changed.length > 1 ? 's' : ''} ${list} changed on disk (checksum differs); write a new migration instead of editing an applied one`, { versions: changed.map((status) => status.version) });
  }
}

/**
 * Applies every pending migration in version order, each in its own transaction together with
 * its `schema_migrations` row. Refuses to run if an applied migration's checksum changed.
 * Modules own separate ranges, so a lower version added later is still applied.
 *
 * @example
 * const applied = await migrate(database, await loadMigrations(MIGRATION_FOLDERS));
 * // [{ version: 1, name: 'core', … }]
 */
export async function migrate(database: Database, migrations: readonly Migration[]): Promise<Migration[]> {
  refuseChanged(await migrationStatus(database, migrations));
  const done: Migration[] = [];
  for (const migration of migrations) {
    const applied = await database.transaction(async (transaction) => {
      await transaction.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const existing = await transaction.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [migration.version]);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== migration.checksum) refuseChanged([{ version: migration.version, name: migration.name, module: migration.module, state: 'changed', appliedAt: null }]);
        return false;
      }
      await transaction.exec(migration.sql);
      await transaction.query('INSERT INTO schema_migrations (version, name, module, checksum) VALUES ($1, $2, $3, $4)', [migration.version, migration.name, migration.module, migration.checksum]);
      return true;
    });
    if (applied) done.push(migration);
  }
  return done;
}
