import type { Command } from 'commander';
import { describeDatabase } from '../../config/index.ts';
import { IntegrityError } from '../../errors.ts';
import { configOf, withStoreOptions, type StoreOptions } from '../store-options.ts';
import { loadMigrations, migrate, migrationStatus, MIGRATION_FOLDERS, openDatabase, type MigrationStatus } from '../../store/index.ts';

type MigrateOptions = StoreOptions & { status?: boolean; json?: boolean };

function formatStatus(statuses: readonly MigrationStatus[]): string {
  if (statuses.length === 0) return 'no migrations registered\n';
  const rows = statuses.map((entry) => [String(entry.version).padStart(4, '0'), entry.module, entry.name, entry.state, entry.appliedAt?.toISOString() ?? '']);
  const header = ['version', 'module', 'name', 'state', 'applied at'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/**
 * `frontera db migrate [--status]`: applies every module's pending migrations to the configured
 * database (PGlite in FRONTERA_DATA, or PostgreSQL at DATABASE_URL), or lists their state.
 * @example frontera db migrate --status --data ./data
 */
export function registerDatabaseCommands(program: Command): void {
  const db = program.command('db').description('database schema: migrations of every module');
  withStoreOptions(db.command('migrate'))
    .description('apply pending migrations (PGlite in FRONTERA_DATA, or PostgreSQL at DATABASE_URL)')
    .option('--status', 'only list each migration and whether it is applied, pending, changed or unknown')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: MigrateOptions) => {
      const config = configOf(options);
      const target = describeDatabase(config);
      const migrations = await loadMigrations(MIGRATION_FOLDERS);
      const database = await openDatabase(config);
      try {
        if (options.status) {
          const statuses = await migrationStatus(database, migrations);
          process.stdout.write(options.json ? `${JSON.stringify({ database: target, migrations: statuses }, null, 2)}\n` : `${target}\n${formatStatus(statuses)}`);
          const changed = statuses.filter((entry) => entry.state === 'changed');
          if (changed.length > 0) throw new IntegrityError(`${changed.length} applied migration(s) changed on disk`, { versions: changed.map((entry) => entry.version) });
          return;
        }
        const applied = await migrate(database, migrations);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ database: target, applied: applied.map(({ version, name, module }) => ({ version, name, module })) }, null, 2)}\n`);
        } else if (applied.length === 0) {
          process.stdout.write(`${target}: up to date (${migrations.length} migrations)\n`);
        } else {
          process.stdout.write(`${target}: applied ${applied.length} migration(s)\n${applied.map((entry) => `  ${String(entry.version).padStart(4, '0')} ${entry.module} ${entry.name}`).join('\n')}\n`);
        }
      } finally {
        await database.close();
      }
    });
}
