export { ROLES, ROLE_GROUPS, RoleSchema, roleAllowed, type Role } from './roles.ts';
export { hashPassword, verifyPassword, DEFAULT_PASSWORD_COST, MAX_PASSWORD_LENGTH, type PasswordCost } from './password.ts';
export { newToken, tokenDigest } from './tokens.ts';
export { AUTH_MIGRATION_FOLDER, type SqlClient } from './sql.ts';
export { applyAuthSchema } from './schema.ts';
export {
  createAuthStore,
  NewUserSchema,
  UserSchema,
  UsernameSchema,
  DEFAULT_SESSION_POLICY,
  type AuthStore,
  type AuthStoreOptions,
  type NewUser,
  type User,
  type Principal,
  type SessionPolicy,
} from './auth-store.ts';
export {
  SESSION_COOKIE,
  sessionAuthenticator,
  apiKeyAuthenticator,
  chainAuthenticators,
  type Authenticator,
  type Credentials,
} from './authenticator.ts';
export { DEMO_USERS, seedDemoUsers } from './demo-users.ts';
