import type { FastifyInstance } from 'fastify';
import { createServer, prepareServices, type ApiServices, type ServerDependencies } from '../src/api/index.ts';
import { createAuthStore, ROLES, SESSION_COOKIE, type Role } from '../src/auth/index.ts';
import { openDatabase, type Database } from '../src/store/index.ts';
import { createMemoryAuditLog } from '../src/audit/index.ts';
import { createHttpTransport, createLocalBlindingEngine, createSharingNode, generateEncryptionKeys, generateIdentity, screeningNameParser } from '../src/sharing/index.ts';

/** A sharing node with no peers: enough to mount and exercise the sharing routes' access rules. */
function testSharingNode() {
  return createSharingNode({
    identity: generateIdentity('test-bank'),
    encryption: generateEncryptionKeys(),
    audit: createMemoryAuditLog(),
    engine: createLocalBlindingEngine(),
    nameParser: screeningNameParser,
    subjects: async () => [],
    clock: () => new Date(),
    transport: createHttpTransport({ timeoutMs: 1000 }),
  });
}

/** Cheap scrypt for tests only: the format and code path are the production ones. */
export const TEST_PASSWORD_COST = { logN: 10, blockSize: 8, parallelization: 1 };

export type Harness = {
  app: FastifyInstance;
  db: Database;
  services: ApiServices;
  /** A session cookie header per role, one user per role. */
  cookieFor: Record<Role, string>;
  userIdFor: Record<Role, string>;
  close(): Promise<void>;
};

/** A server on an in-memory PGlite, migrated like production, with one signed-in user per role. */
export async function startHarness(extra: Partial<ServerDependencies> = {}): Promise<Harness> {
  const db = await openDatabase({ dataDirectory: 'memory://' });
  const services = { ...(await prepareServices(db)), sharing: testSharingNode() };
  const now = () => new Date();
  const auth = createAuthStore({ db, now, passwordCost: TEST_PASSWORD_COST });
  const cookieFor = {} as Record<Role, string>;
  const userIdFor = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await auth.createUser({ username: role.replaceAll('_', '-'), displayName: role, password: `password-of-${role}`, roles: [role] });
    const session = await auth.openSession(user.id);
    cookieFor[role] = `${SESSION_COOKIE}=${session.token}`;
    userIdFor[role] = user.id;
  }
  const app = await createServer({ db, services, passwordCost: TEST_PASSWORD_COST, ...extra });
  await app.ready();
  return {
    app,
    db,
    services,
    cookieFor,
    userIdFor,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
