import { DEFAULT_RATES, type RateTable } from '../domain/index.ts';
import { sha256Hex, type Case, type ReportFormat, type ValidatedDocument } from '../cases/index.ts';
import type { XmlIssue } from '../xml/index.ts';
import type { FilerProfile } from './profile.ts';
import type { CheckResult, ReportIssue } from './issues.ts';
import { checkSarCase, renderSarBatch } from './fincen/sar.ts';
import { checkCtrCase, renderCtrBatch } from './fincen/ctr.ts';
import { checkGoamlCase, renderGoamlStr } from './goaml/str.ts';
import { checkVehicleNotice, renderVehicleNotices } from './mx-av/veh.ts';
import { checkUifCase, renderUifReport } from './mx-uif/render.ts';
import { validateUifReport, type UifReportKind } from './mx-uif/layout.ts';
import { AV_ACTIVITIES, validateAgainstOfficial, type AvActivity, type SchemaKey } from './schemas.ts';

export const REPORT_KINDS = ['sar', 'ctr', 'uif-relevante', 'uif-inusual', 'uif-interna-preocupante', 'av', 'goaml'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const FORMAT_OF: Record<ReportKind, ReportFormat> = {
  sar: 'fincen-sar', ctr: 'fincen-ctr', 'uif-relevante': 'uif-relevante', 'uif-inusual': 'uif-inusual', 'uif-interna-preocupante': 'uif-interna-preocupante', av: 'sat-av', goaml: 'goaml-str',
};

export type PreparedReport = {
  kind: ReportKind;
  content: string;
  /** The file name the regulator expects, where it prescribes one (UIF); otherwise a suggestion. */
  fileName: string;
  sha256: string;
  validatedAgainst: string;
  /** One per case, ready for `recordFiling`. */
  documents: Array<{ caseId: string } & ValidatedDocument>;
};

export type PrepareResult =
  | { ok: true; report: PreparedReport }
  | { ok: false; stage: 'check' | 'validate'; issues: Array<ReportIssue & { caseId?: string; line?: number | null }> };

export type PrepareOptions = { date: string; rates?: RateTable; batchId?: string };

/** Runs the pre-render check of a kind on one case. */
export function checkCase(kind: ReportKind, kase: Case, profile: FilerProfile, rates: RateTable = DEFAULT_RATES): CheckResult {
  switch (kind) {
    case 'sar': return checkSarCase(kase);
    case 'ctr': return checkCtrCase(kase, rates);
    case 'goaml': return checkGoamlCase(kase, profile);
    case 'av': return checkVehicleNotice(kase, profile);
    case 'uif-relevante': return checkUifCase(kase, profile, 'relevante', rates);
    case 'uif-inusual': return checkUifCase(kase, profile, 'inusual', rates);
    case 'uif-interna-preocupante': return checkUifCase(kase, profile, 'interna-preocupante', rates);
  }
}

function xmlIssues(issues: readonly XmlIssue[]): Array<ReportIssue & { line: number | null }> {
  return issues.map((i) => ({ field: i.path ?? '(document)', reason: i.message, line: i.line, ...(i.xsdPath ? { xsdPath: i.xsdPath } : {}) }));
}

/**
 * Checks every case, renders one document, validates it against its official schema (the UIF
 * layout for UIF reports) and returns it with the proof `recordFiling` needs. Any missing field
 * stops before rendering with the full list; an invalid document is never returned.
 * @example
 * const result = await prepareReport('sar', [kase], profile, { date: '2026-03-02' });
 * if (!result.ok) for (const issue of result.issues) console.log(issue.caseId, issue.field, issue.reason, issue.xsdPath);
 */
export async function prepareReport(kind: ReportKind, cases: readonly Case[], profile: FilerProfile, options: PrepareOptions): Promise<PrepareResult> {
  const rates = options.rates ?? DEFAULT_RATES;
  if (cases.length === 0) return { ok: false, stage: 'check', issues: [{ field: 'cases', reason: 'no case to report' }] };
  const issues = cases.flatMap((kase) => {
    const checked = checkCase(kind, kase, profile, rates);
    return checked.ok ? [] : checked.issues.map((issue) => ({ caseId: kase.id, ...issue }));
  });
  if (issues.length > 0) return { ok: false, stage: 'check', issues };
  const batchId = options.batchId ?? `${kind}-${options.date.slice(0, 10)}-${cases[0]!.id}`;
  const compactDate = options.date.slice(0, 10).replace(/-/g, '');
  let content: string;
  let fileName: string;
  let references: string[];
  let schemaKey: SchemaKey | null = null;
  switch (kind) {
    case 'sar': {
      const rendered = renderSarBatch(cases, profile, { filingDate: options.date, rates });
      content = rendered.xml;
      fileName = `SARX-${compactDate}-${cases[0]!.id}.xml`;
      references = rendered.activitySeqNums.map(String);
      schemaKey = 'fincen-sar';
      break;
    }
    case 'ctr': {
      const rendered = renderCtrBatch(cases, profile, { filingDate: options.date, rates });
      content = rendered.xml;
      fileName = `CTRX-${compactDate}-${cases[0]!.id}.xml`;
      references = rendered.activitySeqNums.map(String);
      schemaKey = 'fincen-ctr';
      break;
    }
    case 'goaml': {
      if (cases.length !== 1) return { ok: false, stage: 'check', issues: [{ field: 'cases', reason: 'a goAML report holds one case' }] };
      content = renderGoamlStr(cases[0]!, profile, { submissionDate: options.date, rates });
      fileName = `STR-${cases[0]!.id}.xml`;
      references = [cases[0]!.id];
      schemaKey = 'goaml';
      break;
    }
    case 'av': {
      const month = cases[0]!.vulnerableActivity!.operationDate.slice(0, 7);
      content = renderVehicleNotices(cases, profile, { reportedMonth: month });
      fileName = `VEH-${month.replace('-', '')}-${profile.mexico!.rfc}.xml`;
      references = cases.map((kase) => kase.id);
      schemaKey = 'sat-av-veh';
      break;
    }
    default: {
      const uifKind = kind.slice(4) as UifReportKind;
      const rendered = renderUifReport(uifKind, cases, profile, { period: options.date, rates });
      const layoutIssues = validateUifReport(rendered.content, uifKind);
      if (layoutIssues.length > 0) return { ok: false, stage: 'validate', issues: layoutIssues.map((i) => ({ field: i.field, reason: i.reason, line: i.line })) };
      content = rendered.content;
      fileName = rendered.fileName;
      references = cases.map((kase) => rendered.folios.find((f) => f.caseId === kase.id)?.folio ?? '');
    }
  }
  let validatedAgainst = 'UIF 41-field bank layout (src/reports/mx-uif/layout.ts)';
  if (schemaKey !== null) {
    const { schemaName, results } = await validateAgainstOfficial(schemaKey, [content]);
    const result = results[0]!;
    if (!result.valid) return { ok: false, stage: 'validate', issues: xmlIssues(result.issues) };
    validatedAgainst = schemaName;
  }
  const sha256 = sha256Hex(new TextEncoder().encode(content));
  return {
    ok: true,
    report: {
      kind,
      content,
      fileName,
      sha256,
      validatedAgainst,
      documents: cases.map((kase, index) => ({ caseId: kase.id, format: FORMAT_OF[kind], documentSha256: sha256, validatedAgainst, valid: true as const, batchId, batchReference: references[index]! })),
    },
  };
}

export type DetectedKind = { kind: 'fincen-sar' | 'fincen-ctr' | 'goaml' | `sat-av-${AvActivity}` | `uif-${UifReportKind}`; description: string };

/** How much of a file's beginning may hold its root element (after the XML declaration and comments). */
const ROOT_SEARCH_CHARS = 16_384;

/**
 * The root element of an XML text read from its start tag alone (no parse of the whole document):
 * local name and the namespace its prefix (or the default) is bound to there.
 */
function rootElementOf(content: string): { localName: string; namespace: string } | null {
  const head = content.slice(0, ROOT_SEARCH_CHARS).replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  // `<!DOCTYPE …>` does not match a name start, so the first match is the root; DTDs are refused later, when the file is read.
  const tag = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(head);
  if (!tag) return null;
  const [prefix, localName] = tag[2] === undefined ? ['', tag[1]!] : [tag[1]!, tag[2]];
  const attribute = prefix ? `xmlns:${prefix}` : 'xmlns';
  const declared = new RegExp(`\\s${attribute.replaceAll('.', '\\.')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag[3] ?? '');
  return { localName, namespace: declared ? (declared[1] ?? declared[2] ?? '') : '' };
}

/**
 * Tells which regulatory format a file is, from its root element and, for FinCEN batches, its form
 * type code: FinCEN SAR or CTR batch, goAML report, SAT Actividades Vulnerables notice (by its
 * namespace), or a UIF bank layout text file. Cheap (no full parse), so intake can run it on every
 * file; validation against the official schema follows.
 * @example detectReportKind(xml)?.kind === 'fincen-sar'
 */
export function detectReportKind(content: string): DetectedKind | null {
  const trimmed = content.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('<')) {
    const first = trimmed.slice(0, trimmed.indexOf('\n') === -1 ? undefined : trimmed.indexOf('\n'));
    const fields = first.split(';');
    if (fields.length === 41) {
      const kind = ({ '1': 'relevante', '2': 'inusual', '3': 'interna-preocupante' } as const)[fields[0] as '1' | '2' | '3'];
      const names = { relevante: 'operaciones relevantes', inusual: 'operaciones inusuales', 'interna-preocupante': 'operaciones internas preocupantes' } as const;
      if (kind) return { kind: `uif-${kind}`, description: `UIF report of ${names[kind]} (41-field bank layout)` };
    }
    return null;
  }
  const root = rootElementOf(trimmed);
  if (root === null) return null;
  if (root.localName === 'EFilingBatchXML') {
    // The batch's form type code normally comes first, but a filer's file may place it after the activities.
    const form = /<(?:[\w.-]+:)?FormTypeCode>\s*(SARX|CTRX)\s*</.exec(trimmed)?.[1];
    if (form === 'SARX') return { kind: 'fincen-sar', description: 'FinCEN SAR XML batch' };
    if (form === 'CTRX') return { kind: 'fincen-ctr', description: 'FinCEN CTR XML batch' };
    return null;
  }
  if (root.localName === 'report' && root.namespace === '') return { kind: 'goaml', description: 'goAML report' };
  if (root.localName === 'archivo') {
    const code = /^http:\/\/www\.uif\.shcp\.gob\.mx\/recepcion\/([a-z0-9]+)$/.exec(root.namespace)?.[1];
    const activity = code === 'spr' ? 'spr2' : code;
    if (activity && (AV_ACTIVITIES as readonly string[]).includes(activity)) return { kind: `sat-av-${activity as AvActivity}`, description: `SAT Actividades Vulnerables notice (${code!.toUpperCase()})` };
  }
  return null;
}

export type FileValidation = { kind: DetectedKind | null; valid: boolean; validatedAgainst: string | null; issues: Array<{ line: number | null; field: string; reason: string; xsdPath?: string }> };

/**
 * Detects a file's format and validates it against the right official schema.
 * @example const { valid, issues } = await validateReportFile(text);
 */
export async function validateReportFile(content: string): Promise<FileValidation> {
  const kind = detectReportKind(content);
  if (!kind) return { kind: null, valid: false, validatedAgainst: null, issues: [{ line: null, field: '(file)', reason: 'not a recognised report: expected a FinCEN SAR/CTR batch, a goAML report, a SAT Actividades Vulnerables notice or a UIF bank layout file' }] };
  if (kind.kind.startsWith('uif-')) {
    const issues = validateUifReport(content, kind.kind.slice(4) as UifReportKind);
    return { kind, valid: issues.length === 0, validatedAgainst: 'UIF 41-field bank layout', issues: issues.map((i) => ({ line: i.line, field: i.field, reason: i.reason })) };
  }
  const { schemaName, results } = await validateAgainstOfficial(kind.kind as SchemaKey, [content]);
  const result = results[0]!;
  return { kind, valid: result.valid, validatedAgainst: schemaName, issues: xmlIssues(result.issues) };
}
