/**
 * HTTP adapter of a sharing node: a fastify plugin with the node-to-node protocol route and the
 * routes the web pages and CLI use, a standalone server for loopback nodes, and the HTTP
 * transport a node uses to reach its peers. Routes only parse, call the node and write.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, ForbiddenError, FronteraError, IntegrityError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { SignedMessage } from './messages.ts';
import type { SharingNode, SharingTransport } from './node.ts';

/** Largest protocol message accepted: 4,000,000 blinded elements in base64url, plus room. */
export const MAXIMUM_MESSAGE_BYTES = 200 * 1024 * 1024;
/** Local (non-protocol) requests are small. */
const MAXIMUM_REQUEST_BYTES = 1024 * 1024;

export type SharingRoutesOptions = {
  node: SharingNode;
  /**
   * The investigator making a local request, or null when unauthenticated (refused with 401).
   * The main API passes its authenticated principal; standalone demo nodes read a header.
   */
  resolveActor: (request: FastifyRequest) => string | null;
};

/** The header standalone nodes read the investigator from (demo and tests only). */
export const INVESTIGATOR_HEADER = 'x-frontera-investigator';

const SessionParams = z.object({ sessionId: z.string().min(1).max(128) });
const CaseParams = z.object({ caseId: z.string().min(1).max(128) });
const RoundtableParams = z.object({ roundtableId: z.string().min(1).max(128) });
const ContributionBody = z.object({ counts: z.unknown() });

/**
 * The sharing routes under `/sharing/v1`. Mount with `app.register(sharingRoutes, { node, resolveActor })`.
 * @example await app.register(sharingRoutes, { node, resolveActor: (request) => principalOf(request)?.userId ?? null });
 */
export const sharingRoutes: FastifyPluginAsync<SharingRoutesOptions> = async (app, { node, resolveActor }) => {
  const actorOf = (request: FastifyRequest): string => {
    const actor = resolveActor(request);
    if (actor === null || actor === '') throw new UnauthenticatedError('an investigator must be signed in');
    return actor;
  };

  // Node to node: every protocol message, signed; the reply is signed too.
  app.post('/sharing/v1/messages', { bodyLimit: MAXIMUM_MESSAGE_BYTES }, async (request) => node.receive(request.body));

  app.get('/sharing/v1/participants', { bodyLimit: MAXIMUM_REQUEST_BYTES }, async (request) => {
    actorOf(request);
    return { participants: node.participants() };
  });
  app.post('/sharing/v1/participants', { bodyLimit: MAXIMUM_REQUEST_BYTES }, async (request, reply) => {
    const registration = await node.register(request.body, actorOf(request));
    return reply.code(201).send(registration);
  });

  app.post('/sharing/v1/matches', { bodyLimit: MAXIMUM_REQUEST_BYTES }, async (request, reply) => {
    const session = await node.startMatch(request.body, actorOf(request));
    return reply.code(201).send(session);
  });
  app.get('/sharing/v1/matches', async (request) => {
    actorOf(request);
    return { sessions: node.listSessions() };
  });
  app.get('/sharing/v1/matches/:sessionId', async (request) => {
    actorOf(request);
    return node.getSession(SessionParams.parse(request.params).sessionId);
  });

  app.post('/sharing/v1/cases', async (request, reply) => {
    const view = await node.cases.open(request.body, actorOf(request));
    return reply.code(201).send(view);
  });
  app.get('/sharing/v1/cases', async (request) => ({ cases: node.cases.list(actorOf(request)) }));
  app.get('/sharing/v1/cases/:caseId', async (request) => node.cases.view(CaseParams.parse(request.params).caseId, actorOf(request)));
  app.post('/sharing/v1/cases/:caseId/entries', async (request, reply) => {
    const entry = await node.cases.addEntry(CaseParams.parse(request.params).caseId, request.body, actorOf(request));
    return reply.code(201).send(entry);
  });

  app.post('/sharing/v1/roundtables', async (request, reply) => {
    const view = await node.roundtables.convene(request.body, actorOf(request));
    return reply.code(201).send(view);
  });
  app.get('/sharing/v1/roundtables', async (request) => {
    actorOf(request);
    return { roundtables: node.roundtables.list() };
  });
  app.get('/sharing/v1/roundtables/:roundtableId', async (request) => {
    actorOf(request);
    return node.roundtables.view(RoundtableParams.parse(request.params).roundtableId);
  });
  app.post('/sharing/v1/roundtables/:roundtableId/contributions', async (request) => {
    const { counts } = ContributionBody.parse(request.body);
    return node.roundtables.contribute(RoundtableParams.parse(request.params).roundtableId, counts, actorOf(request));
  });
};

