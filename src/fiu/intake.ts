import { detectReportKind, validateUifReport } from '../reports/index.ts';
import type { XmlIssue } from '../xml/index.ts';
import { validateOfficialXml } from './xsd-validation.ts';
import { parseFincenBatch, parseGoamlReport, parseUifFile, type ParsedFile } from './parse-formats.ts';
import { FiuReportSchema, type Acknowledgement, type FiuReport, type FiuReportKind, type IntakeError } from './records.ts';

/** 32 MiB per received file, the same ceiling the XML reader enforces. */
export const MAX_INTAKE_FILE_BYTES = 32 * 1024 * 1024;

export type ReceiveFileInput = {
  content: string;
  fileName: string;
  /** Who filed: the authenticated institution's key. */
  filerId: string;
  /** Hub-assigned, unique (e.g. a UUID or the file's SHA-256); report ids derive from it. */
  fileId: string;
  /** ISO timestamp supplied by the caller (the core reads no clock). */
  receivedAt: string;
};

export type IntakeResult = {
  acknowledgement: Acknowledgement;
  /** Accepted reports, normalised. */
  reports: FiuReport[];
  /** Rejected reports' sequences with their errors, for the quarantine. */
  rejected: Array<{ sequence: number | null; errors: IntakeError[] }>;
};

function sequenceOfLine(lineStarts: readonly number[], line: number | null): number | null {
  if (line === null || lineStarts.length === 0 || line < lineStarts[0]!) return null;
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= line) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** `/EFilingBatchXML/Activity[3]/Party[2]` → 3: the XSD path names the report even without a line. */
function sequenceOfPath(path: string | null): number | null {
  const match = path === null ? null : /\/Activity\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : null;
}

type Validation = {
  validatedAgainst: string;
  /** False when the text is not XML the readers may touch (not well-formed, a DOCTYPE, too large). */
  readable: boolean;
  issues: Array<{ line: number | null; field: string; reason: string; xsdPath?: string }>;
};

/**
 * The hub's kind of a received file, by the one format detection of src/reports (root element,
 * FinCEN form type code, the UIF layout's first field, without parsing the whole file);
 * validation then decides whether the file is what it claims. SAT notices are recognised so
 * that the filer is told where they go.
 * @example sniffKind('<report>…') === 'goaml'
 */
export function sniffKind(content: string): FiuReportKind | 'sat-av' | null {
  const detected = detectReportKind(content)?.kind;
  if (detected === undefined) return null;
  return detected.startsWith('sat-av-') ? 'sat-av' : (detected as FiuReportKind);
}

function xmlIssues(issues: readonly XmlIssue[]): Validation['issues'] {
  return issues.map((issue) => ({ line: issue.line, field: issue.path ?? '(document)', reason: issue.message, ...(issue.xsdPath ? { xsdPath: issue.xsdPath } : {}) }));
}

async function validate(content: string, kind: FiuReportKind, maxBytes: number): Promise<Validation> {
  if (kind !== 'fincen-sar' && kind !== 'fincen-ctr' && kind !== 'goaml') {
    const issues = validateUifReport(content, kind === 'uif-relevante' ? 'relevante' : kind === 'uif-inusual' ? 'inusual' : 'interna-preocupante');
    return { validatedAgainst: 'UIF 41-field bank layout', readable: true, issues: issues.map((issue) => ({ line: issue.line, field: issue.field, reason: issue.reason })) };
  }
  const { schemaName, readable, issues } = await validateOfficialXml(kind, content, maxBytes);
  return { validatedAgainst: schemaName, readable, issues: xmlIssues(issues) };
}

/**
 * Receives one filed file: size limit, format detection, validation against the official XSD
 * (or the UIF layout), normalisation, and the acknowledgement listing every accepted report and
 * every error with its location. A file-level error rejects the whole file (fail closed); a
 * report-level error rejects only that report.
 * @example
 * const { acknowledgement, reports } = await receiveFile({ content, fileName: 'sar.xml', filerId: 'EIN:741234568', fileId: 'f-1', receivedAt: '2026-03-02T10:00:00Z' });
 * acknowledgement.status // 'accepted' | 'partially_accepted' | 'rejected'
 */
