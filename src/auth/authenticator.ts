import type { AuthStore, Principal } from './auth-store.ts';

/** What an authenticator may look at: headers and parsed cookies, nothing framework-specific. */
export type Credentials = {
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
};

/**
 * Turns a request's credentials into a principal. `null` means "not mine / not valid"; the
 * server tries each authenticator in order. An OIDC provider is added as one more
 * implementation (validating a bearer ID token or its own session cookie) without touching routes.
 */
export interface Authenticator {
  readonly name: string;
  authenticate(credentials: Credentials): Promise<Principal | null>;
}

export const SESSION_COOKIE = 'frontera_session';

/** People: the session cookie set at login. */
export function sessionAuthenticator(store: AuthStore): Authenticator {
  return {
    name: 'session',
    async authenticate({ cookies }) {
      const token = cookies[SESSION_COOKIE];
      return token ? store.resolveSession(token) : null;
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Machines: `Authorization: Bearer frk.…` or `X-API-Key: frk.…`. */
export function apiKeyAuthenticator(store: AuthStore): Authenticator {
  return {
    name: 'api_key',
    async authenticate({ headers }) {
      const authorization = headerValue(headers['authorization']);
      const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
      const key = bearer ?? headerValue(headers['x-api-key']);
      return key?.startsWith('frk.') ? store.resolveApiKey(key) : null;
    },
  };
}

/**
 * Tries each authenticator in turn; the first principal wins.
 * @example const authenticate = chainAuthenticators([sessionAuthenticator(store), apiKeyAuthenticator(store)]);
 */
export function chainAuthenticators(authenticators: readonly Authenticator[]): Authenticator {
  return {
    name: authenticators.map((a) => a.name).join('+'),
    async authenticate(credentials) {
      for (const authenticator of authenticators) {
        const principal = await authenticator.authenticate(credentials);
        if (principal) return principal;
      }
      return null;
    },
  };
}
