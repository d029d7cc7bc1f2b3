/**
 * `frontera report sar|ctr|uif|av|goaml --case ID --out FILE`: renders a case's report, checks
 * it before rendering (every missing field listed, nothing written) and validates it against the
 * official schema before writing; `--file` then marks the case filed (four-eyes approval needed).
 * `frontera report validate FILE` detects a file's format and validates it;
 * `frontera report ack FILE --batch ID` puts the regulator's filing ids back on the cases;
 * `frontera report uif-ack FILE --batch ID` does the same with the UIF's acuse of a UIF file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { applyAcknowledgement, recordFiling, type Case } from '../../cases/index.ts';
import {
  FilerProfileSchema, parseFincenAcknowledgement, parseUifAcknowledgement, prepareReport, uifAcknowledgementsByCase, validateReportFile,
  type FilerProfile, type PrepareResult, type ReportKind,
} from '../../reports/index.ts';
import { readCaseFile, withCases } from './case.ts';
import { actorOf, withStoreOptions, type StoreOptions } from '../store-options.ts';

const MAX_INPUT_BYTES = 64 * 1024 * 1024;

type ReportOptions = StoreOptions & { case?: string; caseFile?: string; out: string; profile?: string; date?: string; file?: boolean; actor?: string; kind?: string };

async function readLimited(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new ValidationError(`${path} is larger than ${MAX_INPUT_BYTES} bytes`);
  return text;
}

/** The filer profile: --profile FILE, else FRONTERA_FILER_PROFILE. Validated; never guessed. */
export async function loadProfile(path: string | undefined): Promise<FilerProfile> {
  const file = path ?? process.env['FRONTERA_FILER_PROFILE'];
  if (!file) throw new ValidationError('no filer profile: pass --profile FILE or set FRONTERA_FILER_PROFILE (see docs/reports.md)', [{ field: '--profile', reason: 'required' }]);
  let json: unknown;
  try {
    json = JSON.parse(await readLimited(file));
  } catch (error) {
    throw new ValidationError(`filer profile ${file} is not JSON`, [{ field: file, reason: error instanceof Error ? error.message : String(error) }]);
  }
  const parsed = FilerProfileSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError(`filer profile ${file} is invalid`, parsed.error.issues.map((i) => ({ field: `profile.${i.path.join('.')}`, reason: i.message })));
  return parsed.data;
}

function failure(result: Extract<PrepareResult, { ok: false }>): ValidationError {
  const headline = result.stage === 'check' ? 'the case lacks what the report needs; nothing was written' : 'the rendered report does not validate against its official schema; nothing was written';
  return new ValidationError(headline, result.issues.map((i) => ({
    field: [i.caseId, i.field].filter(Boolean).join(': '),
    reason: [i.reason, i.xsdPath ? `(XSD: ${i.xsdPath})` : '', i.line ? `(line ${i.line})` : ''].filter(Boolean).join(' '),
  })));
}

