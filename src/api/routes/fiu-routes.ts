import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NewUserSchema, UserSchema, type Principal } from '../../auth/index.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { fiuExchangeRoutes, FiuReportKindSchema, ListSubjectSchema, MAX_INTAKE_FILE_BYTES, receiveFile, SubjectResultSchema } from '../../fiu/index.ts';
import { allow, publicAccess } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';

/** Hub parties as API roles: filing institutions, the FIU, law enforcement, and who administers agencies. */
export const FIU_FILER_ROLES = allow('institution_analyst', 'institution_approver');
export const FIU_ANALYST_ROLES = allow('fiu_analyst', 'fiu_supervisor');
export const FIU_INVESTIGATOR_ROLES = allow('law_enforcement_investigator');
export const FIU_AGENCY_ADMIN_ROLES = allow('administrator', 'fiu_supervisor');
export const FIU_AGENCY_READ_ROLES = allow('fiu_analyst', 'fiu_supervisor', 'administrator');

const id = (max: number) => z.string().min(1).max(max);
const Bilingual = z.object({ en: z.string().trim().min(1).max(300), es: z.string().trim().min(1).max(300) });
/** The same rule as the dissemination service's, stated here so a missing purpose is a 400 naming `purpose` before any work. */
const Purpose = z
  .string({ error: 'required: declare the purpose of this search or view (at least 10 characters)' })
  .trim()
  .min(10, 'declare the purpose of the search (at least 10 characters)')
  .max(500);

const IntakeBody = z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(1).max(MAX_INTAKE_FILE_BYTES) });
const MergeBody = z.object({ entityA: id(64), entityB: id(64), reason: z.string().trim().min(5).max(1000) });
const SplitBody = z.object({ mentionIds: z.array(id(200)).min(1).max(1000), reason: z.string().trim().min(5).max(1000) });
const DecisionBody = z.object({ reportId: id(200), outcome: z.enum(['useful', 'not_useful']) });
const DisseminateBody = z.object({
  agencyId: id(64),
  title: z.string().trim().min(1).max(300),
  analysis: z.string().max(50_000),
  reportIds: z.array(id(200)).min(1).max(5000),
  entityIds: z.array(id(64)).max(5000).default([]),
});
const FeedbackBody = z.object({ subject: Bilingual, body: z.string().trim().min(1).max(20_000) });
const AdvisoryBody = z.object({ subject: Bilingual, body: z.string().trim().min(1).max(20_000), reference: z.string().trim().min(1).max(200) });
const SubjectListBody = z.object({
  title: z.string().trim().min(1).max(300),
  requestingAgency: id(64),
  subjects: z.array(ListSubjectSchema).min(1).max(5000),
  institutionIds: z.array(id(80)).min(1).max(10_000),
  respondBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
});
const SubjectListResultsBody = z.object({ results: z.array(SubjectResultSchema).min(1).max(5000) });
const AgencyBody = z.object({
  agencyId: z.string().min(2).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'),
  name: z.string().trim().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as MX or US'),
});
const InvestigatorBody = NewUserSchema.pick({ username: true, displayName: true, password: true });

const EntityParams = z.object({ entityId: id(64) });
const ReportParams = z.object({ reportId: id(200) });
const ListParams = z.object({ listId: id(100) });
const InstitutionParams = z.object({ institutionId: id(80) });
const AgencyParams = z.object({ agencyId: id(64) });

const ReportSummarySchema = z
  .object({
    reportId: z.string(),
    kind: FiuReportKindSchema,
    filerReference: z.string(),
    institution: z.object({ institutionId: z.string(), name: z.string() }),
    receivedAt: z.string(),
    filedOn: z.string().nullable(),
    activityFrom: z.string().nullable(),
    activityTo: z.string().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    categories: z.array(z.string()),
    subjectCount: z.number().int(),
    subjectNames: z.array(z.string()),
    disseminatedTo: z.array(z.string()),
  })
  .meta({ id: 'FiuReportSummary' });
