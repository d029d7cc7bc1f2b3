/**
 * HTTP adapter of the FIU hub: a fastify plugin with zod-validated routes over the hub's
 * services. Routes only parse, authorise, call the core and write. The host (the main API)
 * supplies who is calling through `resolveActor`; an unauthenticated request is refused (401)
 * and each route checks the caller's hub role (fail closed).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import { problemOf } from '../sharing/index.ts';
import type { DisseminationService } from './dissemination.ts';
import type { ExchangeNode } from './exchange.ts';
import { receiveFile, MAX_INTAKE_FILE_BYTES } from './intake.ts';
import type { FeedbackService } from './feedback.ts';
import type { FiuStore } from './repository.ts';
import { ListSubjectSchema, SubjectResultSchema, type SubjectListService } from './subject-lists.ts';
import type { TriageService } from './triage-service.ts';

/** Hub roles: a filing institution, an FIU analyst, a law-enforcement investigator. */
export type FiuActor = { userId: string; role: 'filer' | 'fiu_analyst' | 'investigator'; filerId?: string };

export type FiuRoutesOptions = {
  fiu: FiuStore;
  triage: TriageService;
  dissemination: DisseminationService;
  /** Present when this hub exchanges with a counterpart FIU. */
  exchange?: ExchangeNode;
  /** Scorecards, feedback and advisories (routes answer 404 without it). */
  feedback?: FeedbackService;
  /** 314(a)-style subject lists (routes answer 404 without it). */
  subjectLists?: SubjectListService;
  resolveActor: (request: FastifyRequest) => FiuActor | null;
  /** Wall clock for timestamps (an adapter may read it; the core never does). */
  now?: () => Date;
};

