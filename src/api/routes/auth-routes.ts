import { z } from 'zod';
import { UnauthenticatedError } from '../../errors.ts';
import { MAX_PASSWORD_LENGTH, NewUserSchema, RoleSchema, SESSION_COOKIE, UserSchema } from '../../auth/index.ts';
import { allow, anyAuthenticated, publicAccess } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';

const PrincipalSchema = z
  .object({
    kind: z.enum(['user', 'api_key']),
    id: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    institutionId: z.string().nullable(),
    agencyId: z.string().nullable(),
  })
  .meta({ id: 'Principal' });

const ApiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  institutionId: z.string().nullable(),
  revoked: z.boolean(),
});

/** Login, logout, the caller's identity, and administration of users and API keys. */
type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export function registerAuthRoutes({ app, auth, db, options, services, now }: RouteContext): void {
  const record = async (actor: string, action: string, subject: { kind: string; id: string }, details: AuditDetails = {}) => {
    await services.audit?.append({ time: now().toISOString(), actor, action, subject, details });
  };

  app.route({
    method: 'POST',
    url: '/api/v1/auth/login',
    config: { access: publicAccess, rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip } },
    schema: {
      summary: 'Sign in with a username and password; sets an HttpOnly session cookie',
      tags: ['auth'],
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }),
      response: { 200: z.object({ user: UserSchema, expiresAt: z.string() }), 401: ProblemSchema },
    },
    handler: async (request, reply) => {
      const user = await auth.checkPassword(request.body.username, request.body.password);
      if (!user) {
        await record(request.body.username, 'session.login_failed', { kind: 'session', id: request.body.username }, { address: request.ip });
        throw new UnauthenticatedError('wrong username or password');
      }
      await record(user.username, 'session.login', { kind: 'session', id: user.id }, { address: request.ip });
      const session = await auth.openSession(user.id);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      request.principal = { kind: 'user', id: user.id, name: user.username, roles: user.roles, institutionId: user.institutionId, agencyId: user.agencyId };
      return { user, expiresAt: session.expiresAt.toISOString() };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/logout',
    config: { access: anyAuthenticated },
    schema: { summary: 'End the current session', tags: ['auth'], response: { 204: z.null() } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.closeSession(token);
      await record(request.principal!.name, 'session.logout', { kind: 'session', id: request.principal!.id });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/auth/me',
    config: { access: anyAuthenticated },
    schema: { summary: 'Who is calling, with which roles', tags: ['auth'], response: { 200: PrincipalSchema } },
    handler: async (request) => request.principal!,
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/users',
    config: { access: allow('administrator') },
    schema: { summary: 'List users', tags: ['administration'], response: { 200: z.object({ users: z.array(UserSchema) }) } },
    handler: async () => ({ users: await auth.listUsers() }),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/users',
    config: { access: allow('administrator') },
    schema: {
      summary: 'Create a user',
      tags: ['administration'],
      body: NewUserSchema,
      response: { 201: UserSchema, 409: ProblemSchema },
    },
    handler: async (request, reply) => {
      const user = await auth.createUser(request.body);
      await record(request.principal!.name, 'user.created', { kind: 'user', id: user.id }, { username: user.username, roles: user.roles });
      return reply.code(201).send(user);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/users/:userId/disable',
    config: { access: allow('administrator') },
    schema: {
      summary: 'Disable a user and end their sessions',
      tags: ['administration'],
      params: z.object({ userId: z.string().min(1).max(64) }),
      response: { 200: UserSchema, 404: ProblemSchema },
    },
    handler: async (request) => {
      const user = await auth.setUserDisabled(request.params.userId, true);
      await record(request.principal!.name, 'user.disabled', { kind: 'user', id: user.id }, { username: user.username });
      return user;
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/api-keys',
    config: { access: allow('administrator') },
    schema: { summary: 'List API keys (never their secrets)', tags: ['administration'], response: { 200: z.object({ apiKeys: z.array(ApiKeySummarySchema) }) } },
    handler: async () => ({ apiKeys: await auth.listApiKeys() }),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/api-keys',
    config: { access: allow('administrator') },
    schema: {
      summary: 'Issue an API key for a machine; the key is returned once',
      tags: ['administration'],
      body: z.object({ name: z.string().min(1).max(100), roles: z.array(RoleSchema).min(1), institutionId: z.string().min(1).max(128).optional() }),
      response: { 201: z.object({ id: z.string(), key: z.string() }) },
    },
    handler: async (request, reply) => {
      const created = await auth.createApiKey({
        name: request.body.name,
        roles: request.body.roles,
        institutionId: request.body.institutionId ?? null,
        createdBy: request.principal?.kind === 'user' ? request.principal.id : null,
      });
      await record(request.principal!.name, 'api_key.issued', { kind: 'api_key', id: created.id }, { name: request.body.name, roles: request.body.roles });
      return reply.code(201).send(created);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/api-keys/:apiKeyId',
    config: { access: allow('administrator') },
    schema: {
      summary: 'Revoke an API key',
      tags: ['administration'],
      params: z.object({ apiKeyId: z.string().min(1).max(64) }),
      response: { 204: z.null(), 404: ProblemSchema },
    },
    handler: async (request, reply) => {
      await auth.revokeApiKey(request.params.apiKeyId);
      await record(request.principal!.name, 'api_key.revoked', { kind: 'api_key', id: request.params.apiKeyId });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/health',
    config: { access: publicAccess },
    schema: { summary: 'Liveness: the server answers and its database responds', tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const };
    },
  });
}
