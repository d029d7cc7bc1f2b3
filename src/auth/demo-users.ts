import { createAuthStore, type User } from './auth-store.ts';
import type { PasswordCost } from './password.ts';
import type { Role } from './roles.ts';
import type { SqlClient } from './sql.ts';

/** One demo login per role. The passwords are public: demo data only, never a deployment. */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; password: string; role: Role }> = [
  { username: 'ana.analyst', displayName: 'Ana Analyst (institution)', password: 'demo-institution-analyst', role: 'institution_analyst' },
  { username: 'aaron.approver', displayName: 'Aaron Approver (institution)', password: 'demo-institution-approver', role: 'institution_approver' },
  { username: 'fatima.fiu', displayName: 'Fátima FIU analyst', password: 'demo-fiu-analyst', role: 'fiu_analyst' },
  { username: 'sergio.fiu', displayName: 'Sergio FIU supervisor', password: 'demo-fiu-supervisor', role: 'fiu_supervisor' },
  { username: 'lena.investigator', displayName: 'Lena Investigator (law enforcement)', password: 'demo-law-enforcement', role: 'law_enforcement_investigator' },
  { username: 'sofia.supervisor', displayName: 'Sofía Supervisor (CNBV)', password: 'demo-supervisor', role: 'supervisor' },
  { username: 'admin', displayName: 'Administrator', password: 'demo-administrator', role: 'administrator' },
];

/**
 * Creates the demo users that do not exist yet (one per role) and returns all of them. The
 * institution roles get `institutionId` and the investigator gets `agencyId`, also on users
 * created by an earlier start that had none (a set value is never changed).
 * @example const users = await seedDemoUsers(db, { now: () => new Date(), institutionId: 'bank-us-001', agencyId: 'HSI-ELP' });
 */
export async function seedDemoUsers(
  db: SqlClient,
  options: { now?: () => Date; institutionId?: string; agencyId?: string; passwordCost?: PasswordCost } = {},
): Promise<User[]> {
  const store = createAuthStore({ db, now: options.now ?? (() => new Date()), ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}) });
  const users: User[] = [];
  for (const demo of DEMO_USERS) {
    const institutional = demo.role === 'institution_analyst' || demo.role === 'institution_approver';
    const affiliation = {
      ...(institutional && options.institutionId ? { institutionId: options.institutionId } : {}),
      ...(demo.role === 'law_enforcement_investigator' && options.agencyId ? { agencyId: options.agencyId } : {}),
    };
    const existing = await store.findUser(demo.username);
    if (existing) {
      const missing = (affiliation.institutionId !== undefined && existing.institutionId === null) || (affiliation.agencyId !== undefined && existing.agencyId === null);
      users.push(missing ? await store.fillAffiliation(existing.id, affiliation) : existing);
      continue;
    }
    users.push(await store.createUser({ username: demo.username, displayName: demo.displayName, password: demo.password, roles: [demo.role], ...affiliation }));
  }
  return users;
}
