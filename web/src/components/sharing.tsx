import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { Status } from './layout.tsx';

/** Shapes of the sharing routes (docs/sharing.md), as the pages read them. */
export type Registration = {
  institutionId: string;
  name: string;
  country: string;
  role: 'institution' | 'fiu' | 'supervisor';
  registrationNumber: string;
  legalBases: string[];
  registeredAt: string;
  expiresAt: string;
  withdrawnAt?: string;
  endpoint?: string;
  investigators: Array<{ id: string; name: string; email?: string }>;
  status: 'active' | 'not-yet-valid' | 'expired' | 'withdrawn';
};

export type MatchedSubject = { subjectId: string; keyKinds: string[]; handles: string[] };

export type SessionSummary = {
  sessionId: string;
  initiator: string;
  responder: string;
  purposeCode: string;
  purpose: string;
  legalBasis: string;
  mode: 'identify' | 'cardinality';
  keyKinds: string[];
  requestedBy: string;
  openedAt: string;
  role: 'initiator' | 'responder';
  status: 'open' | 'completed' | 'failed';
  completedAt?: string;
  failure?: string;
  outcome?: { mode: string; ownSubjectCount: number; ownKeyCount: number; otherElementCount: number; matchedKeyCount: number; matchedSubjects?: MatchedSubject[] };
};

export type SharedEntry = {
  entryId: string;
  institutionId: string;
  author: string;
  createdAt: string;
  kind: 'note' | 'alert' | 'transaction';
  subjectHandle: string;
  text?: string;
  alert?: { alertId: string; typologyId: string; time: string; score?: number; summary: string };
  transaction?: { id: string; time: string; amountMinor: number; currency: string; channel: string };
};

export type SharedCaseView = {
  caseId: string;
  sessionId: string;
  title: string;
  institutions: [string, string];
  investigators: Record<string, string[]>;
  handles: string[];
  openedAt: string;
  openedBy: string;
  entries: SharedEntry[];
  ownSubjectsByHandle: Record<string, string[]>;
};

export type SharedCaseSummary = { caseId: string; sessionId: string; title: string; institutions: string[]; openedAt: string; entries: number };

export type RoundtableView = {
  definition: { roundtableId: string; title: string; convener: string; participants: string[]; cells: Array<{ typology: string; corridor: string; measure: 'alerts' | 'reports' }>; periodStart: string; periodEnd: string; openedAt: string };
  status: 'open' | 'collecting' | 'completed';
  contributed: boolean;
  partialSumsFrom: string[];
  totals?: Array<{ typology: string; corridor: string; measure: 'alerts' | 'reports'; total: number }>;
  chart?: { en: Record<string, unknown>; es: Record<string, unknown> };
};

export const LEGAL_BASES = ['us-314b', 'bilateral-agreement', 'fiu-convened'] as const;
export const PURPOSE_CODES = ['money_laundering', 'terrorist_financing'] as const;

/** True when the server refused for lack of rights (role rule or the sharing registration). */
export function isDenied(error: unknown): boolean {
  return error instanceof ApiError && error.problem.status === 403;
}

/** The reason a request failed, in the server's words when it gave one. */
export function problemText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : fallback;
}

/**
 * Loading and error states of a sharing page: a 403 (the role or the investigator's
 * registration does not allow it) is shown as the access-denied state, not as a failure.
 */
export function SharingStatus({ loading, error }: { loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (isDenied(error)) {
    return (
      <div className="denied" role="alert">
        <h2>{t('errors.forbiddenTitle')}</h2>
        <p>{t('sharing.denied')}</p>
        <p className="hint">{problemText(error, '')}</p>
      </div>
    );
  }
  return <Status loading={loading} error={error} />;
}

/** The node's own institution id (this server's participant in the registry). */
export type NodeInfo = { institutionId: string };