/** Problem details for a thrown error (RFC 9457 members plus Frontera's `code` and `issues`). */
export function problemOf(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof z.ZodError) {
    return { status: 400, body: { type: 'urn:frontera:problem:validation', title: 'Bad Request', status: 400, code: 'validation', detail: 'the request is not valid', issues: error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', reason: issue.message })) } };
  }
  if (error instanceof FronteraError) {
    const issues = error instanceof ValidationError ? error.issues : Array.isArray(error.details['issues']) ? error.details['issues'] : undefined;
    return { status: error.httpStatus, body: { type: `urn:frontera:problem:${error.code}`, title: error.name, status: error.httpStatus, code: error.code, detail: error.message, ...(issues === undefined ? {} : { issues }) } };
  }
  const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return { status, body: { type: 'urn:frontera:problem:error', title: 'Error', status, code: status === 500 ? 'internal' : 'error', detail: status === 500 ? 'internal error' : error instanceof Error ? error.message : String(error) } };
}

/**
 * A standalone sharing node server (loopback demo and tests); the main API mounts `sharingRoutes` instead.
 * @example const app = await createSharingServer({ node }); await app.listen({ host: '127.0.0.1', port: 0 });
 */
export async function createSharingServer(options: { node: SharingNode; resolveActor?: (request: FastifyRequest) => string | null }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: MAXIMUM_REQUEST_BYTES });
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = problemOf(error);
    return reply.code(status).type('application/problem+json').send(body);
  });
  const resolveActor = options.resolveActor ?? ((request: FastifyRequest) => {
    const header = request.headers[INVESTIGATOR_HEADER];
    return typeof header === 'string' && header.length <= 128 ? header : null;
  });
  await app.register(sharingRoutes, { node: options.node, resolveActor });
  return app;
}

/** Turns a peer's problem reply back into the matching Frontera error. */
function errorFromProblem(status: number, body: unknown): FronteraError {
  const detail = typeof body === 'object' && body !== null && 'detail' in body && typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
  const message = `the peer refused: ${detail}`;
  switch (status) {
    case 400: return new ValidationError(message);
    case 401: return new UnauthenticatedError(message);
    case 403: return new ForbiddenError(message);
    case 404: return new NotFoundError(message);
    case 409: return new ConflictError(message);
    case 422: return new IntegrityError(message);
    default: return new FronteraError(message, { status });
  }
}

/**
 * The HTTP transport: POSTs a signed message to `<endpoint>/sharing/v1/messages`. `observe`
 * sees every body sent and received (the no-raw-identifier test uses it).
 * @example const transport = createHttpTransport({ timeoutMs: 120_000 });
 */
export function createHttpTransport(options: { timeoutMs?: number; observe?: (direction: 'sent' | 'received', body: string) => void } = {}): SharingTransport {
  return async (endpoint: string, message: SignedMessage) => {
    const body = JSON.stringify(message);
    options.observe?.('sent', body);
    const response = await fetch(new URL('/sharing/v1/messages', endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 300_000),
    });
    const text = await response.text();
    options.observe?.('received', text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new IntegrityError(`the peer at ${endpoint} answered with something that is not JSON`);
    }
    if (!response.ok) throw errorFromProblem(response.status, parsed);
    return parsed;
  };
}