const EntitySummarySchema = z.object({ entityId: z.string(), kind: z.string(), displayName: z.string(), mentionCount: z.number().int(), resolvedAt: z.string() }).meta({ id: 'FiuEntitySummary' });
const PackageSchema = z
  .object({ disseminationId: z.string(), agencyId: z.string(), title: z.string(), analysis: z.string(), createdBy: z.string(), createdAt: z.string(), reportIds: z.array(z.string()), entityIds: z.array(z.string()) })
  .meta({ id: 'FiuDisseminationPackage' });
const AgencySchema = z.object({ agencyId: z.string(), name: z.string(), country: z.string(), investigators: z.number().int() });
const Answer = z.unknown();
const Problems = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/**
 * The FIU hub (src/fiu) under `/api/fiu`: intake for filing institutions, entities, triage,
 * dissemination, feedback and subject lists for the FIU, purpose-bound reads for law
 * enforcement, agencies and their investigators. Routes parse, authorise and call the hub's
 * services; every write and every investigator read is audited by those services. The route
 * table with shapes is in docs/fiu.md.
 */
export async function registerFiuRoutes({ app, auth, services, now }: RouteContext): Promise<void> {
  const hub = services.fiu;
  if (!hub) return;
  const time = () => now().toISOString();
  const principalOf = (request: FastifyRequest): Principal => request.principal!;
  /** The filer is the caller's institution: a user of no institution files for nobody. */
  const filerOf = (request: FastifyRequest): string => {
    const institutionId = principalOf(request).institutionId;
    if (institutionId === null) throw new ForbiddenError('your user belongs to no institution: an administrator must set its institution before it can file or read FIU messages');
    return institutionId;
  };
  /**
   * An investigator acts under their username, the key of their registration with the hub. The
   * user's agency and that registration must agree (fail closed); the dissemination service then
   * scopes every read to the registered agency.
   */
  const investigatorOf = async (request: FastifyRequest): Promise<string> => {
    const principal = principalOf(request);
    if (principal.kind !== 'user' || principal.agencyId === null) throw new ForbiddenError('your user belongs to no law-enforcement agency');
    const registration = await hub.queries.registrationOf(principal.name);
    if (registration === null || !registration.active || registration.agencyId !== principal.agencyId) throw new ForbiddenError(`you are not a registered, active investigator of ${principal.agencyId}`);
    return principal.name;
  };
  const actor = (request: FastifyRequest): string => principalOf(request).name;

  // ── Filing institutions ────────────────────────────────────────────────────────────────
  app.route({
    method: 'POST',
    url: '/api/fiu/intake/files',
    config: { access: FIU_FILER_ROLES },
    bodyLimit: MAX_INTAKE_FILE_BYTES + 64 * 1024,
    schema: { summary: 'File a FinCEN SAR/CTR, goAML or UIF file; answers its acknowledgement (200 even when reports are rejected)', tags: ['fiu'], body: IntakeBody, response: { 200: Answer, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (request) => {
      const filerId = filerOf(request);
      const result = await receiveFile({ content: request.body.content, fileName: request.body.fileName, filerId, fileId: randomUUID(), receivedAt: time() });
      await hub.store.saveIntake(result, request.body.content);
      return result.acknowledgement;
    },
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/intake/files',
    config: { access: FIU_FILER_ROLES },
    schema: { summary: "The acknowledgements of the caller's institution's files, newest first", tags: ['fiu'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(100) }), response: { 200: z.object({ files: z.array(Answer) }), 403: ProblemSchema } },
    handler: async (request) => ({ files: await hub.queries.filesOf(filerOf(request), request.query.limit) }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/institution/messages',
    config: { access: FIU_FILER_ROLES },
    schema: { summary: "The FIU's feedback to the caller's institution and every advisory", tags: ['fiu'], response: { 200: Answer, 403: ProblemSchema } },
    handler: async (request) => hub.feedback.messagesFor(filerOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/institution/subject-lists',
    config: { access: FIU_FILER_ROLES },
    schema: { summary: "Subject lists sent to the caller's institution", tags: ['fiu'], response: { 200: Answer, 403: ProblemSchema } },
    handler: async (request) => hub.subjectLists.listsFor(filerOf(request)),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/institution/subject-lists/:listId/results',
    config: { access: FIU_FILER_ROLES },
    schema: { summary: "The caller's institution answers a subject list, one result per subject", tags: ['fiu'], params: ListParams, body: SubjectListResultsBody, response: { 204: z.null(), ...Problems } },
    handler: async (request, reply) => {
      await hub.subjectLists.respond({ listId: request.params.listId, institutionId: filerOf(request), results: request.body.results, by: actor(request), time: time() });
      return reply.code(204).send(null);
    },
  });

  // ── The FIU ────────────────────────────────────────────────────────────────────────────
  app.route({
    method: 'GET',
    url: '/api/fiu/reports',
    config: { access: FIU_ANALYST_ROLES },
    schema: {
      summary: 'Received reports, newest first, by institution, kind or a subject name or identifier',
      tags: ['fiu'],
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        institutionId: id(80).optional(),
        kind: FiuReportKindSchema.optional(),
        query: z.string().trim().max(200).optional(),
      }),
      response: { 200: z.object({ reports: z.array(ReportSummarySchema), total: z.number().int() }) },
    },
    handler: async (request) => {
      const { limit, offset, institutionId, kind, query } = request.query;
      return hub.queries.listReports({ limit, offset, ...(institutionId ? { institutionId } : {}), ...(kind ? { kind } : {}), ...(query ? { query } : {}) });
    },
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/reports/:reportId',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'One report with the entity of each subject and the agencies it went to', tags: ['fiu'], params: ReportParams, response: { 200: Answer, 404: ProblemSchema } },
    handler: async (request) => {
      const report = await hub.store.getReport(request.params.reportId);
      if (report === null) throw new NotFoundError(`unknown report ${request.params.reportId}`);
      const context = await hub.queries.reportContext(report.reportId);
      return { ...report, subjects: report.subjects.map((subject) => ({ ...subject, entityId: context.entityOf.get(subject.subjectId) ?? null })), disseminatedTo: context.disseminatedTo };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/entities',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Entities by name (accents folded) or identifier; the largest first without a query', tags: ['fiu'], querystring: z.object({ query: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }), response: { 200: z.object({ entities: z.array(EntitySummarySchema) }) } },
    handler: async (request) => ({ entities: await hub.queries.searchEntities({ limit: request.query.limit, ...(request.query.query ? { query: request.query.query } : {}) }) }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/entities/:entityId',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'An entity with its mentions, identifiers and the evidence of each link', tags: ['fiu'], params: EntityParams, response: { 200: Answer, 404: ProblemSchema } },
    handler: async (request) => {
      const entity = await hub.store.getEntity(request.params.entityId);
      if (entity === null) throw new NotFoundError(`unknown entity ${request.params.entityId}`);
      return entity;
    },
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/entities/resolve',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: "Re-resolve every subject into entities (ids kept, analysts' merges and splits replayed)", tags: ['fiu'], response: { 200: Answer } },
    handler: async (request) => hub.store.resolve({ actor: actor(request), time: time() }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/entities/merge',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Merge two entities (audited), then re-resolve', tags: ['fiu'], body: MergeBody, response: { 200: Answer, ...Problems } },
    handler: async (request) => hub.store.mergeEntities({ ...request.body, analyst: actor(request), time: time() }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/entities/:entityId/split',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Move mentions out of an entity for good (audited), then re-resolve', tags: ['fiu'], params: EntityParams, body: SplitBody, response: { 200: Answer, ...Problems } },
    handler: async (request) => hub.store.splitEntity({ entityId: request.params.entityId, mentionIds: request.body.mentionIds, reason: request.body.reason, analyst: actor(request), time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/triage/queue',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Reports and networks ranked best first, with reasons in English and Spanish', tags: ['fiu'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }), response: { 200: Answer } },
    handler: async (request) => hub.triage.queue({ now: time(), limit: request.query.limit }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/triage/decisions',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: "An analyst's decision on a report; moves the triage weights one step", tags: ['fiu'], body: DecisionBody, response: { 200: Answer, ...Problems } },
    handler: async (request) => hub.triage.recordDecision({ ...request.body, analyst: actor(request), time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/disseminations',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Every package disseminated to law enforcement, newest first', tags: ['fiu'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), response: { 200: z.object({ disseminations: z.array(PackageSchema) }) } },
    handler: async (request) => ({ disseminations: await hub.queries.listDisseminations(request.query.limit) }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/disseminations',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: "Disseminate reports, a network's entities and the FIU's analysis to one agency", tags: ['fiu'], body: DisseminateBody, response: { 200: PackageSchema, ...Problems } },
    handler: async (request) => hub.dissemination.disseminate({ ...request.body, disseminationId: `D-${randomUUID()}`, by: actor(request), time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/scorecards',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Per-institution completeness, timeliness and usefulness of filings', tags: ['fiu'], response: { 200: Answer } },
    handler: async () => hub.feedback.scorecards(),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/institutions/:institutionId/feedback',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Private feedback to one institution (audited)', tags: ['fiu'], params: InstitutionParams, body: FeedbackBody, response: { 200: Answer, 400: ProblemSchema } },
    handler: async (request) => hub.feedback.sendFeedback({ messageId: `FB-${randomUUID()}`, institutionId: request.params.institutionId, ...request.body, by: actor(request), time: time() }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/advisories',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'An advisory to every institution (audited)', tags: ['fiu'], body: AdvisoryBody, response: { 200: Answer, 400: ProblemSchema } },
    handler: async (request) => hub.feedback.publishAdvisory({ messageId: `ADV-${randomUUID()}`, ...request.body, by: actor(request), time: time() }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/subject-lists',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: "Send a requesting agency's subjects to institutions (314(a)-style)", tags: ['fiu'], body: SubjectListBody, response: { 200: Answer, 400: ProblemSchema } },
    handler: async (request) => hub.subjectLists.send({ listId: `L-${randomUUID()}`, ...request.body, by: actor(request), time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/subject-lists',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: 'Subject lists the FIU sent, newest first, with how many recipients answered', tags: ['fiu'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), response: { 200: Answer } },
    handler: async (request) => ({ lists: await hub.subjectLists.recent(request.query.limit) }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/subject-lists/:listId/results',
    config: { access: FIU_ANALYST_ROLES },
    schema: { summary: "A subject list's matches and the institutions that have not answered", tags: ['fiu'], params: ListParams, response: { 200: Answer, 404: ProblemSchema } },
    handler: async (request) => hub.subjectLists.results(request.params.listId),
  });

  // ── Agencies and their investigators ───────────────────────────────────────────────────
  app.route({
    method: 'GET',
    url: '/api/fiu/agencies',
    config: { access: FIU_AGENCY_READ_ROLES },
    schema: { summary: 'Law-enforcement agencies the FIU disseminates to', tags: ['fiu'], response: { 200: z.object({ agencies: z.array(AgencySchema) }) } },
    handler: async () => ({ agencies: await hub.queries.listAgencies() }),
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/agencies',
    config: { access: FIU_AGENCY_ADMIN_ROLES },
    schema: { summary: 'Register a law-enforcement agency (audited)', tags: ['fiu'], body: AgencyBody, response: { 201: AgencySchema, 400: ProblemSchema, 409: ProblemSchema } },
    handler: async (request, reply) => {
      if (await hub.queries.getAgency(request.body.agencyId)) throw new ConflictError(`agency ${request.body.agencyId} already exists`);
      await hub.dissemination.registerAgency({ ...request.body, by: actor(request), time: time() });
      return reply.code(201).send({ ...request.body, investigators: 0 });
    },
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/agencies/:agencyId/investigators',
    config: { access: FIU_AGENCY_ADMIN_ROLES },
    schema: { summary: "An agency's investigators", tags: ['fiu'], params: AgencyParams, response: { 200: z.object({ investigators: z.array(z.object({ userId: z.string(), username: z.string(), displayName: z.string(), active: z.boolean() })) }), 404: ProblemSchema } },
    handler: async (request) => {
      if (!(await hub.queries.getAgency(request.params.agencyId))) throw new NotFoundError(`unknown agency ${request.params.agencyId}`);
      const registered = await hub.queries.investigatorsOf(request.params.agencyId);
      const users = new Map((await auth.listUsers()).map((user) => [user.username, user]));
      return {
        investigators: registered.map((investigator) => {
          const user = users.get(investigator.userId);
          return { userId: user?.id ?? investigator.userId, username: investigator.userId, displayName: user?.displayName ?? investigator.name, active: investigator.active && user !== undefined && !user.disabled };
        }),
      };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/fiu/agencies/:agencyId/investigators',
    config: { access: FIU_AGENCY_ADMIN_ROLES },
    schema: { summary: "Create an investigator user for an agency and register it with the hub (audited)", tags: ['fiu'], params: AgencyParams, body: InvestigatorBody, response: { 201: UserSchema, ...Problems, 409: ProblemSchema } },
    handler: async (request, reply) => {
      const { agencyId } = request.params;
      if (!(await hub.queries.getAgency(agencyId))) throw new NotFoundError(`unknown agency ${agencyId}`);
      const user = await auth.createUser({ ...request.body, roles: ['law_enforcement_investigator'], agencyId });
      await hub.dissemination.registerInvestigator({ userId: user.username, agencyId, name: user.displayName, by: actor(request), time: time() });
      await services.audit?.append({ time: time(), actor: actor(request), action: 'user.created', subject: { kind: 'user', id: user.id }, details: { username: user.username, roles: user.roles, agencyId } });
      return reply.code(201).send(user);
    },
  });

  // ── Law enforcement: purpose-bound, audited, only what was disseminated to the agency ─────
  app.route({
    method: 'GET',
    url: '/api/fiu/investigator/packages',
    config: { access: FIU_INVESTIGATOR_ROLES },
    schema: { summary: "Packages disseminated to the caller's agency (purpose required, audited)", tags: ['fiu'], querystring: z.object({ purpose: Purpose }), response: { 200: z.array(PackageSchema), 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (request) => hub.dissemination.packagesFor({ userId: await investigatorOf(request), purpose: request.query.purpose, time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/investigator/reports/:reportId',
    config: { access: FIU_INVESTIGATOR_ROLES },
    schema: { summary: "One report disseminated to the caller's agency; 403 otherwise (purpose required, audited either way)", tags: ['fiu'], params: ReportParams, querystring: z.object({ purpose: Purpose }), response: { 200: Answer, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (request) => hub.dissemination.viewReport({ userId: await investigatorOf(request), reportId: request.params.reportId, purpose: request.query.purpose, time: time() }),
  });

  app.route({
    method: 'GET',
    url: '/api/fiu/investigator/search',
    config: { access: FIU_INVESTIGATOR_ROLES },
    schema: { summary: "Names and identifiers within what was disseminated to the caller's agency (purpose required, audited)", tags: ['fiu'], querystring: z.object({ text: z.string().trim().min(2).max(200), purpose: Purpose }), response: { 200: z.array(z.object({ reportId: z.string(), subjectId: z.string(), fullName: z.string(), matchedOn: z.enum(['name', 'identifier']) })), 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (request) => hub.dissemination.search({ userId: await investigatorOf(request), text: request.query.text, purpose: request.query.purpose, time: time() }),
  });

  // ── FIU to FIU: the exchange plugin under /api. The message route is public to HTTP because each
  // envelope is signed by a registered counterpart FIU and verified (and decrypted) by src/fiu.
  // The access rules travel in the routes' config, where the server's onRoute hook reads them.
  await app.register(fiuExchangeRoutes, {
    prefix: '/api',
    ...(hub.exchange ? { exchange: hub.exchange } : {}),
    // The access rule has already admitted only FIU roles to the inbox.
    resolveActor: (request) => (request.principal ? { userId: request.principal.name, role: 'fiu_analyst' } : null),
    now,
    routeConfig: { messages: { access: publicAccess }, inbox: { access: FIU_ANALYST_ROLES } },
  });
}
