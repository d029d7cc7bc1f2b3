/**
 * The store options every command that reads or writes the database shares: `--data` (PGlite
 * folder) and `--database-url` (PostgreSQL), which override FRONTERA_DATA and DATABASE_URL.
 * One wiring, so every command names, documents and resolves them the same way.
 */
import type { Command } from 'commander';
import { loadConfig, type Config, type ConfigFlags } from '../config/index.ts';
import { ValidationError } from '../errors.ts';
import { openStore, type Store } from '../store/index.ts';

export type StoreOptions = { data?: string; databaseUrl?: string };

/**
 * Adds `--data` and `--database-url` to a command; `usedFor` narrows the help text when only
 * some of the command's modes touch the store (e.g. "for --from-store").
 * @example withStoreOptions(program.command('serve'))
 */
export function withStoreOptions(command: Command, usedFor?: string): Command {
  const suffix = usedFor ? ` ${usedFor}` : '';
  return command
    .option('--data <folder>', `PGlite data folder${suffix} (overrides FRONTERA_DATA)`)
    .option('--database-url <url>', `PostgreSQL URL${suffix} (overrides DATABASE_URL)`);
}

/**
 * The validated configuration from the environment and the store flags (plus any other flags).
 * @example configOf(options, { port: options.port })
 */
export function configOf(options: StoreOptions, flags: ConfigFlags = {}): Config {
  return loadConfig({ env: process.env, flags: { ...flags, dataDirectory: options.data, databaseUrl: options.databaseUrl } });
}

/** Opens the configured store (migrated), runs `work`, and always closes it. */
export async function withStore<T>(options: StoreOptions, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(configOf(options));
  try {
    return await work(store);
  } finally {
    await store.database.close();
  }
}

/**
 * The acting user: --actor, else FRONTERA_USER. Commands that change anything require it because
 * it goes into the audit log.
 */
export function actorOf(options: { actor?: string }): string {
  const actor = options.actor ?? process.env['FRONTERA_USER'];
  if (actor === undefined || actor.trim() === '') {
    throw new ValidationError('who is acting? pass --actor or set FRONTERA_USER', [{ field: '--actor', reason: 'required for every change, it is recorded in the audit log' }]);
  }
  return actor.trim();
}
