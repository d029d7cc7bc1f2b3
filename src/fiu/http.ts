/**
 * HTTP adapter of the FIU-to-FIU exchange: a fastify plugin. The rest of the hub's routes are
 * part of the main API (`src/api/routes/fiu-routes.ts`, under `/api/fiu`), which mounts this
 * plugin under `/api`; a node that only exchanges mounts it alone. The message route has no
 * session: the envelope's Ed25519 signature by a registered counterpart FIU authenticates it.
 */
import type { FastifyContextConfig, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { problemOf } from '../sharing/index.ts';
import type { ExchangeNode } from './exchange.ts';

/** Who calls the inbox: the host maps its own principals to this (an FIU analyst reads the inbox). */
export type FiuActor = { userId: string; role: 'filer' | 'fiu_analyst' | 'investigator'; filerId?: string };

/**
 * The FIU-to-FIU routes: `POST /fiu/exchange/messages` (a counterpart FIU delivers a sealed
 * envelope → 202) and `GET /fiu/exchange/inbox` (fiu_analyst: received messages, decrypted).
 * `routeConfig` is handed to each route's fastify config (the main API passes its access rules there).
 * @example await app.register(fiuExchangeRoutes, { exchange, resolveActor });
 */
export const fiuExchangeRoutes: FastifyPluginAsync<{
  exchange?: ExchangeNode;
  resolveActor: (request: FastifyRequest) => FiuActor | null;
  now?: () => Date;
  routeConfig?: { messages?: FastifyContextConfig; inbox?: FastifyContextConfig };
}> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = problemOf(error);
    return reply.code(status).type('application/problem+json').send(body);
  });
  app.post('/fiu/exchange/messages', { bodyLimit: 3 * 1024 * 1024, config: options.routeConfig?.messages ?? {} }, async (request, reply) => {
    if (options.exchange === undefined) throw new ForbiddenError('this hub has no FIU-to-FIU exchange configured');
    // No session: the envelope's Ed25519 signature by a registered counterpart FIU is the authentication.
    const received = await options.exchange.receive(request.body, now().toISOString());
    return reply.code(202).send({ messageId: received.messageId, receivedAt: received.receivedAt });
  });
  app.get('/fiu/exchange/inbox', { config: options.routeConfig?.inbox ?? {} }, async (request) => {
    const who = options.resolveActor(request);
    if (who === null) throw new UnauthenticatedError('sign in to use the FIU hub');
    if (who.role !== 'fiu_analyst') throw new ForbiddenError('this needs the fiu_analyst role');
    return options.exchange === undefined ? [] : options.exchange.inbox();
  });
};
