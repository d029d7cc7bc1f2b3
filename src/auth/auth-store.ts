import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { hashPassword, verifyPassword, DEFAULT_PASSWORD_COST, MAX_PASSWORD_LENGTH, type PasswordCost } from './password.ts';
import { RoleSchema, type Role } from './roles.ts';
import type { SqlClient } from './sql.ts';
import { digestsEqual, newId, newToken, tokenDigest } from './tokens.ts';

export const UsernameSchema = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore only');

export const NewUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().min(1).max(200),
  password: z.string().min(12, 'must be at least 12 characters').max(MAX_PASSWORD_LENGTH),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role'),
  institutionId: z.string().min(1).max(128).optional(),
  /** The law-enforcement agency the user works for (FIU hub dissemination). */
  agencyId: z.string().min(1).max(64).optional(),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  institutionId: z.string().nullable(),
  agencyId: z.string().nullable(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/** Whoever is calling: a person with a session or a machine with an API key. */
export type Principal = {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  roles: Role[];
  institutionId: string | null;
  /** The law-enforcement agency of a user; null for API keys and everyone else. */
  agencyId: string | null;
};

export type SessionPolicy = {
  /** Session ends this long after login, whatever the activity. */
  absoluteMs: number;
  /** Session ends after this long without a request. */
  idleMs: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = { absoluteMs: 12 * 3600_000, idleMs: 30 * 60_000 };

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  institution_id: string | null;
  agency_id: string | null;
  disabled: boolean;
};

const RolesColumn = z.array(RoleSchema);

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    // A role name the code no longer knows grants nothing: fail closed.
    roles: RolesColumn.catch([]).parse(row.roles),
    institutionId: row.institution_id,
    agencyId: row.agency_id ?? null,
    disabled: row.disabled,
  };
}

export type AuthStoreOptions = {
  db: SqlClient;
  now: () => Date;
  passwordCost?: PasswordCost;
  sessionPolicy?: SessionPolicy;
  /**
   * How long a verified API key is trusted without asking the database again (default 5 s; 0
   * turns the cache off). Machines send a key with every request, and on the embedded database a
   * lookup waits behind any commit in flight. A key revoked through this store stops working at
   * once; one revoked by another process stops within this time.
   */
  apiKeyCacheMs?: number;
};

/** The most API keys remembered at once; past it the cache starts over (keys are few in practice). */
const API_KEY_CACHE_LIMIT = 10_000;

/**
 * Users, sessions and API keys kept in the store. Secrets are held only as digests.
 * @example
 * const auth = createAuthStore({ db, now: () => new Date() });
 * const user = await auth.createUser({ username: 'ana', displayName: 'Ana', password: '…', roles: ['institution_analyst'] });
 */
