export { createServer, type ServerDependencies } from './server.ts';
export { ApiOptionsSchema, type ApiOptions, type ApiOptionsInput } from './options.ts';
export { allow, anyAuthenticated, publicAccess, decideAccess, rolesOf, type Access, type AccessDecision } from './access.ts';
export { ProblemSchema, problem, toProblem, type Problem } from './problem.ts';
export type { ApiServices } from './services.ts';
export { dashboardMetrics, type DashboardMetrics } from './dashboard-queries.ts';
export { fallbackSubject } from './case-subject.ts';
export { API_MIGRATION_FOLDER, prepareServices, serverMigrationFolders } from './bootstrap.ts';
