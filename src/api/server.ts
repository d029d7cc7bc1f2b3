import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiKeyAuthenticator,
  chainAuthenticators,
  createAuthStore,
  sessionAuthenticator,
  SESSION_COOKIE,
  tokenDigest,
  type Authenticator,
  type PasswordCost,
  type SqlClient,
} from '../auth/index.ts';
import { annotateRoute, decideAccess, ROLE_DENIED_DETAIL } from './access.ts';
import { ApiOptionsSchema, type ApiOptionsInput } from './options.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import type { RouteContext } from './route-context.ts';
import { registerAlertRoutes } from './routes/alert-routes.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerCaseRoutes } from './routes/case-routes.ts';
import { registerDashboardRoutes } from './routes/dashboard-routes.ts';
import { registerFiuRoutes } from './routes/fiu-routes.ts';
import { registerGuidanceRoutes } from './routes/guidance-routes.ts';
import { registerReportRoutes } from './routes/report-routes.ts';
import { registerScreeningRoutes } from './routes/screening-routes.ts';
import { registerSharingRoutes } from './routes/sharing-routes.ts';
import { registerTypologyRoutes } from './routes/typology-routes.ts';
import { registerTransactionRoutes } from './routes/transaction-routes.ts';
import type { ApiServices } from './services.ts';

export type ServerDependencies = {
  db: SqlClient;
  options?: ApiOptionsInput;
  services?: ApiServices;
  /** The clock, read only at the edge (session expiry, timestamps of actions). */
  now?: () => Date;
  /** Extra authenticators tried after sessions and API keys, e.g. an OIDC provider. */
  authenticators?: readonly Authenticator[];
  passwordCost?: PasswordCost;
};

const API_PREFIX = '/api/';

/**
 * Builds Frontera's HTTP server without listening or touching anything else: the caller
 * decides host and port and owns the database.
 * @example
 * const app = await createServer({ db });
 * await app.listen({ host: '127.0.0.1', port: 0 });
 */
export async function createServer(dependencies: ServerDependencies): Promise<FastifyInstance> {
  const options = ApiOptionsSchema.parse(dependencies.options ?? {});
  const now = dependencies.now ?? (() => new Date());
  const auth = createAuthStore({ db: dependencies.db, now, ...(dependencies.passwordCost ? { passwordCost: dependencies.passwordCost } : {}) });
  const authenticator = chainAuthenticators([sessionAuthenticator(auth), apiKeyAuthenticator(auth), ...(dependencies.authenticators ?? [])]);

  const app = Fastify({
    logger: options.logRequests ? { level: 'info' } : false,
    bodyLimit: options.bodyLimitBytes,
    // Fastify's defaults cap JSON nesting and reject __proto__ / constructor keys.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  // A route under /api/ cannot exist without its access rule: registration itself fails.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      if (route.url.startsWith(API_PREFIX)) throw new Error(`route ${route.method} ${route.url} has no access rule`);
      return;
    }
    annotateRoute(route, access);
  });

  // Browser hardening on every answer; the API docs viewer sets its own content policy.
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!request.url.startsWith('/docs')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    }
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error, request);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, body);
  });

  // ISO 20022 arrives as XML text; the ingest module parses it (no DTDs, no external entities).
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    // One budget per credential, so that one noisy machine cannot starve people behind the same address.
    keyGenerator: (request: FastifyRequest) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const header = request.headers['authorization'] ?? request.headers['x-api-key'];
      const credential = cookie ?? (typeof header === 'string' ? header : undefined);
      return credential ? `c:${tokenDigest(credential)}` : `ip:${request.ip}`;
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    if (access.kind !== 'public') {
      request.principal = await authenticator.authenticate({ headers: request.headers, cookies: request.cookies });
    }
    const decision = decideAccess(access, request.principal);
    if (decision === 'unauthenticated') return sendProblem(reply, problem(401, 'sign in or send an API key', request.url));
    if (decision === 'forbidden') return sendProblem(reply, problem(403, ROLE_DENIED_DETAIL, request.url));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Frontera API',
        description: 'Financial intelligence for the US–Mexico corridor. Errors are RFC 9457 problem details.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key `frk.<id>.<secret>`' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const context: RouteContext = { app, db: dependencies.db, auth, options, services: dependencies.services ?? {}, now };
  registerAuthRoutes(context);
  registerTransactionRoutes(context);
  registerAlertRoutes(context);
  registerCaseRoutes(context);
  registerReportRoutes(context);
  registerScreeningRoutes(context);
  registerTypologyRoutes(context);
  registerGuidanceRoutes(context);
  registerDashboardRoutes(context);
  registerAuditRoutes(context);
  await registerSharingRoutes(context);
  await registerFiuRoutes(context);

  const webRoot = options.webRoot;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // Client-side routes of the single-page app get its shell; everything else is a 404 problem.
    const wantsPage = request.method === 'GET' && !request.url.startsWith(API_PREFIX) && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, problem(404, `no route ${request.method} ${request.url.split('?')[0]}`, request.url));
  });

  return app;
}
