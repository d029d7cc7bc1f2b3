import { z } from 'zod';

/**
 * The seven roles of Frontera. A person or machine holds one or more; every API route declares
 * which of them may call it.
 */
export const ROLES = [
  'institution_analyst',
  'institution_approver',
  'fiu_analyst',
  'fiu_supervisor',
  'law_enforcement_investigator',
  'supervisor',
  'administrator',
] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Roles grouped by the party they belong to, for route rules that read like the design. */
export const ROLE_GROUPS = {
  institution: ['institution_analyst', 'institution_approver'],
  fiu: ['fiu_analyst', 'fiu_supervisor'],
  lawEnforcement: ['law_enforcement_investigator'],
  supervision: ['supervisor'],
  administration: ['administrator'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Whether a principal holding `held` roles satisfies a rule listing `allowed` roles.
 * @example roleAllowed(['institution_analyst'], ['institution_analyst', 'administrator']) === true
 */
export function roleAllowed(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.some((role) => allowed.includes(role));
}
