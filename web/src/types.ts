import type { NetworkTransaction } from './components/network-graph.tsx';

export type DashboardMetrics = {
  totals: { transactions: number; alerts: number; openAlerts: number; openCases: number };
  volumeByDay: Array<{ day: string; transactions: number; amountUsdMinor: number }>;
  alertsByTypology: Array<{ typologyId: string; count: number }>;
  precisionByWeek: Array<{ week: string; closedAlerts: number; confirmed: number; precision: number | null }>;
  workloadByDay: Array<{ day: string; newAlerts: number; closedAlerts: number; openAlerts: number }>;
};

export type AlertSummary = {
  id: string;
  typologyId: string;
  subjectKey: string;
  score: number;
  severity: 'alert' | 'interdict';
  time: string;
  status: string;
  summary: string;
};

export type AlertDetail = {
  alert: AlertSummary & {
    typologyVersion: string;
    transactionIds: string[];
    explanation: { rules: Array<{ id: string; description: string; fired: boolean; weight: number }>; features: Record<string, number | string | boolean | null>; summary: string };
  };
  transactions: NetworkTransaction[];
};

export type CaseSummary = { id: string; subjectKey: string; status: string; assignee: string | null; openedAt: string; alertCount: number; jurisdiction: string };

export type CaseDetail = {
  case: {
    id: string;
    subjectKey: string;
    status: string;
    jurisdiction: string;
    assignee?: string;
    preparer?: string;
    approval?: { approver: string; approvedAt: string };
    openedAt: string;
    alerts: Array<{ id: string; typologyId: string; score: number; time: string; explanation: { summary: string } }>;
    transactions: NetworkTransaction[];
    narrative: { en?: string; es?: string };
  };
  timeline: Array<{ time: string; actor: string; action: string; details: Record<string, unknown> }>;
  reports: ReportSummary[];
};

export type ReportSummary = { id: string; caseId: string; format: string; valid: boolean; issues: Array<{ field: string; reason: string }>; createdAt: string; createdBy: string; fileName: string | null; validatedAgainst: string | null };

export type ScreeningMatch = { listId: string; entryId: string; entryType: string; name: string; matchedName: string; score: number; programs: string[]; explanation: string };

export type TypologySummary = {
  id: string;
  version: string;
  name: { en: string; es: string };
  description: { en: string; es: string };
  advisory?: string;
  sarKeyTerm?: string;
  sources: Array<{ kind: string; id: string; title: string; publisher: string }>;
  redFlags: { en: string[]; es: string[] };
  measured: { alerts: number; dispositioned: number; escalated: number; precision: number | null };
  backtest?: { precision: number | null; recall: number | null; alerts: number; byPattern: Array<{ pattern: string; alerts: number; truePositives: number }> };
};

export type AuditEntry = { sequence: number; time: string; actor: string; action: string; subject: { kind: string; id: string }; details: Record<string, unknown>; hash: string };

type Localized = { en: string; es: string };

/** One public enforcement action, as `GET /enforcement-actions` lists it. */
export type EnforcementActionSummary = {
  id: string;
  authority: string[];
  date: string;
  institution: string;
  institutionKind: string;
  country: string;
  actionType: string;
  penalty: { amountMinor: number; currency: string; note: Localized } | null;
  summary: Localized;
  controlFailures: Localized[];
  redFlags: Localized[];
  typologies: string[];
  sources: Array<{ title: string; publisher: string; url: string }>;
};

/** One verified advisory package, as `GET /advisories` lists it. */
export type AdvisorySummary = {
  id: string;
  version: string;
  issuer: string;
  kind: string;
  date: string;
  title: Localized;
  summary: Localized;
  url?: string;
  sarKeyTerm?: string;
  redFlags: Localized[];
  typologies: Array<{ id: string; version: string }>;
  enforcementActions: string[];
  signature: { keyId: string; signedAt: string; expiresAt: string; demo: boolean } | null;
  warnings: string[];
};