export const IntakeBodySchema = z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(1).max(MAX_INTAKE_FILE_BYTES) });
export const MergeBodySchema = z.object({ entityA: z.string().min(1).max(64), entityB: z.string().min(1).max(64), reason: z.string().trim().min(5).max(1000) });
export const SplitBodySchema = z.object({ mentionIds: z.array(z.string().min(1).max(200)).min(1).max(1000), reason: z.string().trim().min(5).max(1000) });
export const TriageQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
export const TriageDecisionSchema = z.object({ reportId: z.string().min(1).max(200), outcome: z.enum(['useful', 'not_useful']) });
export const DisseminateBodySchema = z.object({ agencyId: z.string().min(1).max(64), title: z.string().trim().min(1).max(300), analysis: z.string().max(50_000), reportIds: z.array(z.string().min(1).max(200)).min(1).max(5000), entityIds: z.array(z.string().min(1).max(64)).max(5000).default([]) });
export const PurposeQuerySchema = z.object({ purpose: z.string().max(500).default('') });
export const SearchQuerySchema = z.object({ text: z.string().max(200).default(''), purpose: z.string().max(500).default('') });
const Bilingual = z.object({ en: z.string().trim().min(1).max(300), es: z.string().trim().min(1).max(300) });
export const FeedbackBodySchema = z.object({ subject: Bilingual, body: z.string().trim().min(1).max(20_000) });
export const AdvisoryBodySchema = z.object({ subject: Bilingual, body: z.string().trim().min(1).max(20_000), reference: z.string().trim().min(1).max(200) });
export const SubjectListBodySchema = z.object({ title: z.string().trim().min(1).max(300), requestingAgency: z.string().min(1).max(64), subjects: z.array(ListSubjectSchema).min(1).max(5000), institutionIds: z.array(z.string().min(1).max(80)).min(1).max(10_000), respondBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export const SubjectListResultsBodySchema = z.object({ results: z.array(SubjectResultSchema).min(1).max(5000) });
const InstitutionParams = z.object({ institutionId: z.string().min(1).max(80) });
const ListParams = z.object({ listId: z.string().min(1).max(100) });
const EntityParams = z.object({ entityId: z.string().min(1).max(64) });
const ReportParams = z.object({ reportId: z.string().min(1).max(200) });

/**
 * Routes (all JSON; errors are RFC 9457 problem documents):
 *
 * | method | path | role | does |
 * | --- | --- | --- | --- |
 * | POST | /fiu/intake/files | filer | `{ fileName, content }` → acknowledgement (200 even when reports are rejected: the acknowledgement lists every error) |
 * | GET | /fiu/entities/:entityId | fiu_analyst | entity with mentions, identifiers and link evidence |
 * | POST | /fiu/entities/resolve | fiu_analyst | re-resolve everything → run stats |
 * | POST | /fiu/entities/merge | fiu_analyst | `{ entityA, entityB, reason }` |
 * | POST | /fiu/entities/:entityId/split | fiu_analyst | `{ mentionIds, reason }` |
 * | GET | /fiu/triage/queue?limit= | fiu_analyst | ranked reports and networks with reasons (EN/ES) |
 * | POST | /fiu/triage/decisions | fiu_analyst | `{ reportId, outcome: useful|not_useful }` → new weights |
 * | POST | /fiu/disseminations | fiu_analyst | package to an agency |
 * | GET | /fiu/investigator/packages?purpose= | investigator | packages received by the agency |
 * | GET | /fiu/investigator/reports/:reportId?purpose= | investigator | one disseminated report (403 otherwise) |
 * | GET | /fiu/investigator/search?text=&purpose= | investigator | names/identifiers within disseminated reports |
 * | GET | /fiu/scorecards | fiu_analyst | per-institution completeness, timeliness, usefulness |
 * | POST | /fiu/institutions/:institutionId/feedback | fiu_analyst | `{ subject: {en, es}, body }` |
 * | POST | /fiu/advisories | fiu_analyst | `{ subject: {en, es}, body, reference }` to every institution |
 * | GET | /fiu/institution/messages | filer | its feedback and every advisory |
 * | POST | /fiu/subject-lists | fiu_analyst | `{ title, requestingAgency, subjects, institutionIds, respondBy }` |
 * | GET | /fiu/subject-lists/:listId/results | fiu_analyst | matches and pending institutions |
 * | GET | /fiu/institution/subject-lists | filer | lists sent to the caller's institution |
 * | POST | /fiu/institution/subject-lists/:listId/results | filer | `{ results: [{ subjectIndex, matched, accounts, note }] }` |
 * | POST | /fiu/exchange/messages | (signed by the peer FIU) | counterpart FIU delivers a sealed envelope |
 * | GET | /fiu/exchange/inbox | fiu_analyst | received messages, decrypted |
 *
 * @example await app.register(fiuRoutes, { fiu, triage, dissemination, exchange, resolveActor: (request) => hubActorOf(request) });
 */
export const fiuRoutes: FastifyPluginAsync<FiuRoutesOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  const time = (): string => now().toISOString();
  const actor = (request: FastifyRequest, ...roles: FiuActor['role'][]): FiuActor => {
    const who = options.resolveActor(request);
    if (who === null) throw new UnauthenticatedError('sign in to use the FIU hub');
    if (!roles.includes(who.role)) throw new ForbiddenError(`this needs the ${roles.join(' or ')} role`);
    return who;
  };
  const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ValidationError('the request is not valid', parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message })));
    return parsed.data;
  };
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = problemOf(error);
    return reply.code(status).type('application/problem+json').send(body);
  });

  app.post('/fiu/intake/files', { bodyLimit: MAX_INTAKE_FILE_BYTES + 4096 }, async (request) => {
    const who = actor(request, 'filer');
    const body = parse(IntakeBodySchema, request.body);
    const input = { content: body.content, fileName: body.fileName, filerId: who.filerId ?? who.userId, fileId: randomUUID(), receivedAt: time() };
    const result = await receiveFile(input);
    await options.fiu.saveIntake(result, body.content);
    return result.acknowledgement;
  });
  app.get('/fiu/entities/:entityId', async (request, reply) => {
    actor(request, 'fiu_analyst');
    const { entityId } = parse(EntityParams, request.params);
    const entity = await options.fiu.getEntity(entityId);
    if (entity === null) return reply.code(404).type('application/problem+json').send({ type: 'urn:frontera:problem:not_found', title: 'Not Found', status: 404, code: 'not_found', detail: `unknown entity ${entityId}` });
    return entity;
  });
  app.post('/fiu/entities/resolve', async (request) => {
    const who = actor(request, 'fiu_analyst');
    return options.fiu.resolve({ actor: who.userId, time: time() });
  });
  app.post('/fiu/entities/merge', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const body = parse(MergeBodySchema, request.body);
    return options.fiu.mergeEntities({ ...body, analyst: who.userId, time: time() });
  });
  app.post('/fiu/entities/:entityId/split', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const { entityId } = parse(EntityParams, request.params);
    const body = parse(SplitBodySchema, request.body);
    return options.fiu.splitEntity({ entityId, mentionIds: body.mentionIds, reason: body.reason, analyst: who.userId, time: time() });
  });
  app.get('/fiu/triage/queue', async (request) => {
    actor(request, 'fiu_analyst');
    const { limit } = parse(TriageQuerySchema, request.query);
    return options.triage.queue({ now: time(), limit });
  });
  app.post('/fiu/triage/decisions', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const body = parse(TriageDecisionSchema, request.body);
    return options.triage.recordDecision({ ...body, analyst: who.userId, time: time() });
  });
  app.post('/fiu/disseminations', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const body = parse(DisseminateBodySchema, request.body);
    return options.dissemination.disseminate({ ...body, disseminationId: `D-${randomUUID()}`, by: who.userId, time: time() });
  });
  app.get('/fiu/investigator/packages', async (request) => {
    const who = actor(request, 'investigator');
    const { purpose } = parse(PurposeQuerySchema, request.query);
    return options.dissemination.packagesFor({ userId: who.userId, purpose, time: time() });
  });
  app.get('/fiu/investigator/reports/:reportId', async (request) => {
    const who = actor(request, 'investigator');
    const { reportId } = parse(ReportParams, request.params);
    const { purpose } = parse(PurposeQuerySchema, request.query);
    return options.dissemination.viewReport({ userId: who.userId, reportId, purpose, time: time() });
  });
  app.get('/fiu/investigator/search', async (request) => {
    const who = actor(request, 'investigator');
    const query = parse(SearchQuerySchema, request.query);
    return options.dissemination.search({ userId: who.userId, text: query.text, purpose: query.purpose, time: time() });
  });
  const feedback = (): FeedbackService => {
    if (options.feedback === undefined) throw new NotFoundError('feedback is not enabled on this hub');
    return options.feedback;
  };
  const subjectLists = (): SubjectListService => {
    if (options.subjectLists === undefined) throw new NotFoundError('subject lists are not enabled on this hub');
    return options.subjectLists;
  };
  const filerOf = (who: FiuActor): string => who.filerId ?? who.userId;
  app.get('/fiu/scorecards', async (request) => {
    actor(request, 'fiu_analyst');
    return feedback().scorecards();
  });
  app.post('/fiu/institutions/:institutionId/feedback', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const { institutionId } = parse(InstitutionParams, request.params);
    const body = parse(FeedbackBodySchema, request.body);
    return feedback().sendFeedback({ messageId: `FB-${randomUUID()}`, institutionId, ...body, by: who.userId, time: time() });
  });
  app.post('/fiu/advisories', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const body = parse(AdvisoryBodySchema, request.body);
    return feedback().publishAdvisory({ messageId: `ADV-${randomUUID()}`, ...body, by: who.userId, time: time() });
  });
  app.get('/fiu/institution/messages', async (request) => {
    const who = actor(request, 'filer');
    return feedback().messagesFor(filerOf(who));
  });
  app.post('/fiu/subject-lists', async (request) => {
    const who = actor(request, 'fiu_analyst');
    const body = parse(SubjectListBodySchema, request.body);
    return subjectLists().send({ listId: `L-${randomUUID()}`, ...body, by: who.userId, time: time() });
  });
  app.get('/fiu/subject-lists/:listId/results', async (request) => {
    actor(request, 'fiu_analyst');
    const { listId } = parse(ListParams, request.params);
    return subjectLists().results(listId);
  });
  app.get('/fiu/institution/subject-lists', async (request) => {
    const who = actor(request, 'filer');
    return subjectLists().listsFor(filerOf(who));
  });
  app.post('/fiu/institution/subject-lists/:listId/results', async (request, reply) => {
    const who = actor(request, 'filer');
    const { listId } = parse(ListParams, request.params);
    const body = parse(SubjectListResultsBodySchema, request.body);
    await subjectLists().respond({ listId, institutionId: filerOf(who), results: body.results, by: who.userId, time: time() });
    return reply.code(204).send();
  });
  await app.register(fiuExchangeRoutes, { ...(options.exchange ? { exchange: options.exchange } : {}), resolveActor: options.resolveActor, now });
};