/** Writes next to the target then renames, so a reader never sees half a report. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}

async function runReport(kind: ReportKind, options: ReportOptions): Promise<void> {
  if (!options.case && !options.caseFile) throw new ValidationError('which case? pass --case ID (from the store) or --case-file FILE', [{ field: '--case', reason: 'required' }]);
  const profile = await loadProfile(options.profile);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ValidationError('--date must be YYYY-MM-DD', [{ field: '--date', reason: `'${date}'` }]);
  const render = async (cases: Case[]) => {
    const result = await prepareReport(kind, cases, profile, { date });
    if (!result.ok) throw failure(result);
    await writeAtomically(options.out, result.report.content);
    process.stdout.write(`${options.out}: ${result.report.kind} for ${cases.map((c) => c.id).join(', ')}, valid against ${result.report.validatedAgainst}, sha256 ${result.report.sha256}\n`);
    if (kind.startsWith('uif-')) process.stdout.write(`file name for the UIF: ${result.report.fileName}\n`);
    return result.report;
  };
  if (options.caseFile) {
    if (options.file) throw new ValidationError('--file marks a stored case filed; it cannot be used with --case-file', [{ field: '--file', reason: 'use --case ID' }]);
    await render(await readCaseFile(options.caseFile));
    return;
  }
  const actor = options.file ? actorOf(options) : undefined;
  await withCases(options, async (repository) => {
    const kase = await repository.get(options.case!);
    const report = await render([kase]);
    if (actor !== undefined) {
      const document = report.documents[0]!;
      await repository.apply(kase.id, (current) => recordFiling(current, document, { actor, now: new Date().toISOString() }));
      process.stdout.write(`${kase.id}: marked filed (batch ${document.batchId}, reference ${document.batchReference})\n`);
    }
  });
}

function reportCommand(parent: Command, name: string, description: string, kindOf: (options: ReportOptions) => ReportKind): void {
  withStoreOptions(parent.command(name))
    .description(description)
    .option('--case <id>', 'the case, from the store')
    .option('--case-file <file>', 'or a case (or array of cases) as JSON, rendered into one batch')
    .requiredOption('--out <file>', 'where to write the report')
    .option('--profile <file>', 'filer profile JSON (default FRONTERA_FILER_PROFILE)')
    .option('--date <yyyy-mm-dd>', 'filing date (default today)')
    .option('--file', 'mark the stored case filed once the report validates (needs four-eyes approval)')
    .option('--actor <user>', 'who files (default FRONTERA_USER)')
    .action(async (options: ReportOptions) => runReport(kindOf(options), options));
}

const UIF_KINDS = { inusual: 'uif-inusual', relevante: 'uif-relevante', 'interna-preocupante': 'uif-interna-preocupante' } as const;

export function register(program: Command): void {
  const report = program.command('report').description('regulatory reports rendered from cases and validated against the official schemas');
  reportCommand(report, 'sar', 'FinCEN SAR XML batch (BSA E-Filing)', () => 'sar');
  reportCommand(report, 'ctr', 'FinCEN CTR XML batch from the daily cash aggregation (> USD 10,000 per person per day)', () => 'ctr');
  reportCommand(report, 'goaml', 'goAML 5.0.2 STR XML', () => 'goaml');
  reportCommand(report, 'av', 'SAT Actividades Vulnerables notice (vehicles, VEH)', () => 'av');
  const uif = report.commands.length;
  reportCommand(report, 'uif', 'Mexico UIF bank report (41-field layout): --kind inusual (default), relevante or interna-preocupante', (options) => {
    const kind = options.kind ?? 'inusual';
    if (!(kind in UIF_KINDS)) throw new ValidationError(`unknown UIF report kind '${kind}'`, [{ field: '--kind', reason: `must be one of ${Object.keys(UIF_KINDS).join(', ')}` }]);
    return UIF_KINDS[kind as keyof typeof UIF_KINDS];
  });
  report.commands[uif]!.option('--kind <kind>', 'inusual, relevante or interna-preocupante');

  report
    .command('validate')
    .description('detect a report file’s format and validate it against the right official schema')
    .argument('<file>')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await validateReportFile(await readLimited(file));
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.valid) process.stdout.write(`${file}: valid ${result.kind?.description} (${result.validatedAgainst})\n`);
      if (!result.valid) {
        throw new ValidationError(`${file}: ${result.kind ? `invalid ${result.kind.description} (${result.validatedAgainst})` : 'unrecognised format'}`, result.issues.map((i) => ({
          field: i.xsdPath ?? i.field,
          reason: `${i.line ? `line ${i.line}: ` : ''}${i.reason}`,
        })));
      }
    });

  withStoreOptions(report.command('ack'))
    .description('import a FinCEN batch acknowledgement: BSA IDs and errors go back onto the filed cases')
    .argument('<file>')
    .requiredOption('--batch <id>', 'the batch id the cases were filed under (shown by report --file)')
    .option('--actor <user>', 'who imports (default FRONTERA_USER)')
    .action(async (file: string, options: StoreOptions & { batch: string; actor?: string }) => {
      const actor = actorOf(options);
      const parsed = parseFincenAcknowledgement(await readLimited(file));
      if (!parsed.ok) throw new ValidationError(`${file} is not a FinCEN acknowledgement`, parsed.issues);
      await withCases(options, async (repository) => {
        const filed = (await repository.list({ limit: 10_000 })).filter((c) => c.filings.some((f) => f.batchId === options.batch));
        let matched = 0;
        for (const activity of parsed.value.activities) {
          const kase = filed.find((c) => c.filings.some((f) => f.batchId === options.batch && f.batchReference === activity.activitySeqNum));
          if (!kase) {
            process.stderr.write(`activity ${activity.activitySeqNum}: no case filed in batch ${options.batch} at that position\n`);
            continue;
          }
          await repository.apply(kase.id, (current) => applyAcknowledgement(current, { batchId: options.batch, batchReference: activity.activitySeqNum, ...(activity.bsaId ? { regulatorFilingId: activity.bsaId } : {}), status: activity.status, messages: activity.messages }, { actor, now: new Date().toISOString() }));
          matched++;
          process.stdout.write(`${kase.id}: ${activity.status}${activity.bsaId ? ` BSA ID ${activity.bsaId}` : ''}${activity.messages.length ? ` (${activity.messages.length} message(s))` : ''}\n`);
        }
        if (matched < parsed.value.activities.length) throw new ValidationError(`${parsed.value.activities.length - matched} acknowledged activit(ies) matched no case`);
      });
    });

  withStoreOptions(report.command('uif-ack'))
    .description('import the UIF acuse of a UIF report file: the reception folio and per-record observations go onto the filed cases; bad lines are quarantined')
    .argument('<file>')
    .requiredOption('--batch <id>', 'the batch id the cases were filed under (shown by report --file)')
    .option('--quarantine <file>', 'write quarantined acuse lines here as JSON Lines (default: listed on stderr)')
    .option('--actor <user>', 'who imports (default FRONTERA_USER)')
    .action(async (file: string, options: StoreOptions & { batch: string; actor?: string; quarantine?: string }) => {
      const actor = actorOf(options);
      const parsed = parseUifAcknowledgement(await readLimited(file));
      if (options.quarantine) await writeAtomically(options.quarantine, parsed.quarantined.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      else for (const entry of parsed.quarantined) process.stderr.write(`quarantined line ${entry.line}: ${entry.reason}\n`);
      if (!parsed.ok) throw new ValidationError(`${file} is not a UIF acuse`, parsed.quarantined.map((entry) => ({ field: `line ${entry.line}`, reason: entry.reason })));
      const ack = parsed.value;
      await withCases(options, async (repository) => {
        const filed = (await repository.list({ limit: 10_000 })).filter((c) => c.filings.some((f) => f.batchId === options.batch && f.format.startsWith('uif-')));
        if (filed.length === 0) throw new ValidationError(`no case was filed as a UIF report in batch ${options.batch}`, [{ field: '--batch', reason: 'unknown UIF batch' }]);
        const filings = filed.flatMap((c) => c.filings.filter((f) => f.batchId === options.batch && f.batchReference !== undefined).map((f) => ({ caseId: c.id, batchReference: f.batchReference! })));
        const { cases, unmatched } = uifAcknowledgementsByCase(ack, filings);
        for (const entry of cases) {
          await repository.apply(entry.caseId, (current) => applyAcknowledgement(current, { batchId: options.batch, batchReference: entry.batchReference, regulatorFilingId: entry.regulatorFilingId, status: entry.status, messages: entry.messages }, { actor, now: new Date().toISOString() }));
          process.stdout.write(`${entry.caseId}: ${entry.status} UIF folio ${entry.regulatorFilingId}${entry.messages.length ? ` (${entry.messages.length} message(s))` : ''}\n`);
        }
        process.stdout.write(`${cases.length} case(s) acknowledged from ${ack.fileName}${parsed.quarantined.length ? `; ${parsed.quarantined.length} line(s) quarantined` : ''}\n`);
        if (unmatched.length > 0) throw new ValidationError(`${unmatched.length} acknowledged record(s) matched no case of batch ${options.batch}`, unmatched.map((record) => ({ field: `line ${record.line}`, reason: `folio ${record.folio} precedes every case's first folio` })));
      });
    });
}
