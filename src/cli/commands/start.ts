import type { Command } from 'commander';
import { demoCredentialLines, serverMigrationFolders, startFronteraServer } from '../../api/index.ts';
import { loadConfig, redactUrl } from '../../config/index.ts';
import { prepareDemoCorridor, resolveDemoSubject, startLiveFeed, summariseBacktest } from '../../demo/index.ts';
import type { Alert } from '../../domain/index.ts';
import { createEngine } from '../../engine/index.ts';
import { createMonitor } from '../../monitor/index.ts';
import { buildScreeningIndex, createTransactionScreener, section2313aList, usFto2025List } from '../../screening/index.ts';
import { createStore, migrateAll, openDatabase, type Store } from '../../store/index.ts';
import { loadBuiltinTypologies } from '../../typologies/index.ts';
import { waitForShutdown } from './serve.ts';

type StartOptions = { port?: string; host?: string; data?: string; databaseUrl?: string; seed: string; transactions: string; days: string; liveRate: string; serve: boolean };

/**
 * `frontera start` (what `npm start` runs): the demo on the embedded default. Synthesizes a
 * corridor, monitors it into the store, prints a summary, then serves the API and web app while
 * the rest of the corridor arrives live. Data persists in the data folder: a second start
 * restores the engine's checkpoint instead of loading again.
 */
export function register(program: Command): void {
  program
    .command('start')
    .description('run the demo: synthetic corridor → live monitoring → store → web app and API')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .option('--data <folder>', 'PGlite data folder (overrides FRONTERA_DATA)')
    .option('--database-url <url>', 'PostgreSQL URL (overrides DATABASE_URL)')
    .option('--seed <n>', 'seed of the synthetic corridor', '7')
    .option('--transactions <n>', 'transactions in the synthetic corridor', '30000')
    .option('--days <n>', 'days the corridor spans', '60')
    .option('--live-rate <n>', 'transactions per second fed live after start-up', '20')
    .option('--no-serve', 'load and monitor the demo, print the summary and exit')
    .action(async (options: StartOptions) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const config = loadConfig({ env: process.env, flags: { port: options.port, host: options.host, dataDirectory: options.data, databaseUrl: options.databaseUrl } });
      log(`opening ${config.databaseUrl === undefined ? `PGlite ${config.dataDirectory}` : `PostgreSQL ${redactUrl(config.databaseUrl)}`}…`);
      const database = await openDatabase(config);
      try {
        await migrateAll(database, serverMigrationFolders());
        const store = createStore(database);
        const typologies = loadBuiltinTypologies();
        const screeningIndex = buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
        const monitor = createMonitor({
          engine: createEngine({ typologies }),
          store,
          screener: createTransactionScreener({ index: screeningIndex }),
        });
        const restored = await monitor.start();
        if (restored.restoredFrom > 0) log(`engine restored from its checkpoint at log position ${restored.restoredFrom}; replayed ${restored.evaluated} transactions`);

        const demo = prepareDemoCorridor({ seed: Number(options.seed), transactions: Number(options.transactions), days: Number(options.days), liveShare: options.serve ? 0.1 : 0 });
        if ((await store.transactionLog.count()) === 0) {
          log(`monitoring ${demo.history.length.toLocaleString('en-US')} synthetic corridor transactions (seed ${options.seed})…`);
          const started = performance.now();
          for (let offset = 0; offset < demo.history.length; offset += 5_000) await monitor.ingest(demo.history.slice(offset, offset + 5_000));
          log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
        await monitor.checkpoint();
        const alerts = await allAlerts(store);
        const backtests = summariseBacktest(alerts, demo.labels);
        printSummary(log, await store.transactionLog.count(), alerts, backtests);

        if (!options.serve) {
          await monitor.stop();
          return;
        }
        const server = await startFronteraServer({
          database,
          config,
          seedDemo: true,
          log,
          services: {
            monitor: async () => {
              await monitor.catchUp();
            },
            resolveSubject: async (subjectAlerts) => resolveDemoSubject(demo, subjectAlerts),
            backtests,
          },
        });
        const feed = startLiveFeed({
          transactions: demo.live,
          perSecond: Number(options.liveRate),
          deliver: (batch) => monitor.ingest(batch),
          onError: (error) => log(`live feed: ${error instanceof Error ? error.message : String(error)}`),
          onFinished: () => log('live feed: every synthetic transaction has been delivered'),
        });
        log(`\nFrontera is running at ${server.url}  (API docs: ${server.url}docs)`);
        log(`live monitoring: ${demo.live.length.toLocaleString('en-US')} more transactions arrive at ${options.liveRate}/s`);
        log(['demo sign-ins (role  username / password):', ...demoCredentialLines()].join('\n'));
        log('press Ctrl-C to stop');
        await waitForShutdown(async () => {
          log('stopping…');
          await feed.stop();
          await monitor.stop();
          await server.close();
          log('stopped');
        });
      } finally {
        await database.close();
      }
    });
}

async function allAlerts(store: Store): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.alerts.list({ limit: 1000, offset });
    alerts.push(...page.map((stored) => stored.alert));
    if (page.length < 1000) return alerts;
  }
}

function printSummary(log: (line: string) => void, transactions: number, alerts: Alert[], backtests: ReturnType<typeof summariseBacktest>): void {
  log(`\n${transactions.toLocaleString('en-US')} transactions in the store, ${alerts.length.toLocaleString('en-US')} alerts`);
  log('  typology                          alerts  precision  recall');
  for (const [typologyId, figures] of Object.entries(backtests).sort((a, b) => b[1].alerts - a[1].alerts)) {
    const percent = (value: number | null) => (value === null ? '    –' : `${(value * 100).toFixed(0).padStart(4)}%`);
    log(`  ${typologyId.padEnd(32)} ${String(figures.alerts).padStart(7)}    ${percent(figures.precision)}   ${percent(figures.recall)}`);
  }
}
