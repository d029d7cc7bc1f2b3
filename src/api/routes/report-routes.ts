import { z } from 'zod';
import { draftNarrative, editNarrative, recordFiling, type ActionContext } from '../../cases/index.ts';
import { ConflictError } from '../../errors.ts';
import { prepareReport, REPORT_KINDS } from '../../reports/index.ts';
import { allow } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import { createReportDocuments, reportSummary, ReportSummarySchema } from '../report-documents.ts';
import type { RouteContext } from '../route-context.ts';

export const REPORT_ROLES = allow('institution_analyst', 'institution_approver');
const FILING_ROLES = allow('institution_approver');

/**
 * Narrative drafting, report rendering with validation against the official schema, preview,
 * download of exactly the validated bytes, and filing (approver only, after four-eyes approval).
 */
export function registerReportRoutes({ app, db, services, now }: RouteContext): void {
  const cases = services.cases;
  const profile = services.filerProfile;
  if (!cases || !profile) return;
  const documents = createReportDocuments(db);
  const context = (actor: string): ActionContext => ({ actor, now: now().toISOString() });
  const CaseIdParams = z.object({ caseId: z.string().min(1).max(64) });
  const ReportIdParams = z.object({ reportId: z.string().min(1).max(64) });

  app.route({
    method: 'POST',
    url: '/api/v1/cases/:caseId/narrative',
    config: { access: REPORT_ROLES },
    schema: {
      summary: 'Set the case narrative; without text, a draft is written from the case (alerts, amounts, typology red flags)',
      tags: ['reports'],
      params: CaseIdParams,
      body: z.object({ language: z.enum(['en', 'es']), text: z.string().min(1).max(17000).optional() }),
      response: { 200: z.object({ caseId: z.string(), language: z.enum(['en', 'es']), text: z.string() }), 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: async (request) => {
      const { language, text } = request.body;
      const { value } = await cases.apply(request.params.caseId, (kase) =>
        editNarrative(kase, language, text ?? draftNarrative(kase, language, { institutionName: profile.filingInstitution.name }), context(request.principal!.name)),
      );
      return { caseId: value.id, language, text: value.narrative[language] ?? '' };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/cases/:caseId/reports',
    config: { access: REPORT_ROLES },
    schema: {
      summary: 'Render a report from the case and validate it against the official schema; answers with the result either way',
      tags: ['reports'],
      params: CaseIdParams,
      body: z.object({ kind: z.enum(REPORT_KINDS).default('sar') }),
      response: { 201: ReportSummarySchema, 404: ProblemSchema },
    },
    handler: async (request, reply) => {
      const kase = await cases.get(request.params.caseId);
      const at = now().toISOString();
      const result = await prepareReport(request.body.kind, [kase], profile, { date: at.slice(0, 10) });
      const base = { caseId: kase.id, format: request.body.kind, createdBy: request.principal!.name, createdAt: at };
      const saved = result.ok
        ? await documents.save({
            ...base,
            valid: true,
            issues: [],
            content: result.report.content,
            fileName: result.report.fileName,
            sha256: result.report.sha256,
            validatedAgainst: result.report.validatedAgainst,
            batchId: result.report.documents[0]?.batchId ?? null,
            batchReference: result.report.documents[0]?.batchReference ?? null,
          })
        : await documents.save({
            ...base,
            valid: false,
            issues: result.issues.map((issue) => ({ field: issue.field, reason: issue.reason, ...(issue.line === undefined ? {} : { line: issue.line }), ...(issue.xsdPath ? { xsdPath: issue.xsdPath } : {}) })),
            content: null,
            fileName: null,
            sha256: null,
            validatedAgainst: null,
            batchId: null,
            batchReference: null,
          });
      await services.audit?.append({
        time: at,
        actor: request.principal!.name,
        action: 'report.rendered',
        subject: { kind: 'report', id: saved.id },
        details: { caseId: kase.id, kind: request.body.kind, valid: saved.valid, issues: saved.issues.length, sha256: saved.sha256 },
      });
      return reply.code(201).send(reportSummary(saved));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/reports',
    config: { access: REPORT_ROLES },
    schema: {
      summary: 'Reports drafted, newest first',
      tags: ['reports'],
      querystring: z.object({ caseId: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ reports: z.array(ReportSummarySchema) }) },
    },
    handler: async (request) => ({ reports: (await documents.list({ ...(request.query.caseId ? { caseId: request.query.caseId } : {}), limit: request.query.limit })).map(reportSummary) }),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/reports/:reportId',
    config: { access: REPORT_ROLES },
    schema: {
      summary: 'A report with its validation status and a preview of the document',
      tags: ['reports'],
      params: ReportIdParams,
      response: { 200: z.object({ report: ReportSummarySchema, preview: z.string() }), 404: ProblemSchema },
    },
    handler: async (request) => {
      const report = await documents.get(request.params.reportId);
      return { report: reportSummary(report), preview: report.content ?? '' };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/reports/:reportId/download',
    config: { access: REPORT_ROLES },
    schema: {
      summary: 'Download the document exactly as validated',
      tags: ['reports'],
      params: ReportIdParams,
      produces: ['application/xml', 'text/plain'],
      response: { 200: z.string(), 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: async (request, reply) => {
      const report = await documents.get(request.params.reportId);
      if (!report.valid || report.content === null) throw new ConflictError(`report ${report.id} did not validate; there is nothing to download`, { reportId: report.id });
      await services.audit?.append({ time: now().toISOString(), actor: request.principal!.name, action: 'report.downloaded', subject: { kind: 'report', id: report.id }, details: { sha256: report.sha256 } });
      const fileName = (report.fileName ?? `${report.id}.xml`).replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .type(fileName.endsWith('.xml') ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('x-content-sha256', report.sha256 ?? '')
        .send(report.content);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/reports/:reportId/file',
    config: { access: FILING_ROLES },
    schema: {
      summary: 'Record the validated report as filed on its case (requires four-eyes approval)',
      tags: ['reports'],
      params: ReportIdParams,
      body: z.object({}),
      response: { 200: z.object({ caseId: z.string(), status: z.string() }), 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: async (request) => {
      const report = await documents.get(request.params.reportId);
      if (!report.valid || report.sha256 === null || report.validatedAgainst === null) throw new ConflictError(`report ${report.id} did not validate and cannot be filed`, { reportId: report.id });
      const format = ({ sar: 'fincen-sar', ctr: 'fincen-ctr', goaml: 'goaml-str', av: 'sat-av' } as Record<string, string>)[report.format] ?? report.format;
      const { value } = await cases.apply(report.caseId, (kase) =>
        recordFiling(
          kase,
          {
            format: format as Parameters<typeof recordFiling>[1]['format'],
            documentSha256: report.sha256!,
            validatedAgainst: report.validatedAgainst!,
            valid: true,
            ...(report.batchId ? { batchId: report.batchId } : {}),
            ...(report.batchReference ? { batchReference: report.batchReference } : {}),
          },
          context(request.principal!.name),
        ),
      );
      return { caseId: value.id, status: value.status };
    },
  });
}