export function createAuthStore(options: AuthStoreOptions) {
  const { db, now } = options;
  const cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  const policy = options.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  // Spent on unknown usernames so that a login's timing does not reveal which names exist.
  let decoyHash: Promise<string> | null = null;
  const apiKeyCacheMs = options.apiKeyCacheMs ?? 5_000;
  // Keyed by the digest of the whole key, so a cached entry never answers for a wrong secret.
  const verifiedApiKeys = new Map<string, { principal: Principal; until: number }>();

  async function findUserRow(username: string): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>('SELECT * FROM auth_users WHERE username = $1', [username]);
    return rows[0];
  }

  return {
    async createUser(input: NewUser): Promise<User> {
      const parsed = NewUserSchema.safeParse(input);
      if (!parsed.success) {
        throw new ValidationError('invalid user', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(user)', reason: i.message })));
      }
      const user = parsed.data;
      if (await findUserRow(user.username)) throw new ConflictError(`user ${user.username} already exists`);
      const id = newId('usr');
      const hash = await hashPassword(user.password, cost);
      const { rows } = await db.query<UserRow>(
        `INSERT INTO auth_users (id, username, display_name, password_hash, roles, institution_id, agency_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [id, user.username, user.displayName, hash, user.roles, user.institutionId ?? null, user.agencyId ?? null, now().toISOString()],
      );
      return toUser(rows[0]!);
    },

    async listUsers(): Promise<User[]> {
      const { rows } = await db.query<UserRow>('SELECT * FROM auth_users ORDER BY username');
      return rows.map(toUser);
    },

    async findUser(username: string): Promise<User | null> {
      const row = await findUserRow(username);
      return row ? toUser(row) : null;
    },

    /**
     * Sets the institution and agency of a user where they are still unset (demo seeding of a
     * database created before users had agencies); never overwrites a set value.
     */
    async fillAffiliation(userId: string, affiliation: { institutionId?: string; agencyId?: string }): Promise<User> {
      const { rows } = await db.query<UserRow>(
        'UPDATE auth_users SET institution_id = COALESCE(institution_id, $2), agency_id = COALESCE(agency_id, $3) WHERE id = $1 RETURNING *',
        [userId, affiliation.institutionId ?? null, affiliation.agencyId ?? null],
      );
      if (!rows[0]) throw new NotFoundError(`no user ${userId}`, { userId });
      return toUser(rows[0]);
    },
    async setUserDisabled(userId: string, disabled: boolean): Promise<User> {
      const { rows } = await db.query<UserRow>('UPDATE auth_users SET disabled = $2 WHERE id = $1 RETURNING *', [userId, disabled]);
      if (!rows[0]) throw new NotFoundError(`no user ${userId}`, { userId });
      if (disabled) await db.query('DELETE FROM auth_sessions WHERE user_id = $1', [userId]);
      return toUser(rows[0]);
    },

    /** Checks a username and password; returns the user or null, taking similar time either way. */
    async checkPassword(username: string, password: string): Promise<User | null> {
      const row = await findUserRow(username);
      if (!row || row.disabled) {
        decoyHash ??= hashPassword('decoy password for timing', cost);
        await verifyPassword(password, await decoyHash);
        return null;
      }
      return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
    },

    /** Opens a session and returns its token (to be sent once, in a cookie). */
    async openSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
      const token = newToken();
      const at = now();
      const expiresAt = new Date(at.getTime() + policy.absoluteMs);
      await db.query(
        'INSERT INTO auth_sessions (token_digest, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
        [tokenDigest(token), userId, at.toISOString(), expiresAt.toISOString()],
      );
      return { token, expiresAt };
    },

    /** The principal of a live session, or null when unknown, expired, idle too long or disabled. */
    async resolveSession(token: string): Promise<Principal | null> {
      const digest = tokenDigest(token);
      const { rows } = await db.query<UserRow & { last_seen_at: Date | string; expires_at: Date | string }>(
        `SELECT u.*, s.last_seen_at, s.expires_at FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id
         WHERE s.token_digest = $1`,
        [digest],
      );
      const row = rows[0];
      if (!row || row.disabled) return null;
      const at = now().getTime();
      const lastSeen = new Date(row.last_seen_at).getTime();
      if (at >= new Date(row.expires_at).getTime() || at - lastSeen >= policy.idleMs) {
        await db.query('DELETE FROM auth_sessions WHERE token_digest = $1', [digest]);
        return null;
      }
      // Touch at most once a minute: reads stay reads.
      if (at - lastSeen > 60_000) {
        await db.query('UPDATE auth_sessions SET last_seen_at = $2 WHERE token_digest = $1', [digest, new Date(at).toISOString()]);
      }
      const user = toUser(row);
      return { kind: 'user', id: user.id, name: user.username, roles: user.roles, institutionId: user.institutionId, agencyId: user.agencyId };
    },

    async closeSession(token: string): Promise<void> {
      await db.query('DELETE FROM auth_sessions WHERE token_digest = $1', [tokenDigest(token)]);
    },

    /** Issues an API key; the returned `key` is shown once and stored only as a digest. */
    async createApiKey(input: { name: string; roles: Role[]; institutionId?: string | null; createdBy?: string | null }): Promise<{ id: string; key: string }> {
      const roles = RolesColumn.min(1).parse(input.roles);
      const id = newId('key');
      const secret = newToken();
      await db.query(
        `INSERT INTO auth_api_keys (id, name, secret_digest, roles, institution_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.name, tokenDigest(secret), roles, input.institutionId ?? null, input.createdBy ?? null, now().toISOString()],
      );
      return { id, key: `frk.${id}.${secret}` };
    },

    async listApiKeys(): Promise<Array<{ id: string; name: string; roles: Role[]; institutionId: string | null; revoked: boolean }>> {
      const { rows } = await db.query<{ id: string; name: string; roles: string[]; institution_id: string | null; revoked_at: unknown }>(
        'SELECT id, name, roles, institution_id, revoked_at FROM auth_api_keys ORDER BY created_at',
      );
      return rows.map((r) => ({ id: r.id, name: r.name, roles: RolesColumn.catch([]).parse(r.roles), institutionId: r.institution_id, revoked: r.revoked_at !== null }));
    },

    async revokeApiKey(id: string): Promise<void> {
      const { rows } = await db.query('UPDATE auth_api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id, now().toISOString()]);
      for (const [digest, entry] of verifiedApiKeys) if (entry.principal.id === id) verifiedApiKeys.delete(digest);
      if (!rows[0]) throw new NotFoundError(`no active API key ${id}`, { apiKeyId: id });
    },

    /** The principal of an API key `frk.<id>.<secret>`, or null when malformed, unknown or revoked. */
    async resolveApiKey(key: string): Promise<Principal | null> {
      const match = /^frk\.(key_[A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(key);
      if (!match) return null;
      const keyDigest = tokenDigest(key);
      const at = now().getTime();
      const cached = verifiedApiKeys.get(keyDigest);
      if (cached && cached.until > at) return cached.principal;
      verifiedApiKeys.delete(keyDigest);
      const { rows } = await db.query<{ id: string; name: string; secret_digest: string; roles: string[]; institution_id: string | null; revoked_at: unknown }>(
        'SELECT id, name, secret_digest, roles, institution_id, revoked_at FROM auth_api_keys WHERE id = $1',
        [match[1]],
      );
      const row = rows[0];
      if (!row || row.revoked_at !== null || !digestsEqual(row.secret_digest, tokenDigest(match[2]!))) return null;
      const principal: Principal = { kind: 'api_key', id: row.id, name: row.name, roles: RolesColumn.catch([]).parse(row.roles), institutionId: row.institution_id, agencyId: null };
      if (apiKeyCacheMs > 0) {
        if (verifiedApiKeys.size >= API_KEY_CACHE_LIMIT) verifiedApiKeys.clear();
        verifiedApiKeys.set(keyDigest, { principal, until: at + apiKeyCacheMs });
      }
      return principal;
    },
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;
