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

/* FIU hub (docs/fiu.md): the shapes of the /api/fiu routes as the pages read them. */

export type Bilingual = { en: string; es: string };

export const TRIAGE_FEATURES = ['amount', 'typology', 'designation', 'cross_border', 'institutions', 'recency', 'prior_dissemination', 'network_size'] as const;
export type TriageFeature = (typeof TRIAGE_FEATURES)[number];
export type TriageReason = { feature: TriageFeature; value: number; contribution: number; detail: string; en: string; es: string };
export type RankedReport = { reportId: string; score: number; features: Record<TriageFeature, number>; reasons: TriageReason[]; networkId: string };
export type RankedNetwork = { networkId: string; score: number; reportIds: string[]; entityIds: string[]; institutions: string[]; countries: string[]; designations: string[]; reasons: string[] };
export type TriageQueue = { reports: RankedReport[]; networks: RankedNetwork[]; weightsVersion: number };

export type LinkEvidence =
  | { kind: 'identifier'; identifierKind: string; value: string }
  | { kind: 'name'; similarity: number; detail: string }
  | { kind: 'birth_date'; value: string }
  | { kind: 'address'; value: string }
  | { kind: 'analyst'; decision: 'merge'; by: string }
  | { kind: 'conflict'; detail: string };

export type FiuEntitySummary = { entityId: string; kind: string; displayName: string; mentionCount: number; resolvedAt: string };
export type FiuEntityDetail = FiuEntitySummary & {
  mentions: Array<{ subjectId: string; reportId: string; fullName: string; birthDate: string | null; identifiers: Array<{ kind: string; value: string }> }>;
  links: Array<{ from: string; to: string; score: number; evidence: LinkEvidence[] }>;
};
export type ResolutionRun = { mentions: number; candidatePairs: number; scoredPairs: number; links: number; oversizedBlocks: number; refusedJoins: number; entities: number };

export type FiuSubject = {
  subjectId: string;
  reportId: string;
  kind: 'person' | 'company' | 'unknown';
  role: string;
  fullName: string;
  birthDate?: string;
  country?: string;
  identifiers: Array<{ kind: string; value: string }>;
  addresses: string[];
};
export type FiuReport = {
  reportId: string;
  fileId: string;
  sequence: number;
  kind: string;
  filerReference: string;
  institution: { institutionId: string; name: string; country?: string };
  filedOn?: string;
  activityFrom?: string;
  activityTo?: string;
  amountMinor: number;
  currency: string;
  categories: string[];
  narrative: string;
  subjects: FiuSubject[];
  transactions: Array<{ date?: string; amountMinor: number; currency: string; fromCountry?: string; toCountry?: string; channel?: string; fromAccount?: string; toAccount?: string }>;
};

/** A report in the hub's list (`GET /api/fiu/reports`); dates are null when absent. */
export type FiuReportSummary = {
  reportId: string;
  kind: string;
  filerReference: string;
  institution: { institutionId: string; name: string };
  receivedAt: string;
  filedOn: string | null;
  activityFrom: string | null;
  activityTo: string | null;
  amountMinor: number;
  currency: string;
  categories: string[];
  subjectCount: number;
  subjectNames: string[];
  disseminatedTo: string[];
};
/** One report as the FIU reads it: each subject with the entity it resolved to. */
export type FiuReportDetail = Omit<FiuReport, 'subjects'> & { subjects: Array<FiuSubject & { entityId: string | null }>; disseminatedTo: string[] };

export type FiuAgency = { agencyId: string; name: string; country: string; investigators: number };
export type DisseminationPackage = { disseminationId: string; agencyId: string; title: string; analysis: string; createdBy: string; createdAt: string; reportIds: string[]; entityIds: string[] };
export type InvestigatorSearchHit = { reportId: string; subjectId: string; fullName: string; matchedOn: 'name' | 'identifier' };

export const CONSENT_LEVELS = ['intelligence_only', 'law_enforcement', 'prior_consent'] as const;
export type ExchangeMessage = {
  protocol: string;
  messageId: string;
  type: 'request' | 'response' | 'spontaneous_disclosure';
  sender: string;
  recipient: string;
  sentAt: string;
  inReplyTo?: string;
  subjectLine: Bilingual;
  receivedAt: string;
  payload: {
    body: string;
    subjects: Array<{ name: string; identifiers: Array<{ kind: string; value: string }>; birthDate?: string; country?: string }>;
    reportIds: string[];
    consent: { level: (typeof CONSENT_LEVELS)[number]; purposes: string[] };
    grantsConsentFor?: string;
  };
};

export type Scorecard = {
  institutionId: string;
  name: string;
  reports: number;
  completeness: number;
  timeliness: number;
  usefulness: number;
  mostMissing: Array<{ field: string; count: number }>;
  medianFilingDelayDays: number | null;
};
export type InstitutionMessage = { messageId: string; institutionId: string | null; kind: 'feedback' | 'advisory'; subject: Bilingual; body: string; reference: string | null; sentBy: string; sentAt: string };
export type ListSubject = { name: string; kind: 'person' | 'company'; birthDate?: string; identifiers: Array<{ kind: string; value: string }> };
export type SubjectList = { listId: string; title: string; requestingAgency: string; subjects: ListSubject[]; createdBy: string; createdAt: string; respondBy: string };
export type SubjectResult = { subjectIndex: number; matched: boolean; accounts: string[]; note: string };

/** One problem the hub found in a filed file; `sequence` null means the whole file was refused. */
export type IntakeError = { sequence: number | null; filerReference: string | null; line: number | null; location: string | null; reason: string };
/** The hub's answer to a filed file (docs/fiu.md, Intake). */
export type IntakeAcknowledgement = {
  fileId: string;
  fileName: string;
  filerId: string;
  receivedAt: string;
  detectedKind: string | null;
  validatedAgainst: string | null;
  status: 'accepted' | 'partially_accepted' | 'rejected';
  reportCount: number;
  accepted: Array<{ sequence: number; reportId: string; filerReference: string }>;
  errors: IntakeError[];
};
/** A subject list as the FIU sees it in its listing. */
export type SentSubjectList = SubjectList & { recipients: number; answered: number };
export type SubjectListResults = { list: SubjectList; matches: Array<SubjectResult & { institutionId: string }>; pending: string[] };
export type FiuInvestigator = { userId: string; username: string; displayName: string; active: boolean };
