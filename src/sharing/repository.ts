/**
 * Durable records of a sharing node on the store: registrations, this side's session summaries,
 * shared cases and roundtable results. Protocol state (scalars, blinded sets, shares) is never
 * written. A thin adapter: each record is the node's validated document plus listing columns.
 */
import { z } from 'zod';
import type { Queryable } from '../store/index.ts';
import { IntegrityError } from '../errors.ts';
import { ParticipantRegistrationSchema, type ParticipantRegistration } from './registry.ts';
import { MatchKeyKindSchema } from './match-keys.ts';
import type { SessionSummary } from './node.ts';
import { PsiModeSchema } from './psi.ts';
import { LegalBasisSchema, SharingPurposeSchema } from './registry.ts';
import { RoundtableCellSchema, RoundtableDefinitionSchema } from './roundtable.ts';
import type { RoundtableView } from './roundtable-sessions.ts';
import { SharedEntrySchema, type SharedCase } from './shared-case.ts';

/** Where a node keeps its records; `createSqlSharingStore` is the store-backed one. */
export interface SharingStore {
  saveRegistration(registration: ParticipantRegistration): Promise<void>;
  listRegistrations(): Promise<ParticipantRegistration[]>;
  saveSession(summary: SessionSummary): Promise<void>;
  listSessions(): Promise<SessionSummary[]>;
  saveCase(sharedCase: SharedCase): Promise<void>;
  listCases(): Promise<SharedCase[]>;
  saveRoundtable(view: RoundtableView): Promise<void>;
  listRoundtables(): Promise<RoundtableView[]>;
}

/** The migration folder of the sharing module (versions 0400–0499). */
export const SHARING_MIGRATIONS_FOLDER = new URL('./migrations/', import.meta.url);

const DocumentRow = z.object({ document: z.unknown() });

function documentOf(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

// Every record read back is validated again; the schemas mirror the node's types.
const Text = z.string().max(2000);
const StoredSessionSchema = z.object({
  sessionId: Text, initiator: Text, responder: Text, purposeCode: SharingPurposeSchema, purpose: Text, legalBasis: LegalBasisSchema,
  mode: PsiModeSchema, keyKinds: z.array(MatchKeyKindSchema), requestedBy: Text, openedAt: Text,
  role: z.enum(['initiator', 'responder']), status: z.enum(['open', 'completed', 'failed']), completedAt: Text.optional(), failure: Text.optional(),
  outcome: z.object({
    mode: PsiModeSchema, ownSubjectCount: z.number(), ownKeyCount: z.number(), otherElementCount: z.number(), matchedKeyCount: z.number(),
    matchedSubjects: z.array(z.object({ subjectId: Text, keyKinds: z.array(MatchKeyKindSchema), handles: z.array(Text) })).optional(),
  }).optional(),
});
const StoredCaseSchema = z.object({
  caseId: Text, sessionId: Text, title: Text, institutions: z.tuple([Text, Text]), investigators: z.record(z.string(), z.array(Text)),
  handles: z.array(Text), openedAt: Text, openedBy: Text, entries: z.array(SharedEntrySchema),
});
const StoredRoundtableSchema = z.object({
  definition: RoundtableDefinitionSchema, status: z.enum(['open', 'collecting', 'completed']), contributed: z.boolean(), partialSumsFrom: z.array(Text),
  totals: z.array(RoundtableCellSchema.extend({ total: z.number() })).optional(), chart: z.object({ en: z.record(z.string(), z.unknown()), es: z.record(z.string(), z.unknown()) }).optional(),
});

/** Validates a stored record; the cast only drops zod's `| undefined` on optional members. */
function validated<T>(schema: z.ZodType, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new IntegrityError(`a stored ${what} is not valid`, { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
  return parsed.data as T;
}

/**
 * The sharing records on a Frontera database (PGlite or PostgreSQL), after migration 0400.
 * @example const store = createSqlSharingStore(database); const node = createSharingNode({ ..., store });
 */
export function createSqlSharingStore(db: Queryable): SharingStore {
  async function documents(sql: string): Promise<unknown[]> {
    const result = await db.query(sql);
    return result.rows.map((row) => documentOf(DocumentRow.parse(row).document));
  }
  return {
    async saveRegistration(registration) {
      await db.query(
        `INSERT INTO sharing_participants (institution_id, registration_number, registered_at, expires_at, document, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (institution_id) DO UPDATE SET registration_number = EXCLUDED.registration_number, registered_at = EXCLUDED.registered_at,
           expires_at = EXCLUDED.expires_at, document = EXCLUDED.document, updated_at = now()`,
        [registration.institutionId, registration.registrationNumber, registration.registeredAt, registration.expiresAt, registration],
      );
    },
    async listRegistrations() {
      return (await documents('SELECT document FROM sharing_participants ORDER BY institution_id')).map((document) => ParticipantRegistrationSchema.parse(document));
    },
    async saveSession(summary) {
      await db.query(
        `INSERT INTO sharing_sessions (session_id, role, initiator, responder, legal_basis, status, opened_at, document, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (session_id) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document, updated_at = now()`,
        [summary.sessionId, summary.role, summary.initiator, summary.responder, summary.legalBasis, summary.status, summary.openedAt, summary],
      );
    },
    async listSessions() {
      return (await documents('SELECT document FROM sharing_sessions ORDER BY opened_at, session_id')).map((document) => validated<SessionSummary>(StoredSessionSchema, document, 'session'));
    },
    async saveCase(sharedCase) {
      await db.query(
        `INSERT INTO sharing_cases (case_id, session_id, opened_at, document, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()`,
        [sharedCase.caseId, sharedCase.sessionId, sharedCase.openedAt, sharedCase],
      );
    },
    async listCases() {
      return (await documents('SELECT document FROM sharing_cases ORDER BY opened_at, case_id')).map((document) => validated<SharedCase>(StoredCaseSchema, document, 'shared case'));
    },
    async saveRoundtable(view) {
      await db.query(
        `INSERT INTO sharing_roundtables (roundtable_id, convener, status, document, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (roundtable_id) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document, updated_at = now()`,
        [view.definition.roundtableId, view.definition.convener, view.status, view],
      );
    },
    async listRoundtables() {
      return (await documents('SELECT document FROM sharing_roundtables ORDER BY roundtable_id')).map((document) => validated<RoundtableView>(StoredRoundtableSchema, document, 'roundtable'));
    },
  };
}