export async function receiveFile(input: ReceiveFileInput, options: { maxBytes?: number } = {}): Promise<IntakeResult> {
  const maxBytes = options.maxBytes ?? MAX_INTAKE_FILE_BYTES;
  const base = { fileId: input.fileId, fileName: input.fileName, filerId: input.filerId, receivedAt: input.receivedAt };
  const reject = (errors: IntakeError[], detectedKind: FiuReportKind | null = null, validatedAgainst: string | null = null, reportCount = 0): IntakeResult => ({
    acknowledgement: { ...base, detectedKind, validatedAgainst, status: 'rejected', reportCount, accepted: [], errors },
    reports: [],
    rejected: [{ sequence: null, errors }],
  });
  const bytes = Buffer.byteLength(input.content, 'utf8');
  if (bytes > maxBytes) return reject([{ sequence: null, filerReference: null, line: null, location: '(file)', reason: `file is ${bytes} bytes, above the limit of ${maxBytes}` }]);
  const detected = sniffKind(input.content);
  if (detected === null || detected === 'sat-av') {
    const reason = detected === null ? 'not a recognised report: expected a FinCEN SAR/CTR batch, a goAML report or a UIF bank layout file' : 'SAT Actividades Vulnerables notices are filed through the SAT portal, not this hub';
    return reject([{ sequence: null, filerReference: null, line: null, location: '(file)', reason }]);
  }
  const kind = detected;
  const validation = await validate(input.content, kind, maxBytes);
  if (!validation.readable) {
    return reject(validation.issues.map((issue) => ({ sequence: null, filerReference: null, line: issue.line, location: issue.field, reason: issue.reason })), kind, validation.validatedAgainst);
  }
  // Readers run only on text libxml2 found well-formed and free of DTDs.
  const parsed: ParsedFile = kind === 'fincen-sar' || kind === 'fincen-ctr' ? parseFincenBatch(input.content, input.fileId, kind, { wellFormed: true }) : kind === 'goaml' ? parseGoamlReport(input.content, input.fileId, { wellFormed: true }) : parseUifFile(input.content, input.fileId);
  const errors: IntakeError[] = [...parsed.errors];
  for (const issue of validation.issues) {
    const sequence = kind === 'goaml' ? 1 : sequenceOfPath(issue.field) ?? sequenceOfLine(parsed.lineStarts, issue.line);
    errors.push({ sequence, filerReference: null, line: issue.line, location: issue.xsdPath ?? issue.field, reason: issue.reason });
  }
  const reportCount = Math.max(parsed.reports.length, parsed.lineStarts.length);
  const referenceOf = new Map(parsed.reports.map((report) => [report.sequence, report.filerReference]));
  for (const error of errors) if (error.sequence !== null) error.filerReference ??= referenceOf.get(error.sequence) ?? null;
  // A report the reader produced must also satisfy the hub's own schema before it is accepted.
  const schemaChecked: FiuReport[] = [];
  for (const report of parsed.reports) {
    const checked = FiuReportSchema.safeParse(report);
    if (checked.success) schemaChecked.push(checked.data);
    else for (const issue of checked.error.issues) errors.push({ sequence: report.sequence, filerReference: report.filerReference, line: parsed.lineStarts[report.sequence - 1] ?? null, location: issue.path.join('.'), reason: issue.message });
  }
  if (errors.some((error) => error.sequence === null)) return reject(errors, kind, validation.validatedAgainst, reportCount);
  const failed = new Set(errors.map((error) => error.sequence));
  const reports = schemaChecked.filter((report) => !failed.has(report.sequence));
  const rejected = [...failed].sort((a, b) => (a ?? 0) - (b ?? 0)).map((sequence) => ({ sequence, errors: errors.filter((error) => error.sequence === sequence) }));
  const status = reports.length === 0 ? 'rejected' : rejected.length === 0 ? 'accepted' : 'partially_accepted';
  return {
    acknowledgement: { ...base, detectedKind: kind, validatedAgainst: validation.validatedAgainst, status, reportCount, accepted: reports.map((report) => ({ sequence: report.sequence, reportId: report.reportId, filerReference: report.filerReference })), errors },
    reports,
    rejected,
  };
}
