import type { Config } from '../config/index.ts';
import type { Database } from './database.ts';
import { loadMigrations, migrate, type Migration, type MigrationFolder } from './migrator.ts';
import { MIGRATION_FOLDERS } from './migrations-registry.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { createAlertStore, type AlertStore } from './repositories/alerts.ts';
import { createCheckpointStore, type CheckpointStore } from './repositories/checkpoints.ts';
import { createQuarantineStore, type QuarantineStore } from './repositories/quarantine.ts';
import { createTransactionLog, type TransactionLog } from './repositories/transaction-log.ts';

export type { Database, DatabaseKind, InsertOptions, InsertResult, Queryable, QueryResult, Row } from './database.ts';
export { openPglite, type PgliteOptions } from './pglite.ts';
export { openPostgres, type PostgresOptions } from './postgres.ts';
export { loadMigrationFolder, loadMigrations, migrate, migrationChecksum, migrationStatus } from './migrator.ts';
export type { Migration, MigrationFolder, MigrationState, MigrationStatus } from './migrator.ts';
export { MIGRATION_FOLDERS, MIGRATION_RANGES } from './migrations-registry.ts';
export { quoteIdentifier } from './values.ts';
export { createTransactionLog, transactionRow } from './repositories/transaction-log.ts';
export type { AppendResult, LoggedTransaction, TransactionLog } from './repositories/transaction-log.ts';
export { ALERT_STATUSES, AlertFilterSchema, AlertStatusSchema, createAlertStore } from './repositories/alerts.ts';
export type { AlertFilter, AlertStatus, AlertStore, StoredAlert } from './repositories/alerts.ts';
export { createCheckpointStore } from './repositories/checkpoints.ts';
export type { Checkpoint, CheckpointStore } from './repositories/checkpoints.ts';
export { createQuarantineStore } from './repositories/quarantine.ts';
export type { QuarantineStore, StoredQuarantinedRecord } from './repositories/quarantine.ts';

export type OpenDatabaseOptions = {
  /** Use this schema instead of `public` (created if missing); tests use one per run. */
  schema?: string;
};

/**
 * Opens the database the configuration asks for: PostgreSQL when `databaseUrl` is set,
 * otherwise PGlite in `dataDirectory` (`memory://` for an in-memory database).
 *
 * @example
 * const database = await openDatabase(loadConfig({ env: process.env }));
 */
export async function openDatabase(config: Pick<Config, 'dataDirectory' | 'databaseUrl'>, options: OpenDatabaseOptions = {}): Promise<Database> {
  const schema = options.schema === undefined ? {} : { schema: options.schema };
  if (config.databaseUrl !== undefined) return openPostgres({ url: config.databaseUrl, ...schema });
  return openPglite({ dataDirectory: config.dataDirectory, ...schema });
}

/** The engine-facing repositories over one database. */
export type Store = {
  database: Database;
  transactionLog: TransactionLog;
  alerts: AlertStore;
  checkpoints: CheckpointStore;
  quarantine: QuarantineStore;
};

/**
 * Builds the repositories over an open database (migrations must have been applied).
 * @example const { transactionLog, alerts } = createStore(database);
 */
export function createStore(database: Database): Store {
  return {
    database,
    transactionLog: createTransactionLog(database),
    alerts: createAlertStore(database),
    checkpoints: createCheckpointStore(database),
    quarantine: createQuarantineStore(database),
  };
}

/**
 * Applies all registered modules' pending migrations (see `migrations-registry.ts`).
 * @example const applied = await migrateAll(database); // Migration[] newly applied
 */
export async function migrateAll(database: Database, folders: readonly MigrationFolder[] = MIGRATION_FOLDERS): Promise<Migration[]> {
  return migrate(database, await loadMigrations(folders));
}

/**
 * Opens the configured database, applies pending migrations and returns the repositories.
 * @example
 * const store = await openStore(config);
 * await store.transactionLog.append(transactions);
 * await store.database.close();
 */
export async function openStore(config: Pick<Config, 'dataDirectory' | 'databaseUrl'>, options: OpenDatabaseOptions = {}): Promise<Store> {
  const database = await openDatabase(config, options);
  try {
    await migrateAll(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return createStore(database);
}
