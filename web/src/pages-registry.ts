import type { Role } from './api.ts';

const INSTITUTION: readonly Role[] = ['institution_analyst', 'institution_approver'];
const FIU: readonly Role[] = ['fiu_analyst', 'fiu_supervisor'];
const AGENCY_ADMINISTRATION: readonly Role[] = ['administrator', 'fiu_supervisor'];
const EVERYONE: readonly Role[] = ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator', 'supervisor', 'administrator'];
// Safe-harbor sharing: the roles of the API's sharing rule; the node then checks the investigator's registration.
const SHARING: readonly Role[] = ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor'];

/** Navigation sections, in the order the side navigation shows them. `overview` has no heading. */
export const NAV_GROUPS = ['overview', 'institution', 'fiu', 'investigation', 'sharing', 'administration', 'reference'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/**
 * The pages and who may open them. This mirrors the API's route rules for navigation only:
 * the server enforces access on every request whatever the browser shows. A page owns its path
 * and every path below it (`/cases/C-1` belongs to `/cases`).
 */
export const PAGES = [
  { path: '/', key: 'dashboard', group: 'overview', roles: EVERYONE },
  { path: '/alerts', key: 'alerts', group: 'institution', roles: INSTITUTION },
  { path: '/cases', key: 'cases', group: 'institution', roles: INSTITUTION },
  { path: '/reports', key: 'reports', group: 'institution', roles: INSTITUTION },
  { path: '/fiu-intake', key: 'institutionIntake', group: 'institution', roles: INSTITUTION },
  { path: '/fiu-messages', key: 'institutionMessages', group: 'institution', roles: INSTITUTION },
  { path: '/fiu/triage', key: 'fiuTriage', group: 'fiu', roles: FIU },
  { path: '/fiu/entities', key: 'fiuEntities', group: 'fiu', roles: FIU },
  { path: '/fiu/disseminations', key: 'fiuDissemination', group: 'fiu', roles: FIU },
  { path: '/fiu/subject-lists', key: 'fiuSubjectLists', group: 'fiu', roles: FIU },
  { path: '/fiu/exchange', key: 'fiuExchange', group: 'fiu', roles: FIU },
  { path: '/fiu/scorecards', key: 'fiuScorecards', group: 'fiu', roles: FIU },
  { path: '/investigator/packages', key: 'investigatorPackages', group: 'investigation', roles: ['law_enforcement_investigator'] },
  { path: '/investigator/search', key: 'investigatorSearch', group: 'investigation', roles: ['law_enforcement_investigator'] },
  { path: '/sharing', key: 'sharing', group: 'sharing', roles: SHARING },
  { path: '/match', key: 'sharingMatch', group: 'sharing', roles: SHARING },
  { path: '/shared-cases', key: 'sharedCases', group: 'sharing', roles: SHARING },
  { path: '/roundtables', key: 'roundtables', group: 'sharing', roles: SHARING },
  { path: '/agencies', key: 'agencies', group: 'administration', roles: AGENCY_ADMINISTRATION },
  { path: '/screening', key: 'screening', group: 'reference', roles: ['institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator'] },
  { path: '/typologies', key: 'typologies', group: 'reference', roles: EVERYONE },
  { path: '/guidance', key: 'guidance', group: 'reference', roles: EVERYONE },
  { path: '/audit', key: 'audit', group: 'reference', roles: ['institution_approver', 'fiu_supervisor', 'supervisor', 'administrator'] },
] as const satisfies ReadonlyArray<{ path: string; key: string; group: NavGroup; roles: readonly Role[] }>;

export type PageKey = (typeof PAGES)[number]['key'];

/** The page a path belongs to: `/cases/C-1` belongs to `/cases`. */
export function pageOf(path: string) {
  return PAGES.find((page) => (page.path === '/' ? path === '/' : path === page.path || path.startsWith(`${page.path}/`)));
}
