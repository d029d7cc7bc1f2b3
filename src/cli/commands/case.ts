/**
 * `frontera case list|show|import|assign|submit|approve|close`: the case workflow on the store
 * (PGlite in FRONTERA_DATA or PostgreSQL at DATABASE_URL). Every change is audited in the
 * hash-chained log; the workflow rules (four-eyes, statuses) live in src/cases.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { ValidationError } from '../../errors.ts';
import { openStore } from '../../store/index.ts';
import { createSqlAuditLog } from '../../audit/index.ts';
import {
  CASE_STATUSES, CaseSchema, approveCase, assignCase, closeWithoutFiling, computeDeadlines, createSqlCaseRepository, deadlineWarnings,
  partyDisplayName, submitForApproval, type Case, type CaseRepository, type CaseStatus,
} from '../../cases/index.ts';
import type { AuditLog } from '../../audit/index.ts';

export type StoreOptions = { data?: string; databaseUrl?: string };

/** Maximum size of a case file given to `case import` or `--case-file`. */
export const MAX_CASE_FILE_BYTES = 16 * 1024 * 1024;

/** Opens the configured store with the cases repository and the audit log, runs `work`, closes. */
export async function withCases<T>(options: StoreOptions, work: (cases: CaseRepository, audit: AuditLog) => Promise<T>): Promise<T> {
  const config = loadConfig({ env: process.env, flags: { dataDirectory: options.data, databaseUrl: options.databaseUrl } });
  const store = await openStore(config);
  try {
    return await work(createSqlCaseRepository(store.database), createSqlAuditLog(store.database));
  } finally {
    await store.database.close();
  }
}

/** The acting user: --actor, else FRONTERA_USER; required for every change (it goes in the audit log). */
export function actorOf(options: { actor?: string }): string {
  const actor = options.actor ?? process.env['FRONTERA_USER'];
  if (actor === undefined || actor.trim() === '') throw new ValidationError('who is acting? pass --actor or set FRONTERA_USER', [{ field: '--actor', reason: 'required for every change, it is recorded in the audit log' }]);
  return actor.trim();
}

function nowIso(): string {
  return new Date().toISOString();
}

function withStoreOptions(command: Command): Command {
  return command.option('--data <folder>', 'PGlite data folder (overrides FRONTERA_DATA)').option('--database-url <url>', 'PostgreSQL URL (overrides DATABASE_URL)');
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
