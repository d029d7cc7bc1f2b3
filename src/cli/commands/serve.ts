import type { Command } from 'commander';
import { demoCredentialLines, startFronteraServer } from '../../api/index.ts';
import { describeDatabase } from '../../config/index.ts';
import { configOf, withStoreOptions } from '../store-options.ts';
import { openDatabase } from '../../store/index.ts';

type ServeOptions = { port?: string; host?: string; data?: string; databaseUrl?: string; demoUsers: boolean; build: boolean };

/**
 * `frontera serve`: the HTTP API, its OpenAPI document at /docs and the web app, on the embedded
 * database by default. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM, closing the database.
 * @example frontera serve --port 8080 --data ./data
 */
export function register(program: Command): void {
  withStoreOptions(program.command('serve'))
    .description('serve the HTTP API (OpenAPI at /docs) and the web app')
    .option('--port <port>', 'port to listen on (overrides PORT; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .option('--no-demo-users', 'do not create the demo users (one per role)')
    .option('--no-build', 'do not build the web app even when it is missing or stale')
    .action(async (options: ServeOptions) => {
      const config = configOf(options, { port: options.port, host: options.host });
      const log = (line: string) => process.stdout.write(`${line}\n`);
      log(`opening ${describeDatabase(config)}…`);
      const database = await openDatabase(config);
      let server;
      try {
        server = await startFronteraServer({ database, config, seedDemo: options.demoUsers, buildWeb: options.build, log });
      } catch (error) {
        await database.close();
        throw error;
      }
      log(`Frontera is running at ${server.url}  (API docs: ${server.url}docs)`);
      if (options.demoUsers) log(['demo sign-ins (role  username / password):', ...demoCredentialLines()].join('\n'));
      log('press Ctrl-C to stop');
      await waitForShutdown(async () => {
        log('stopping…');
        await server.close();
        await database.close();
        log('stopped');
      });
    });
}

/** Resolves after the first SIGINT/SIGTERM has run `stop`; a second signal exits at once. */
export function waitForShutdown(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) process.exit(130);
      stopping = true;
      stop().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
