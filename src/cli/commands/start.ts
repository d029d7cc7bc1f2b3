import type { Command } from 'commander';
import { DEMO_FILER_PROFILE, demoCredentialLines, serverMigrationFolders, startFronteraServer } from '../../api/index.ts';
import { DEMO_USERS, seedDemoUsers } from '../../auth/index.ts';
import { createFiuHub } from '../../fiu/index.ts';
import { describeDatabase } from '../../config/index.ts';
import { configOf, withStoreOptions } from '../store-options.ts';
import { DEMO_AGENCY, demoVehicleOperation, prepareDemoCorridor, resolveDemoSubject, seedDemoFiuHub, startLiveFeed, summariseBacktest } from '../../demo/index.ts';
import type { Alert, Party } from '../../domain/index.ts';
import { createEngine } from '../../engine/index.ts';
import { createMonitor } from '../../monitor/index.ts';
import { buildScreeningIndex, createTransactionScreener, section2313aList, usFto2025List } from '../../screening/index.ts';
import { createSqlAuditLog } from '../../audit/index.ts';
import {
  createHttpTransport,
  createLocalBlindingEngine,
  createSharingNode,
  createSqlSharingStore,
  generateNodeKeys,
  screeningNameParser,
  startLoopbackNetwork,
  syntheticSubjects,
  type ParticipantRegistrationInput,
  type SharingNode,
} from '../../sharing/index.ts';
import { createStore, migrateAll, openDatabase, type Database, type Store } from '../../store/index.ts';
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
  withStoreOptions(program.command('start'))
    .description('run the demo: synthetic corridor → live monitoring → store → web app and API')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .option('--seed <n>', 'seed of the synthetic corridor', '7')
    .option('--transactions <n>', 'transactions in the synthetic corridor', '30000')
    .option('--days <n>', 'days the corridor spans', '60')
    .option('--live-rate <n>', 'transactions per second fed live after start-up', '20')
    .option('--no-serve', 'load and monitor the demo, print the summary and exit')
    .action(async (options: StartOptions) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const config = configOf(options, { port: options.port, host: options.host });
      log(`opening ${describeDatabase(config)}…`);
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
        if (restored.discardedCheckpoint) log(`engine checkpoint set aside (${restored.discardedCheckpoint}); replayed the whole log: ${restored.evaluated} transactions`);
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
        // Demo users first: the FIU hub registers the demo investigator with the demo agency.
        await seedDemoUsers(database, { institutionId: DEMO_INSTITUTION.institutionId, agencyId: DEMO_AGENCY.agencyId });
        const fiu = createFiuHub({ database, designations: screeningIndex });
        const fiuStarted = performance.now();
        const investigator = DEMO_USERS.find((user) => user.role === 'law_enforcement_investigator')!;
        const fiuDemo = await seedDemoFiuHub({ hub: fiu, demo, alerts, typologies: typologies.map((typology) => typology.document), filerProfile: DEMO_FILER_PROFILE, filerId: DEMO_INSTITUTION.institutionId, investigator: { username: investigator.username, displayName: investigator.displayName }, clock: () => new Date() });
        if (!fiuDemo.skipped) log(`FIU hub: received ${fiuDemo.reports} SARs in ${fiuDemo.files} files, ${fiuDemo.entities} entities, ${fiuDemo.disseminated} reports disseminated to ${DEMO_AGENCY.name} (${((performance.now() - fiuStarted) / 1000).toFixed(1)} s)`);
        log('starting the safe-harbor sharing node and its loopback peers…');
        const sharing = await startDemoSharing({ database, parties: [...demo.parties.values()], alerts, clock: () => new Date() });
        let server: Awaited<ReturnType<typeof startFronteraServer>> | undefined;
        try {
          server = await startFronteraServer({
            database,
            config,
            seedDemo: true,
            log,
            services: {
              sharing: sharing.node,
              fiu,
              monitor: async () => {
                await monitor.catchUp();
              },
              resolveSubject: async (subjectAlerts) => resolveDemoSubject(demo, subjectAlerts),
              resolveVulnerableActivity: async (subject, transactions) => demoVehicleOperation(demo, subject, transactions) ?? null,
              backtests,
            },
          });
          // Peers learn this node's endpoint only once the server listens.
          await sharing.connect(server.url);
        } catch (error) {
          await server?.close();
          await sharing.close();
          await monitor.stop();
          throw error;
        }
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
        log(`FIU hub: ${server.url}api/fiu/… (sign in as fatima.fiu; lena.investigator reads what was disseminated to ${DEMO_AGENCY.name})`);
        log(`safe-harbor sharing: ${DEMO_INSTITUTION.institutionId} with peers ${sharing.peers.join(', ')} on loopback (sign in as ana.analyst or aaron.approver)`);
        log('press Ctrl-C to stop');
        await waitForShutdown(async () => {
          log('stopping…');
          await feed.stop();
          await monitor.stop();
          await server?.close();
          await sharing.close();
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

/** This institution in the demo: its investigators are the demo users with institution roles. */
export const DEMO_INSTITUTION = {
  institutionId: 'banco-frontera',
  name: 'Banco Frontera (demo)',
  country: 'US',
  investigators: [
    { id: 'ana.analyst', name: 'Ana Analyst' },
    { id: 'aaron.approver', name: 'Aaron Approver' },
  ],
} as const;

/** A party as another institution records it: its own id, no accents (as a US bank would). */
function asRecordedBy(prefix: string, party: Party, index: number): Party {
  const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (party.type !== 'person') return { ...party, id: `${prefix}-${index}` };
  const name = { given: plain(party.name.given), paternal: plain([party.name.paternal, party.name.maternal].filter(Boolean).join(' ')) };
  return { ...party, id: `${prefix}-${index}`, name };
}

/**
 * The demo's sharing network: this institution's node (records and audit log in the store,
 * restored after a restart; subjects are the corridor's parties) and three peers on loopback
 * ports with registrations in force — Sur Bank and Casa de Cambio Centro, each holding a few of
 * the corridor's alerted parties among synthetic customers, and the UIF, which convenes a
 * roundtable once this node is reachable. Peers are in memory and new on every start.
 * @example const sharing = await startDemoSharing({ database, parties, alerts, clock }); … await sharing.connect(server.url); … await sharing.close();
 */
export async function startDemoSharing(options: { database: Database; parties: readonly Party[]; alerts: readonly Alert[]; clock: () => Date }): Promise<{
  node: SharingNode;
  peers: string[];
  connect(url: string): Promise<void>;
  close(): Promise<void>;
}> {
  const { clock } = options;
  // Parties the corridor raised alerts on come first: those are the ones worth asking peers about.
  const alerted = new Set(options.alerts.map((alert) => alert.partyId).filter((id): id is string => id !== undefined));
  const persons = options.parties.filter((party) => party.type === 'person').sort((a, b) => Number(alerted.has(b.id)) - Number(alerted.has(a.id)) || a.id.localeCompare(b.id));
  const network = await startLoopbackNetwork({
    clock,
    institutions: [
      { institutionId: 'sur-bank', name: 'Sur Bank, N.A.', country: 'US', legalBases: ['us-314b', 'bilateral-agreement', 'fiu-convened'], investigators: [{ id: 'beth.miller', name: 'Beth Miller' }], subjects: [...persons.slice(0, 6).map((party, index) => asRecordedBy('sur', party, index)), ...syntheticSubjects({ from: 0, count: 40, seed: 2026, variant: 'us', prefix: 'sur-synthetic' })] },
      { institutionId: 'casa-centro', name: 'Casa de Cambio Centro', country: 'MX', legalBases: ['bilateral-agreement', 'fiu-convened'], investigators: [{ id: 'raul.ibarra', name: 'Raúl Ibarra' }], subjects: [...persons.slice(4, 9).map((party, index) => ({ ...party, id: `centro-${index}` })), ...syntheticSubjects({ from: 30, count: 40, seed: 2026, variant: 'mx', prefix: 'centro-synthetic' })] },
      { institutionId: 'uif', name: 'Unidad de Inteligencia Financiera', country: 'MX', role: 'fiu', legalBases: ['fiu-convened'], investigators: [{ id: 'uif.analista', name: 'Analista UIF' }] },
    ],
  });
  const engine = createLocalBlindingEngine();
  try {
    await engine.ready();
    const keys = generateNodeKeys(DEMO_INSTITUTION.institutionId);
    const node = createSharingNode({
      identity: keys.identity,
      encryption: keys.encryption,
      audit: createSqlAuditLog(options.database),
      engine,
      nameParser: screeningNameParser,
      subjects: async () => options.parties,
      clock,
      transport: createHttpTransport(),
      store: createSqlSharingStore(options.database),
    });
    await node.restore();
    // The peers are new on every start: their current registrations replace the stored ones.
    for (const peer of network.nodes) await node.register(peer.registration, `node:${DEMO_INSTITUTION.institutionId}`);
    const peers = network.nodes.map((peer) => peer.institutionId);
    return {
      node,
      peers,
      async connect(url) {
        const registeredAt = new Date(clock().getTime() - 30 * 86_400_000);
        const registration: ParticipantRegistrationInput = {
          ...DEMO_INSTITUTION,
          role: 'institution',
          registrationNumber: `R-BANCO-FRONTERA-${registeredAt.getUTCFullYear()}`,
          legalBases: ['us-314b', 'bilateral-agreement', 'fiu-convened'],
          registeredAt: registeredAt.toISOString(),
          // A 314(b) notice is valid for one year.
          expiresAt: new Date(registeredAt.getTime() + 365 * 86_400_000).toISOString(),
          identityKey: keys.identity.publicKey,
          encryptionKey: keys.encryption.publicKey,
          endpoint: url,
          investigators: [...DEMO_INSTITUTION.investigators],
        };
        await node.register(registration, `node:${DEMO_INSTITUTION.institutionId}`);
        for (const peer of network.nodes) await peer.node.register(registration, `node:${peer.institutionId}`);
        if (node.roundtables.list().some((roundtable) => roundtable.status === 'completed')) return;
        await conveneDemoRoundtable(node, network, options.alerts, clock);
      },
      async close() {
        await node.settled();
        await network.close();
        await engine.close();
      },
    };
  } catch (error) {
    await network.close();
    await engine.close();
    throw error;
  }
}

/** The UIF convenes a roundtable over the corridor's three most frequent typologies; every bank contributes. */
async function conveneDemoRoundtable(node: SharingNode, network: Awaited<ReturnType<typeof startLoopbackNetwork>>, alerts: readonly Alert[], clock: () => Date): Promise<void> {
  const byTypology = new Map<string, number>();
  for (const alert of alerts) byTypology.set(alert.typologyId, (byTypology.get(alert.typologyId) ?? 0) + 1);
  const top = [...byTypology.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
  if (top.length === 0) return;
  const cells = top.map(([typology]) => ({ typology, corridor: 'US→MX', measure: 'alerts' as const }));
  const roundtableId = `mesa-${clock().toISOString().slice(0, 10)}-${clock().getTime().toString(36)}`;
  const participants = [DEMO_INSTITUTION.institutionId, 'sur-bank', 'casa-centro'];
  const today = clock().toISOString().slice(0, 10);
  const periodStart = new Date(clock().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  await network.byId('uif').node.roundtables.convene({ roundtableId, title: 'Mesa de trabajo del corredor · Corridor roundtable', participants, cells, periodStart, periodEnd: today, openedAt: clock().toISOString() }, 'uif.analista');
  // Peers' counts are synthetic but fixed by the typology order; ours are the corridor's alerts.
  await node.roundtables.contribute(roundtableId, top.map(([, count]) => count), `node:${DEMO_INSTITUTION.institutionId}`);
  await network.byId('sur-bank').node.roundtables.contribute(roundtableId, top.map((_, index) => 40 - index * 9), 'beth.miller');
  await network.byId('casa-centro').node.roundtables.contribute(roundtableId, top.map((_, index) => 17 + index * 5), 'raul.ibarra');
  for (let round = 0; round < 3; round++) {
    await node.settled();
    for (const peer of network.nodes) await peer.node.settled();
  }
}
