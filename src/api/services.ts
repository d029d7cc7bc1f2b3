import type { VerifiedPackage } from '../advisories/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CaseRepository, CaseSubject, VulnerableActivity } from '../cases/index.ts';
import type { Alert, Transaction } from '../domain/index.ts';
import type { FiuHub } from '../fiu/index.ts';
import type { FilerProfile } from '../reports/index.ts';
import type { ScreeningIndex } from '../screening/index.ts';
import type { SharingNode } from '../sharing/index.ts';
import type { TypologyDocument } from '../typologies/index.ts';
import type { Store } from '../store/index.ts';

/**
 * The capabilities the API exposes, passed in by whoever builds the server. Routes call these
 * modules' public APIs and never re-implement their logic. A route group is registered only
 * when the capability it wraps is present.
 */
export type ApiServices = {
  /** Transaction log, alerts, quarantine (src/store). */
  store?: Store;
  /** The hash-chained audit log (src/audit). Every authenticated action is written here. */
  audit?: AuditLog;
  /** Cases and their four-eyes workflow (src/cases). */
  cases?: CaseRepository;
  /**
   * Who a case opened from alerts is about. The demo pipeline knows its parties; without this
   * the subject is described from the transactions themselves.
   */
  resolveSubject?: (alerts: readonly Alert[], transactions: readonly Transaction[]) => Promise<CaseSubject | null>;
  /** A vehicle sale the subject paid for among a new case's transactions (for the SAT VEH notice). */
  resolveVulnerableActivity?: (subject: CaseSubject, transactions: readonly Transaction[]) => Promise<VulnerableActivity | null>;
  /** Who files: transmitter, filing institution, contact office (src/reports). Reports need it. */
  filerProfile?: FilerProfile;
  /** The designation lists to search (src/screening), already indexed. */
  screeningIndex?: ScreeningIndex;
  /** The typology documents in force (src/typologies). */
  typologies?: readonly TypologyDocument[];
  /** Advisory packages already verified against a key registry (src/advisories), listed by `GET /advisories`. */
  advisories?: readonly VerifiedPackage[];
  /** Backtest figures per typology id, from an evaluation run on labelled (synthetic) data. */
  backtests?: Record<string, { precision: number | null; recall: number | null; alerts: number; byPattern: Array<{ pattern: string; alerts: number; truePositives: number }> }>;
  /** This institution's safe-harbor sharing node (src/sharing), mounted under /sharing/v1. */
  sharing?: SharingNode;
  /** The FIU hub (src/fiu: intake, entities, triage, dissemination, feedback, subject lists), mounted under /api/fiu. */
  fiu?: FiuHub;
  /** Hands freshly ingested transactions to monitoring (the engine), when it runs in this process. */
  monitor?: (transactions: readonly Transaction[]) => Promise<void>;
};
