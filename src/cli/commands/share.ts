import { readFile, writeFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { createMemoryAuditLog, createSqlAuditLog, type AuditLog } from '../../audit/index.ts';
import { CASES_MIGRATION_FOLDER } from '../../cases/index.ts';
import { configOf } from '../store-options.ts';
import { migrateAll, MIGRATION_FOLDERS, openDatabase } from '../../store/index.ts';
import { PartySchema, type Party } from '../../domain/index.ts';
import { IntegrityError, ValidationError } from '../../errors.ts';
import {
  createHttpTransport,
  createSharingNode,
  createSharingServer,
  createSqlSharingStore,
  createWorkerBlindingEngine,
  exportEncryptionKeys,
  exportIdentity,
  generateNodeKeys,
  importEncryptionKeys,
  importIdentity,
  INVESTIGATOR_HEADER,
  ParticipantRegistrationSchema,
  renderDemoReport,
  renderTotalsChart,
  runSharingDemo,
  screeningNameParser,
  type RoundtableView,
} from '../../sharing/index.ts';

const MAXIMUM_FILE_BYTES = 1024 * 1024 * 1024;

const KeyFileSchema = z.object({
  institutionId: z.string().min(1).max(128),
  identity: z.object({ publicKey: z.string(), privateKeyPem: z.string().max(10_000) }),
  encryption: z.object({ publicKey: z.string(), privateKeyPem: z.string().max(10_000) }),
});

async function readBounded(path: string): Promise<string> {
  const size = (await stat(path)).size;
  if (size > MAXIMUM_FILE_BYTES) throw new ValidationError(`${path} is larger than ${MAXIMUM_FILE_BYTES} bytes`);
  return readFile(path, 'utf8');
}

async function readJson<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let data: unknown;
  try {
    data = JSON.parse(await readBounded(path));
  } catch (error) {
    throw new ValidationError(`${what} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ValidationError(`${what} ${path} is not valid`, parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', reason: issue.message })));
  return parsed.data;
}

/** Subjects as JSON Lines of parties; invalid lines are reported with their reasons and left out. */
async function readSubjects(path: string): Promise<Party[]> {
  const subjects: Party[] = [];
  const lines = (await readBounded(path)).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      process.stderr.write(`${path}:${index + 1}: quarantined: not JSON\n`);
      return;
    }
    const parsed = PartySchema.safeParse(data);
    if (parsed.success) subjects.push(parsed.data);
    else process.stderr.write(`${path}:${index + 1}: quarantined: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n`);
  });
  return subjects;
}

/** Calls a node's local sharing API as an investigator. */
async function callNode(node: string, investigator: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, node), {
    method,
    headers: { [INVESTIGATOR_HEADER]: investigator, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const data: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const detail = typeof data === 'object' && data !== null && 'detail' in data ? String(data.detail) : `HTTP ${response.status}`;
    throw response.status === 400 ? new ValidationError(detail) : new IntegrityError(`${response.status}: ${detail}`);
  }
  return data;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
const list = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `frontera share …`: keys, registration, a node server, matches, shared cases, roundtables and a loopback demo.
 * @example frontera share demo --lang es
 */
export function register(program: Command): void {
  const share = program.command('share').description('safe-harbor sharing between institutions: private matching, shared cases, roundtables');

  share.command('keygen')
    .description('create a node key file: Ed25519 identity (signs messages) and X25519 key (receives roundtable shares)')
    .requiredOption('--institution <id>', 'institution id')
    .requiredOption('--out <file>', 'key file to write (keep it private)')
    .action(async (options: { institution: string; out: string }) => {
      const { identity, encryption } = generateNodeKeys(options.institution);
      const exported = exportIdentity(identity);
      await writeFile(options.out, JSON.stringify({ institutionId: options.institution, identity: { publicKey: exported.publicKey, privateKeyPem: exported.privateKeyPem }, encryption: exportEncryptionKeys(encryption) }, null, 2), { mode: 0o600 });
      print({ institutionId: options.institution, identityKey: identity.publicKey, encryptionKey: encryption.publicKey });
    });

  share.command('registration')
    .description('print a participant registration (give it to the peers and the sharing registry)')
    .requiredOption('--keys <file>', 'key file from `share keygen`')
    .requiredOption('--name <name>', 'institution name')
    .requiredOption('--country <code>', 'ISO country code')
    .requiredOption('--number <registration>', 'registration confirmation number (e.g. the 314(b) acknowledgement)')
    .requiredOption('--registered <date-time>', 'registration date-time')
    .requiredOption('--expires <date-time>', 'expiry date-time (314(b) notices last one year)')
    .option('--role <role>', 'institution, fiu or supervisor', 'institution')
    .option('--basis <basis>', 'legal basis registered under (repeatable): us-314b, fiu-convened, bilateral-agreement', list)
    .option('--endpoint <url>', 'where this node serves the sharing routes')
    .option('--investigator <id=name>', 'a named investigator (repeatable)', list)
    .action(async (options: { keys: string; name: string; country: string; number: string; registered: string; expires: string; role: string; basis?: string[]; endpoint?: string; investigator?: string[] }) => {
      const keys = await readJson(options.keys, KeyFileSchema, 'key file');
      const registration = ParticipantRegistrationSchema.safeParse({
        institutionId: keys.institutionId,
        name: options.name,
        country: options.country,
        role: options.role,
        registrationNumber: options.number,
        legalBases: options.basis ?? ['us-314b'],
        registeredAt: options.registered,
        expiresAt: options.expires,
        identityKey: keys.identity.publicKey,
        encryptionKey: keys.encryption.publicKey,
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        investigators: (options.investigator ?? []).map((entry) => {
          const [id, ...name] = entry.split('=');
          return { id, name: name.join('=') || id };
        }),
      });
      if (!registration.success) throw new ValidationError('the registration is not valid', registration.error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', reason: issue.message })));
      print(registration.data);
    });

  share.command('serve')
    .description('run a sharing node (standalone; the main server mounts the same routes)')
    .requiredOption('--keys <file>', 'key file from `share keygen`')
    .requiredOption('--registrations <file>', 'JSON array of participant registrations, this institution’s included')
    .requiredOption('--subjects <file>', 'JSON Lines of parties to match')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port', '4400')
    .option('--data <folder>', 'keep registrations, sessions, cases, roundtables and the audit log in this PGlite folder (or set DATABASE_URL)')
    .option('--database-url <url>', 'PostgreSQL URL instead of PGlite')
    .action(async (options: { keys: string; registrations: string; subjects: string; host: string; port: string; data?: string; databaseUrl?: string }) => {
      const keys = await readJson(options.keys, KeyFileSchema, 'key file');
      const registrations = await readJson(options.registrations, z.array(z.unknown()).max(10_000), 'registrations');
      const subjects = await readSubjects(options.subjects);
      const persistent = options.data !== undefined || options.databaseUrl !== undefined || process.env['DATABASE_URL'] !== undefined;
      let audit: AuditLog = createMemoryAuditLog();
      let store: ReturnType<typeof createSqlSharingStore> | undefined;
      if (persistent) {
        const database = await openDatabase(configOf(options));
        const folders = MIGRATION_FOLDERS.some((folder) => folder.module === 'cases') ? MIGRATION_FOLDERS : [...MIGRATION_FOLDERS, CASES_MIGRATION_FOLDER];
        await migrateAll(database, folders);
        audit = createSqlAuditLog(database);
        store = createSqlSharingStore(database);
      } else {
        process.stderr.write('no --data or DATABASE_URL: records and the audit log are kept in memory only\n');
      }
      const engine = createWorkerBlindingEngine();
      await engine.ready();
      const node = createSharingNode({
        identity: importIdentity({ institutionId: keys.institutionId, privateKeyPem: keys.identity.privateKeyPem }),
        encryption: importEncryptionKeys(keys.encryption),
        audit,
        engine,
        nameParser: screeningNameParser,
        subjects: async () => subjects,
        clock: () => new Date(),
        transport: createHttpTransport(),
        ...(store === undefined ? {} : { store }),
      });
      await node.restore();
      // The file is the operator's current view of the participants: it wins over stored records.
      for (const registration of registrations) await node.register(registration, `node:${keys.institutionId}`);
      const app = await createSharingServer({ node });
      const address = await app.listen({ host: options.host, port: Number(options.port) });
      process.stderr.write(`sharing node ${keys.institutionId} on ${address} with ${subjects.length} subjects\n`);
    });

  share.command('match')
    .description('run a private match with a peer through a node')
    .requiredOption('--node <url>', 'this institution’s node')
    .requiredOption('--investigator <id>', 'who asks (audited)')
    .requiredOption('--peer <institution>', 'the other institution')
    .requiredOption('--purpose <text>', 'why the match is needed')
    .option('--purpose-code <code>', 'money_laundering or terrorist_financing', 'money_laundering')
    .option('--basis <basis>', 'legal basis', 'us-314b')
    .option('--mode <mode>', 'identify (which of our subjects are shared) or cardinality (how many)', 'identify')
    .option('--kinds <list>', 'comma-separated key kinds (default: all)')
    .action(async (options: { node: string; investigator: string; peer: string; purpose: string; purposeCode: string; basis: string; mode: string; kinds?: string }) => {
      print(await callNode(options.node, options.investigator, 'POST', '/sharing/v1/matches', { peer: options.peer, purpose: options.purpose, purposeCode: options.purposeCode, legalBasis: options.basis, mode: options.mode, ...(options.kinds === undefined ? {} : { keyKinds: options.kinds.split(',') }) }));
    });

  const cases = share.command('case').description('shared cases over matched subjects');
  cases.command('open')
    .requiredOption('--node <url>', 'this institution’s node')
    .requiredOption('--investigator <id>', 'who opens it (must be named on it)')
    .requiredOption('--session <id>', 'the completed match session')
    .requiredOption('--title <text>', 'case title')
    .option('--named <id>', 'investigator named on the case (repeatable; default: the one opening it)', list)
    .action(async (options: { node: string; investigator: string; session: string; title: string; named?: string[] }) => {
      print(await callNode(options.node, options.investigator, 'POST', '/sharing/v1/cases', { sessionId: options.session, title: options.title, investigators: options.named ?? [options.investigator] }));
    });
  cases.command('note')
    .requiredOption('--node <url>', 'this institution’s node')
    .requiredOption('--investigator <id>', 'author')
    .requiredOption('--case <id>', 'shared case')
    .requiredOption('--subject <handle>', 'matched subject handle')
    .requiredOption('--text <text>', 'the note')
    .action(async (options: { node: string; investigator: string; case: string; subject: string; text: string }) => {
      print(await callNode(options.node, options.investigator, 'POST', `/sharing/v1/cases/${encodeURIComponent(options.case)}/entries`, { kind: 'note', subjectHandle: options.subject, text: options.text }));
    });
  cases.command('show')
    .requiredOption('--node <url>', 'this institution’s node')
    .requiredOption('--investigator <id>', 'a named investigator')
    .requiredOption('--case <id>', 'shared case')
    .action(async (options: { node: string; investigator: string; case: string }) => {
      print(await callNode(options.node, options.investigator, 'GET', `/sharing/v1/cases/${encodeURIComponent(options.case)}`));
    });

  const roundtables = share.command('roundtable').description('roundtable statistics by additive secret sharing');
  roundtables.command('convene')
    .requiredOption('--node <url>', 'the FIU or supervisor node')
    .requiredOption('--investigator <id>', 'who convenes')
    .requiredOption('--definition <file>', 'JSON: roundtableId, title, participants, cells, periodStart, periodEnd, openedAt')
    .action(async (options: { node: string; investigator: string; definition: string }) => {
      print(await callNode(options.node, options.investigator, 'POST', '/sharing/v1/roundtables', await readJson(options.definition, z.record(z.string(), z.unknown()), 'roundtable definition')));
    });
  roundtables.command('contribute')
    .requiredOption('--node <url>', 'this institution’s node')
    .requiredOption('--investigator <id>', 'who contributes')
    .requiredOption('--roundtable <id>', 'roundtable id')
    .requiredOption('--counts <list>', 'comma-separated counts, one per cell')
    .action(async (options: { node: string; investigator: string; roundtable: string; counts: string }) => {
      print(await callNode(options.node, options.investigator, 'POST', `/sharing/v1/roundtables/${encodeURIComponent(options.roundtable)}/contributions`, { counts: options.counts.split(',').map(Number) }));
    });
  roundtables.command('show')
    .requiredOption('--node <url>', 'a participant or convener node')
    .requiredOption('--investigator <id>', 'who looks')
    .requiredOption('--roundtable <id>', 'roundtable id')
    .option('--lang <lang>', 'en or es', 'en')
    .action(async (options: { node: string; investigator: string; roundtable: string; lang: string }) => {
      const view = (await callNode(options.node, options.investigator, 'GET', `/sharing/v1/roundtables/${encodeURIComponent(options.roundtable)}`)) as RoundtableView;
      process.stdout.write(view.totals === undefined ? `${view.status}: partial sums from ${view.partialSumsFrom.join(', ') || 'nobody yet'}\n` : `${renderTotalsChart(view, options.lang === 'es' ? 'es' : 'en')}\n`);
    });

  share.command('demo')
    .description('loopback demo: a Mexican bank, a US bank, a casa de cambio and the UIF')
    .option('--subjects <n>', 'customers per institution', '2000')
    .option('--lang <lang>', 'en or es', 'en')
    .option('--json', 'print the report as JSON')
    .action(async (options: { subjects: string; lang: string; json?: boolean }) => {
      const subjects = Number(options.subjects);
      if (!Number.isInteger(subjects) || subjects < 20 || subjects > 200_000) throw new ValidationError('--subjects must be an integer from 20 to 200000');
      const report = await runSharingDemo({ subjects });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderDemoReport(report, options.lang === 'es' ? 'es' : 'en'));
    });
}
