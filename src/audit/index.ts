export { appendEntry, verifyChain, hashEntry, canonicalJson, GENESIS_HASH, AuditEventSchema, AuditEntrySchema } from './chain.ts';
export type { AuditEvent, AuditEntry, ChainProblem, ChainVerification } from './chain.ts';
export { appendAuditEntry, createSqlAuditLog, createMemoryAuditLog } from './repository.ts';
export type { AuditLog } from './repository.ts';
export type { SqlDatabase, SqlExecutor } from './sql.ts';
