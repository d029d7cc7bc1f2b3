import type { Role } from './api.ts';

/**
 * The pages and who may open them. This mirrors the API's route rules for navigation only:
 * the server enforces access on every request whatever the browser shows.
 */
export const PAGES = [
  { path: '/', key: 'dashboard', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator', 'supervisor', 'administrator'] },
  { path: '/alerts', key: 'alerts', roles: ['institution_analyst', 'institution_approver'] },
  { path: '/cases', key: 'cases', roles: ['institution_analyst', 'institution_approver'] },
  { path: '/screening', key: 'screening', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator'] },
  { path: '/typologies', key: 'typologies', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator', 'supervisor', 'administrator'] },
  { path: '/guidance', key: 'guidance', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator', 'supervisor', 'administrator'] },
  { path: '/reports', key: 'reports', roles: ['institution_analyst', 'institution_approver'] },
  { path: '/audit', key: 'audit', roles: ['institution_approver', 'fiu_supervisor', 'supervisor', 'administrator'] },
  // Safe-harbor sharing: the roles of the API's sharing rule; the node then checks the investigator's registration.
  { path: '/sharing', key: 'sharing', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor'] },
  { path: '/match', key: 'sharingMatch', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor'] },
  { path: '/shared-cases', key: 'sharedCases', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor'] },
  { path: '/roundtables', key: 'roundtables', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor'] },
] as const satisfies ReadonlyArray<{ path: string; key: string; roles: readonly Role[] }>;

export type PageKey = (typeof PAGES)[number]['key'];

/** The page a path belongs to: `/cases/C-1` belongs to `/cases`. */
export function pageOf(path: string) {
  return PAGES.find((page) => (page.path === '/' ? path === '/' : path === page.path || path.startsWith(`${page.path}/`)));
}