/**
 * Only the FIU-to-FIU routes, for a node that exchanges without the rest of the hub (and inside `fiuRoutes`).
 * @example await app.register(fiuExchangeRoutes, { exchange, resolveActor });
 */
export const fiuExchangeRoutes: FastifyPluginAsync<{ exchange?: ExchangeNode; resolveActor: (request: FastifyRequest) => FiuActor | null; now?: () => Date }> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = problemOf(error);
    return reply.code(status).type('application/problem+json').send(body);
  });
  app.post('/fiu/exchange/messages', { bodyLimit: 3 * 1024 * 1024 }, async (request, reply) => {
    if (options.exchange === undefined) throw new ForbiddenError('this hub has no FIU-to-FIU exchange configured');
    // No session: the envelope's Ed25519 signature by a registered counterpart FIU is the authentication.
    const received = options.exchange.receive(request.body, now().toISOString());
    return reply.code(202).send({ messageId: received.messageId, receivedAt: received.receivedAt });
  });
  app.get('/fiu/exchange/inbox', async (request) => {
    const who = options.resolveActor(request);
    if (who === null) throw new UnauthenticatedError('sign in to use the FIU hub');
    if (who.role !== 'fiu_analyst') throw new ForbiddenError('this needs the fiu_analyst role');
    return options.exchange === undefined ? [] : options.exchange.inbox();
  });
};
