import { appendAuditEntry } from '../audit/index.ts';
import { NotFoundError } from '../errors.ts';
import type { ScreeningIndex } from '../screening/index.ts';
import type { Database } from '../store/index.ts';
import type { DisseminationService } from './dissemination.ts';
import type { FiuStore } from './repository.ts';
import { applyTriageFeedback, DEFAULT_TRIAGE_WEIGHTS, screenReportSubjects, triage, TRIAGE_FEATURES, type RankedNetwork, type RankedReport, type TriageWeights } from './triage.ts';

export interface TriageService {
  weights(): Promise<{ version: number; weights: TriageWeights }>;
  /** The ranked queue of reports and networks, best first, with reasons. */
  queue(input: { now: string; limit?: number }): Promise<{ reports: RankedReport[]; networks: RankedNetwork[]; weightsVersion: number }>;
  /** An analyst's decision on a report; moves the weights one step and is audited. */
  recordDecision(input: { reportId: string; outcome: 'useful' | 'not_useful'; analyst: string; time: string }): Promise<{ version: number; weights: TriageWeights }>;
}

function parseWeights(value: unknown): TriageWeights {
  const raw: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const weights: TriageWeights = { ...DEFAULT_TRIAGE_WEIGHTS };
  if (typeof raw === 'object' && raw !== null) {
    for (const key of ['bias', ...TRIAGE_FEATURES] as const) {
      const candidate = (raw as Record<string, unknown>)[key];
      if (typeof candidate === 'number' && Number.isFinite(candidate)) weights[key] = candidate;
    }
  }
  return weights;
}

/**
 * @example
 * const triageService = createTriageService({ database, fiu, dissemination, designations: defaultDesignationIndex() });
 * const { reports } = await triageService.queue({ now: '2026-03-10T00:00:00Z', limit: 50 });
 */
export function createTriageService(dependencies: { database: Database; fiu: FiuStore; dissemination: DisseminationService; designations: ScreeningIndex }): TriageService {
  const { database, fiu, dissemination } = dependencies;
  async function weights(): Promise<{ version: number; weights: TriageWeights }> {
    const rows = await database.query<{ version: number; weights: unknown }>('SELECT version, weights FROM fiu_triage_weights ORDER BY version DESC LIMIT 1');
    const row = rows.rows[0];
    return row === undefined ? { version: 0, weights: { ...DEFAULT_TRIAGE_WEIGHTS } } : { version: row.version, weights: parseWeights(row.weights) };
  }
  async function queue(input: { now: string; limit?: number }) {
    const reports = await fiu.loadReports();
    const current = await weights();
    const ranked = triage(reports, {
      now: input.now,
      entityOf: await fiu.entityMembership(),
      designations: screenReportSubjects(reports, dependencies.designations),
      disseminatedReportIds: await dissemination.disseminatedReportIds(),
      weights: current.weights,
    });
    const limit = input.limit ?? ranked.reports.length;
    return { reports: ranked.reports.slice(0, limit), networks: ranked.networks.slice(0, limit), weightsVersion: current.version };
  }
  return {
    weights,
    queue,
    async recordDecision(input) {
      const { reports } = await queue({ now: input.time });
      const ranked = reports.find((entry) => entry.reportId === input.reportId);
      if (ranked === undefined) throw new NotFoundError(`unknown report ${input.reportId}`);
      const current = await weights();
      const next = applyTriageFeedback(current.weights, ranked.features, input.outcome);
      const version = current.version + 1;
      await database.transaction(async (tx) => {
        await tx.query('INSERT INTO fiu_triage_feedback (report_id, outcome, features, analyst, decided_at) VALUES ($1,$2,$3,$4,$5)', [input.reportId, input.outcome, JSON.stringify(ranked.features), input.analyst, input.time]);
        await tx.query('INSERT INTO fiu_triage_weights (version, weights, updated_at, updated_by) VALUES ($1,$2,$3,$4)', [version, JSON.stringify(next), input.time, input.analyst]);
        await appendAuditEntry(tx, { time: input.time, actor: input.analyst, action: 'fiu.triage.decided', subject: { kind: 'fiu-report', id: input.reportId }, details: { outcome: input.outcome, weightsVersion: version, score: ranked.score } });
      });
      return { version, weights: next };
    },
  };
}
