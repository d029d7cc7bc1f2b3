/**
 * `frontera case list|show|import|assign|submit|approve|close`: the case workflow on the store
 * (PGlite in FRONTERA_DATA or PostgreSQL at DATABASE_URL). Every change is audited in the
 * hash-chained log; the workflow rules (four-eyes, statuses) live in src/cases.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { AlertSchema, PartySchema, type Alert, type Party, type Transaction } from '../../domain/index.ts';
import { openTransactionFile, readTransactions } from '../../ingest/index.ts';
import { loadBuiltinTypologies } from '../../typologies/index.ts';
import { typologyHintsOf } from '../../reports/index.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { actorOf, withStore, withStoreOptions, type StoreOptions } from '../store-options.ts';
import { createSqlAuditLog } from '../../audit/index.ts';
import {
  CASE_STATUSES, CaseSchema, CaseSubjectSchema, addAttachment, sha256Hex, editNarrative, recordCommitteeDecision, updateSubject, casesFromAlerts, joinAlerts, approveCase, assignCase, closeWithoutFiling, computeDeadlines, createSqlCaseRepository, deadlineWarnings,
  partyDisplayName, submitForApproval, type Case, type CaseRepository, type CaseStatus,
} from '../../cases/index.ts';
import type { AuditLog } from '../../audit/index.ts';
import type { CaseSubject, TypologyHints } from '../../cases/index.ts';

/** Maximum size of a case file given to `case import` or `--case-file`. */
export const MAX_CASE_FILE_BYTES = 16 * 1024 * 1024;

/** Opens the configured store with the cases repository and the audit log, runs `work`, closes. */
export function withCases<T>(options: StoreOptions, work: (cases: CaseRepository, audit: AuditLog) => Promise<T>): Promise<T> {
  return withStore(options, (store) => work(createSqlCaseRepository(store.database), createSqlAuditLog(store.database)));
}

function nowIso(): string {
  return new Date().toISOString();
}

function line(kase: Case, now: string): string {
  const warnings = deadlineWarnings(kase, now);
  const next = computeDeadlines(kase).filter((d) => !d.met).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  const flag = warnings.some((w) => w.state === 'overdue') ? 'OVERDUE' : warnings.length > 0 ? 'due soon' : '';
  return [kase.id.padEnd(14), kase.status.padEnd(16), (kase.assignee ?? '-').padEnd(14), partyDisplayName(kase.subject.party).slice(0, 36).padEnd(36), next ? `${next.kind} ${next.dueAt.slice(0, 16)}Z` : '', flag].join(' ').trimEnd();
}

export async function readCaseFile(path: string): Promise<Case[]> {
  const text = await readFile(path, 'utf8');
  if (Buffer.byteLength(text) > MAX_CASE_FILE_BYTES) throw new ValidationError(`${path} is larger than ${MAX_CASE_FILE_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${path} is not JSON`, [{ field: path, reason: error instanceof Error ? error.message : String(error) }]);
  }
  const list = Array.isArray(json) ? json : [json];
  return list.map((item, index) => {
    const parsed = CaseSchema.safeParse(item);
    if (!parsed.success) throw new ValidationError(`case ${index} in ${path} is not a valid case`, parsed.error.issues.map((i) => ({ field: `[${index}].${i.path.join('.')}`, reason: i.message })));
    return parsed.data;
  });
}

/** Alerts as JSON Lines (the output of `frontera scan`), each checked with the Alert schema. */
async function readAlerts(path: string): Promise<Alert[]> {
  const text = await readFile(path, 'utf8');
  if (Buffer.byteLength(text) > MAX_CASE_FILE_BYTES * 8) throw new ValidationError(`${path} is larger than ${MAX_CASE_FILE_BYTES * 8} bytes`);
  const alerts: Alert[] = [];
  const issues: Array<{ field: string; reason: string }> = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      issues.push({ field: `line ${index + 1}`, reason: 'not JSON' });
      return;
    }
    const parsed = AlertSchema.safeParse(json);
    if (parsed.success) alerts.push(parsed.data);
    else issues.push({ field: `line ${index + 1}`, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  });
  if (issues.length > 0) throw new ValidationError(`${issues.length} alert line(s) in ${path} are invalid; no case was opened`, issues);
  return alerts;
}

