import type { Principal, Role } from '../auth/index.ts';
import { ROLES } from '../auth/index.ts';

/**
 * Who may call a route. Every API route declares one; the server refuses to register a route
 * under `/api/` without it.
 * - `public`: no credentials (login, health).
 * - `authenticated`: any signed-in principal, whatever its role (own profile, logout).
 * - `roles`: only principals holding one of these roles.
 */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const publicAccess: Access = { kind: 'public' };
export const anyAuthenticated: Access = { kind: 'authenticated' };

/**
 * A rule allowing the given roles.
 * @example allow('institution_analyst', 'institution_approver')
 */
export function allow(...roles: [Role, ...Role[]]): Access {
  return { kind: 'roles', roles: [...new Set(roles)] };
}

/** The roles that satisfy a rule (all of them for `authenticated`, none needed for `public`). */
export function rolesOf(access: Access): readonly Role[] {
  if (access.kind === 'roles') return access.roles;
  return access.kind === 'authenticated' ? ROLES : [];
}

/** The `detail` of a 403 from the access check, as opposed to a 403 from a module's own rule (four eyes). */
export const ROLE_DENIED_DETAIL = 'your role may not use this route';

/**
 * Marks a route with its rule: in its config (enforced on every request) and in its OpenAPI
 * operation as `x-frontera-access` (so tests and clients can read it).
 */
export function annotateRoute(route: { config?: unknown; schema?: unknown }, access: Access): void {
  route.config = { ...(route.config as object | undefined), access };
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  schema['x-frontera-access'] = { kind: access.kind, roles: rolesOf(access) };
  if (access.kind !== 'public') schema['security'] = [{ session: [] }, { apiKey: [] }];
  route.schema = schema;
}

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * Decides a request: pure, so every rule can be tested without a server.
 * @example decideAccess(allow('administrator'), null) === 'unauthenticated'
 */
export function decideAccess(access: Access, principal: Principal | null): AccessDecision {
  if (access.kind === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  if (access.kind === 'authenticated') return 'allow';
  return principal.roles.some((role) => access.roles.includes(role)) ? 'allow' : 'forbidden';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