async function readCsv(path: string): Promise<Array<Record<string, string>>> {
  const info = await stat(path);
  if (info.size > 1024 * 1024 * 1024) throw new ValidationError(`${path} is larger than 1 GiB`);
  return parseCsv(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
}

/** Subjects from a synthetic corridor folder (parties.csv with its KYC columns and accounts.csv, see docs/data-format.md). */
async function readCorridorSubjects(folder: string): Promise<{ byParty: Map<string, CaseSubject>; partyOfAccount: Map<string, string> }> {
  const parties = new Map<string, Party>();
  const kycByParty = new Map<string, Record<string, unknown>>();
  const problems: Array<{ field: string; reason: string }> = [];
  (await readCsv(join(folder, 'parties.csv'))).forEach((row, index) => {
    const optional = (key: string, field: string) => (row[key] ? { [field]: row[key] } : {});
    const identifiers = (['rfc', 'curp', 'ssn', 'ein', 'passport', 'phone'] as const).filter((kind) => row[kind]).map((kind) => ({ kind, value: row[kind]! }));
    const aliases = row['aliases'] ? row['aliases'].split('|').filter(Boolean) : [];
    const candidate = row['type'] === 'company'
      ? { type: 'company', id: row['party_id'], legalName: row['legal_name'], ...optional('legal_form', 'legalForm'), ...optional('incorporation_date', 'incorporationDate'), country: row['country'], ...optional('postal_code', 'postalCode'), ...optional('industry', 'industry'), identifiers, aliases }
      : { type: 'person', id: row['party_id'], name: { given: row['given_names'], paternal: row['paternal_surname'], ...optional('maternal_surname', 'maternal') }, ...optional('birth_date', 'birthDate'), ...optional('nationality', 'nationality'), country: row['country'], ...optional('postal_code', 'postalCode'), ...optional('occupation', 'occupation'), identifiers, aliases };
    const parsed = PartySchema.safeParse(candidate);
    const kyc = kycOfRow(row);
    if (parsed.success && kyc) kycByParty.set(parsed.data.id, kyc);
    if (parsed.success) parties.set(parsed.data.id, parsed.data);
    else problems.push({ field: `parties.csv line ${index + 2}`, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  });
  if (problems.length > 0) process.stderr.write(`${problems.length} part(ies) could not be read and cannot be case subjects:\n${problems.slice(0, 20).map((p) => `  ${p.field}: ${p.reason}`).join('\n')}\n`);
  const accountsByParty = new Map<string, Array<{ accountNumber: string; clabe?: string; closed: boolean }>>();
  const partyOfAccount = new Map<string, string>();
  for (const row of await readCsv(join(folder, 'accounts.csv'))) {
    const account = row['account_id'];
    const party = row['party_id'];
    if (!account || !party) continue;
    partyOfAccount.set(account, party);
    const list = accountsByParty.get(party) ?? [];
    list.push({ accountNumber: account.slice(0, 40), ...(row['clabe'] && row['clabe'].length === 18 ? { clabe: row['clabe'] } : {}), closed: false });
    accountsByParty.set(party, list);
  }
  const byParty = new Map<string, CaseSubject>();
  const kycProblems: Array<{ field: string; reason: string }> = [];
  for (const [id, party] of parties) {
    const bare: CaseSubject = { party, relationship: 'customer', accounts: accountsByParty.get(id) ?? [], identityDocuments: [] };
    const kyc = kycByParty.get(id);
    if (kyc === undefined) {
      byParty.set(id, bare);
      continue;
    }
    const parsed = CaseSubjectSchema.safeParse({ ...bare, ...kyc });
    if (parsed.success) byParty.set(id, parsed.data);
    else {
      byParty.set(id, bare);
      kycProblems.push({ field: `parties.csv ${id}`, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
  }
  if (kycProblems.length > 0) process.stderr.write(`${kycProblems.length} KYC file(s) could not be read; those subjects have no address, activity or documents:\n${kycProblems.slice(0, 20).map((p) => `  ${p.field}: ${p.reason}`).join('\n')}\n`);
  return { byParty, partyOfAccount };
}

/** The KYC columns of a parties.csv row (docs/data-format.md) as case-subject fields; empty when the file has none. */
function kycOfRow(row: Record<string, string>): Record<string, unknown> | undefined {
  if (!row['street'] && !row['economic_activity_code']) return undefined;
  const optional = (key: string, field: string) => (row[key] ? { [field]: row[key] } : {});
  const phone = row['phone']?.replace(/\D/g, '').slice(-16);
  return {
    ...(phone ? { phone } : {}),
    ...optional('gender', 'gender'),
    ...optional('economic_activity_code', 'economicActivityCode'),
    ...(row['street'] && row['city']
      ? { address: { street: row['street'], ...optional('exterior_number', 'number'), ...optional('colonia', 'colonia'), city: row['city'], ...optional('state', 'state'), ...optional('postal_code', 'postalCode'), country: row['country'], ...optional('locality_code', 'cnbvLocalityCode') } }
      : {}),
    identityDocuments: row['id_document_type']
      ? [{ type: row['id_document_type'], number: row['id_document_number'], issueDate: row['id_document_issue_date'], expiryDate: row['id_document_expiry_date'], issueCountry: row['id_document_issue_country'], ...optional('id_document_issued_by', 'issuedBy') }]
      : [],
    ...(row['representative_given_names']
      ? { representative: { given: row['representative_given_names'], paternal: row['representative_paternal_surname'], ...optional('representative_maternal_surname', 'maternal'), ...optional('representative_birth_date', 'birthDate'), ...optional('representative_rfc', 'rfc'), ...optional('representative_curp', 'curp') } }
      : {}),
  };
}

export function register(program: Command): void {
  const cases = program.command('case').description('case management: alerts grouped by subject, four-eyes approval, deadlines, audit');

  withStoreOptions(cases.command('list').description('list cases with their next deadline and overdue warnings'))
    .option('--status <status>', `only cases in this status (${CASE_STATUSES.join(', ')})`)
    .option('--assignee <user>', 'only cases assigned to this user')
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { status?: string; assignee?: string; json?: boolean }) => {
      if (options.status !== undefined && !(CASE_STATUSES as readonly string[]).includes(options.status)) throw new ValidationError(`unknown status '${options.status}'`, [{ field: '--status', reason: `must be one of ${CASE_STATUSES.join(', ')}` }]);
      await withCases(options, async (repository) => {
        const now = nowIso();
        const list = await repository.list({ ...(options.status ? { status: options.status as CaseStatus } : {}), ...(options.assignee ? { assignee: options.assignee } : {}) });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list.map((kase) => ({ id: kase.id, status: kase.status, assignee: kase.assignee ?? null, subject: partyDisplayName(kase.subject.party), warnings: deadlineWarnings(kase, now) })), null, 2)}\n`);
          return;
        }
        process.stdout.write(list.length === 0 ? 'no cases\n' : `${list.map((kase) => line(kase, now)).join('\n')}\n`);
      });
    });

  withStoreOptions(cases.command('show').description('show a case: subject, alerts, deadlines, filings and its audit trail').argument('<id>'))
    .option('--json', 'print JSON')
    .action(async (id: string, options: StoreOptions & { json?: boolean }) => {
      await withCases(options, async (repository, audit) => {
        const kase = await repository.get(id);
        const trail = await audit.list({ subjectKind: 'case', subjectId: id });
        const deadlines = computeDeadlines(kase);
        const warnings = deadlineWarnings(kase, nowIso());
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ case: kase, deadlines, warnings, audit: trail }, null, 2)}\n`);
          return;
        }
        const out = [
          `case ${kase.id} (${kase.jurisdiction}) — ${kase.status}`,
          `subject: ${partyDisplayName(kase.subject.party)} [${kase.subject.party.id}]`,
          `assignee: ${kase.assignee ?? '-'}   preparer: ${kase.preparer ?? '-'}   approver: ${kase.approval?.approver ?? '-'}`,
          `detected: ${kase.detectedAt}   alerts: ${kase.alerts.length}   transactions: ${kase.transactions.length}   attachments: ${kase.attachments.length}`,
          'deadlines:',
          ...deadlines.map((d) => `  ${d.met ? 'met ' : '    '}${d.kind} due ${d.dueAt} — ${d.rule}`),
          ...warnings.map((w) => `  ! ${w.message}`),
          'filings:',
          ...(kase.filings.length === 0 ? ['  none'] : kase.filings.map((f) => `  ${f.format} ${f.filedAt} batch ${f.batchId ?? '-'} #${f.batchReference ?? '-'} ${f.regulatorFilingId ? `id ${f.regulatorFilingId}` : ''} ${f.acknowledgementStatus ?? 'not acknowledged'}`)),
          ...(kase.closeReason ? [`closed without filing: ${kase.closeReason}`] : []),
          'narrative (EN):',
          ...(kase.narrative.en ?? '(empty)').split('\n').map((l) => `  ${l}`),
          'audit:',
          ...trail.map((e) => `  #${e.sequence} ${e.time} ${e.actor} ${e.action} ${e.hash.slice(0, 12)}`),
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  withStoreOptions(cases.command('import').description('add cases from a JSON file (one case or an array), e.g. cases built from alerts').argument('<file>'))
    .option('--actor <user>', 'who imports (default FRONTERA_USER)')
    .action(async (file: string, options: StoreOptions & { actor?: string }) => {
      const actor = actorOf(options);
      const list = await readCaseFile(file);
      await withCases(options, async (repository) => {
        for (const kase of list) {
          await repository.create({ ok: true, value: kase, event: { time: nowIso(), actor, action: 'case.imported', subject: { kind: 'case', id: kase.id }, details: { file, status: kase.status } } });
        }
      });
      process.stdout.write(`imported ${list.length} case(s)\n`);
    });

  withStoreOptions(cases.command('open').description('open cases from alerts (JSON Lines from frontera scan), grouped by subject; alerts of a subject with an active case join it'))
    .requiredOption('--alerts <file>', 'alerts, one JSON object a line')
    .requiredOption('--corridor <folder>', 'folder with parties.csv, accounts.csv and transactions.csv (frontera synth output)')
    .option('--actor <user>', 'who opens (default FRONTERA_USER)')
    .action(async (options: StoreOptions & { alerts: string; corridor: string; actor?: string }) => {
      const actor = actorOf(options);
      const alerts = await readAlerts(options.alerts);
      const { byParty, partyOfAccount } = await readCorridorSubjects(options.corridor);
      const wanted = new Set(alerts.flatMap((a) => a.transactionIds));
      const transactions = new Map<string, Transaction>();
      const opened = await openTransactionFile(join(options.corridor, 'transactions.csv'));
      for await (const record of readTransactions(opened.stream, { format: opened.format, sourceName: opened.sourceName })) {
        if (record.ok && wanted.has(record.transaction.id)) transactions.set(record.transaction.id, record.transaction);
      }
      const hints = new Map<string, TypologyHints>(loadBuiltinTypologies().map((t) => [t.id, typologyHintsOf(t.document).hints]));
      const now = nowIso();
      const sources = {
        subject: (key: string) => byParty.get(key) ?? byParty.get(partyOfAccount.get(key) ?? ''),
        transaction: (id: string) => transactions.get(id),
        hints: (id: string) => hints.get(id),
      };
      await withCases(options, async (repository) => {
        const active = [...(await repository.list({ status: 'open', limit: 10_000 })), ...(await repository.list({ status: 'investigating', limit: 10_000 })), ...(await repository.list({ status: 'pending_approval', limit: 10_000 }))];
        const result = casesFromAlerts(alerts, active, sources, { actor, now });
        let created = 0;
        for (const step of result.opened) {
          if (step.ok && active.some((c) => c.id === step.value.id)) continue;
          try {
            await repository.create(step);
            created++;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        for (const join of result.joined) await repository.apply(join.caseId, (kase) => joinAlerts(kase, join, { actor, now }));
        for (const item of result.unresolved) process.stderr.write(`alert ${item.alert.id}: ${item.reason}\n`);
        process.stdout.write(`opened ${created} case(s), added alerts to ${result.joined.length}, ${result.unresolved.length} alert(s) without a known subject\n`);
      });
    });

  withStoreOptions(cases.command('attach').description('attach a file to a case; it is stored once, by its SHA-256').argument('<id>').argument('<file>'))
    .option('--media-type <type>', 'media type', 'application/octet-stream')
    .option('--actor <user>', 'who attaches (default FRONTERA_USER)')
    .action(async (id: string, file: string, options: StoreOptions & { mediaType: string; actor?: string }) => {
      const actor = actorOf(options);
      const bytes = new Uint8Array(await readFile(file));
      const fileName = file.split(/[\\/]/).pop()!.slice(0, 150);
      await withCases(options, async (repository) => {
        // Content first (idempotent by hash), then the case record that points to it.
        const sha256 = sha256Hex(bytes);
        await repository.putAttachment(sha256, bytes);
        await repository.apply(id, (kase) => addAttachment(kase, { fileName, mediaType: options.mediaType, bytes }, { actor, now: nowIso() }));
        process.stdout.write(`${id}: ${fileName} attached, sha256 ${sha256}\n`);
      });
    });

  withStoreOptions(cases.command('narrative').description('replace the narrative draft with the analyst’s text (withdraws an approval)').argument('<id>'))
    .requiredOption('--lang <en|es>', 'en for FinCEN and goAML, es for the UIF')
    .requiredOption('--from <file>', 'text file with the narrative')
    .option('--actor <user>', 'who edits (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { lang: string; from: string; actor?: string }) => {
      const actor = actorOf(options);
      if (options.lang !== 'en' && options.lang !== 'es') throw new ValidationError('--lang must be en or es', [{ field: '--lang', reason: `'${options.lang}'` }]);
      const text = await readFile(options.from, 'utf8');
      const language = options.lang;
      await withCases(options, (repository) => repository.apply(id, (kase) => editNarrative(kase, language, text.trim(), { actor, now: nowIso() })));
      process.stdout.write(`${id}: ${language} narrative replaced (${text.trim().length} characters)\n`);
    });

  withStoreOptions(cases.command('committee').description('record the Comité de Comunicación y Control decision of a Mexican case (starts the 3-business-day clock)').argument('<id>'))
    .requiredOption('--decided-at <datetime>', 'ISO date-time with zone, e.g. 2026-03-13T18:00:00-06:00')
    .option('--actor <user>', 'who records (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { decidedAt: string; actor?: string }) => {
      const actor = actorOf(options);
      const { value } = await withCases(options, (repository) => repository.apply(id, (kase) => recordCommitteeDecision(kase, options.decidedAt, { actor, now: nowIso() })));
      const due = computeDeadlines(value).find((d) => d.kind === 'uif-inusual');
      process.stdout.write(`${id}: committee decision recorded; UIF report due ${due?.dueAt ?? '-'}\n`);
    });

  withStoreOptions(cases.command('subject').description('complete or correct the subject’s details from a JSON object (address, phone, economicActivityCode, identityDocuments, representative …)').argument('<id>'))
    .requiredOption('--from <file>', 'JSON object with the fields to set')
    .option('--actor <user>', 'who edits (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { from: string; actor?: string }) => {
      const actor = actorOf(options);
      const text = await readFile(options.from, 'utf8');
      if (Buffer.byteLength(text) > 1024 * 1024) throw new ValidationError(`${options.from} is larger than 1 MiB`);
      let changes: unknown;
      try {
        changes = JSON.parse(text);
      } catch (error) {
        throw new ValidationError(`${options.from} is not JSON`, [{ field: options.from, reason: error instanceof Error ? error.message : String(error) }]);
      }
      if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) throw new ValidationError(`${options.from} must hold a JSON object`);
      await withCases(options, (repository) => repository.apply(id, (kase) => updateSubject(kase, changes as Record<string, unknown>, { actor, now: nowIso() })));
      process.stdout.write(`${id}: subject updated (${Object.keys(changes).join(', ')})\n`);
    });

  withStoreOptions(cases.command('audit').description('verify the hash chain of the audit log (every entry, in order)'))
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { json?: boolean }) => {
      await withCases(options, async (_repository, audit) => {
        const result = await audit.verify();
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        if (!result.ok) throw new ValidationError('the audit log does not verify', result.problems.map((p) => ({ field: `entry ${p.sequence}`, reason: `${p.kind}: ${p.reason}` })));
        if (!options.json) process.stdout.write(`audit log verifies: ${result.entries} entries, head ${result.headHash}\n`);
      });
    });

  withStoreOptions(cases.command('assign').description('assign a case to an analyst').argument('<id>'))
    .requiredOption('--to <user>', 'the analyst')
    .option('--actor <user>', 'who assigns (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { to: string; actor?: string }) => {
      const actor = actorOf(options);
      const { value } = await withCases(options, (repository) => repository.apply(id, (kase) => assignCase(kase, options.to, { actor, now: nowIso() })));
      process.stdout.write(`${value.id}: assigned to ${value.assignee} (${value.status})\n`);
    });

  withStoreOptions(cases.command('submit').description('send an investigated case for four-eyes approval (you become its preparer)').argument('<id>'))
    .option('--actor <user>', 'the preparer (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { actor?: string }) => {
      const actor = actorOf(options);
      const { value } = await withCases(options, (repository) => repository.apply(id, (kase) => submitForApproval(kase, { actor, now: nowIso() })));
      process.stdout.write(`${value.id}: pending approval, prepared by ${value.preparer}\n`);
    });

  withStoreOptions(cases.command('approve').description('approve a case pending approval (never by its preparer)').argument('<id>'))
    .option('--actor <user>', 'the approver (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { actor?: string }) => {
      const actor = actorOf(options);
      const { value } = await withCases(options, (repository) => repository.apply(id, (kase) => approveCase(kase, { actor, now: nowIso() })));
      process.stdout.write(`${value.id}: approved by ${value.approval?.approver}; render and file its report with 'frontera report … --case ${value.id} --file'\n`);
    });

  withStoreOptions(cases.command('close').description('close a case without filing; the reason is kept').argument('<id>'))
    .requiredOption('--reason <text>', 'why no report is filed')
    .option('--actor <user>', 'who closes (default FRONTERA_USER)')
    .action(async (id: string, options: StoreOptions & { reason: string; actor?: string }) => {
      const actor = actorOf(options);
      const { value } = await withCases(options, (repository) => repository.apply(id, (kase) => closeWithoutFiling(kase, options.reason, { actor, now: nowIso() })));
      process.stdout.write(`${value.id}: closed without filing\n`);
    });
}
