import { DEFAULT_RATES, toUsdMinor, type RateTable } from '../domain/index.ts';
import { buildScreeningIndex, screen, section2313aList, usFto2025List, type ScreeningIndex } from '../screening/index.ts';
import type { FiuReport } from './records.ts';

/**
 * Triage: every report and every network (entities linked through shared reports) gets a score
 * in [0, 100] from named features, with the contribution of each feature shown as its reason.
 * The score is a logistic model, so analysts' decisions (useful / not useful) adjust the weights
 * by one gradient step each: what analysts act on rises in the queue.
 */

export const TRIAGE_FEATURES = ['amount', 'typology', 'designation', 'cross_border', 'institutions', 'recency', 'prior_dissemination', 'network_size'] as const;
export type TriageFeature = (typeof TRIAGE_FEATURES)[number];
export type TriageWeights = { bias: number } & Record<TriageFeature, number>;

/** Starting weights: a designated-party link or a prior dissemination matters most; amount alone least. */
export const DEFAULT_TRIAGE_WEIGHTS: TriageWeights = {
  bias: -3,
  amount: 1.5,
  typology: 1.5,
  designation: 4,
  cross_border: 1,
  institutions: 2,
  recency: 1,
  prior_dissemination: 2.5,
  network_size: 1.5,
};

const FEATURE_TEXT: Record<TriageFeature, { en: string; es: string }> = {
  amount: { en: 'amount reported', es: 'monto reportado' },
  typology: { en: 'typology or advisory match', es: 'coincidencia con tipología o alerta' },
  designation: { en: 'link to a designated person or FTO-designated cartel', es: 'vínculo con persona designada o cártel designado como FTO' },
  cross_border: { en: 'cross-border leg', es: 'tramo transfronterizo' },
  institutions: { en: 'several filing institutions', es: 'varias instituciones reportantes' },
  recency: { en: 'recent activity', es: 'actividad reciente' },
  prior_dissemination: { en: 'subject already disseminated', es: 'sujeto ya diseminado' },
  network_size: { en: 'size of the network', es: 'tamaño de la red' },
};

export type TriageReason = { feature: TriageFeature; value: number; contribution: number; detail: string; en: string; es: string };
export type RankedReport = { reportId: string; score: number; features: Record<TriageFeature, number>; reasons: TriageReason[]; networkId: string };
export type RankedNetwork = { networkId: string; score: number; reportIds: string[]; entityIds: string[]; institutions: string[]; countries: string[]; designations: string[]; reasons: string[] };

export type DesignationHit = { listId: string; entryId: string; name: string; score: number };

export type TriageContext = {
  /** ISO date-time "now", passed in. */
  now: string;
  /** subjectId → entityId (from resolution); subjects absent are their own entity. */
  entityOf: ReadonlyMap<string, string>;
  /** subjectId → designation hits (see `screenReportSubjects`). */
  designations: ReadonlyMap<string, readonly DesignationHit[]>;
  /** Reports already disseminated to law enforcement. */
  disseminatedReportIds: ReadonlySet<string>;
  weights?: TriageWeights;
  rates?: RateTable;
};

/** Advisory key terms (e.g. CMLN-2025-A003, FIN-2019-A006) and cartel words filers are asked to use. */
const KEY_TERM = /\b(?:[A-Z]{2,6}-\d{4}-A\d{3}|FIN-\d{4}-[A-Z]?\d{3})\b/;
const TYPOLOGY_WORDS = /\b(fentanyl|fentanilo|precursor|cartel|cártel|structuring|estructuraci[oó]n|funnel|embudo|tbml|mirror|espejo|bulk cash|cuckoo|pass-through)\b/i;

const sigmoid = (value: number): number => 1 / (1 + Math.exp(-value));

/**
 * The default designation screener: the built-in section 2313a and 2025 FTO lists.
 * @example const index = defaultDesignationIndex(); screenReportSubjects(reports, index)
 */
export function defaultDesignationIndex(): ScreeningIndex {
  return buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
}

/**
 * Screens every subject of the reports against a designation index.
 * @example const designations = screenReportSubjects(reports, defaultDesignationIndex());
 */
export function screenReportSubjects(reports: readonly FiuReport[], index: ScreeningIndex, threshold = 0.85): Map<string, DesignationHit[]> {
  const hits = new Map<string, DesignationHit[]>();
  for (const report of reports) {
    for (const subject of report.subjects) {
      if (subject.fullName.trim().length === 0) continue;
      const found = screen(index, { name: subject.fullName.slice(0, 400), kind: subject.kind === 'company' ? 'organization' : subject.kind }, { threshold, limit: 3 });
      if (found.length > 0) hits.set(subject.subjectId, found.map((hit) => ({ listId: hit.listId, entryId: hit.entryId, name: hit.name, score: hit.score })));
    }
  }
  return hits;
}

/**
 * One gradient step of the logistic model on an analyst's decision.
 * @example const next = applyTriageFeedback(weights, ranked.features, 'useful');
 */
export function applyTriageFeedback(weights: TriageWeights, features: Record<TriageFeature, number>, outcome: 'useful' | 'not_useful', learningRate = 0.2): TriageWeights {
  let linear = weights.bias;
  for (const feature of TRIAGE_FEATURES) linear += weights[feature] * features[feature];
  const error = (outcome === 'useful' ? 1 : 0) - sigmoid(linear);
  const next: TriageWeights = { ...weights, bias: weights.bias + learningRate * error };
  for (const feature of TRIAGE_FEATURES) next[feature] = Math.round((weights[feature] + learningRate * error * features[feature]) * 10_000) / 10_000;
  next.bias = Math.round(next.bias * 10_000) / 10_000;
  return next;
}

/**
 * Scores and ranks reports and networks, best first, each with its reasons.
 * @example
 * const { reports: queue, networks } = triage(reports, { now: '2026-03-10T00:00:00Z', entityOf, designations, disseminatedReportIds: new Set() });
 * queue[0]?.reasons[0]?.en // 'link to a designated person or FTO-designated cartel'
 */
export function triage(reports: readonly FiuReport[], context: TriageContext): { reports: RankedReport[]; networks: RankedNetwork[] } {
  const weights = context.weights ?? DEFAULT_TRIAGE_WEIGHTS;
  const rates = context.rates ?? DEFAULT_RATES;
  const nowMs = Date.parse(context.now);
  const entityOfSubject = (subjectId: string): string => context.entityOf.get(subjectId) ?? `subject:${subjectId}`;

  // Networks: entities joined whenever they appear in the same report.
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const entityReports = new Map<string, Set<string>>();
  const entityInstitutions = new Map<string, Set<string>>();
  const disseminatedEntities = new Set<string>();
  for (const report of reports) {
    const entities = report.subjects.map((subject) => entityOfSubject(subject.subjectId));
    for (const entity of entities) {
      if (!parent.has(entity)) parent.set(entity, entity);
      (entityReports.get(entity) ?? entityReports.set(entity, new Set()).get(entity)!).add(report.reportId);
      (entityInstitutions.get(entity) ?? entityInstitutions.set(entity, new Set()).get(entity)!).add(report.institution.institutionId);
      if (context.disseminatedReportIds.has(report.reportId)) disseminatedEntities.add(entity);
    }
    for (let i = 1; i < entities.length; i++) {
      const rootA = find(entities[0]!);
      const rootB = find(entities[i]!);
      if (rootA !== rootB) parent.set(rootB, rootA);
    }
  }
  const networkReports = new Map<string, Set<string>>();
  for (const [entity, reportIds] of entityReports) {
    const root = find(entity);
    const set = networkReports.get(root) ?? new Set<string>();
    for (const reportId of reportIds) set.add(reportId);
    networkReports.set(root, set);
  }

  const ranked: RankedReport[] = [];
  for (const report of reports) {
    const entities = [...new Set(report.subjects.map((subject) => entityOfSubject(subject.subjectId)))];
    const usd = safeUsd(report.amountMinor, report.currency, rates);
    const keyTerm = KEY_TERM.exec(report.narrative)?.[0];
    const typologyWord = TYPOLOGY_WORDS.exec(report.narrative)?.[0];
    const hits = report.subjects.flatMap((subject) => context.designations.get(subject.subjectId) ?? []);
    const bestHit = hits.sort((a, b) => b.score - a.score)[0];
    const crossBorder = report.transactions.find((transaction) => transaction.fromCountry !== undefined && transaction.toCountry !== undefined && transaction.fromCountry !== transaction.toCountry)
      ?? (report.subjects.some((subject) => subject.country !== undefined && report.institution.country !== undefined && subject.country !== report.institution.country) ? { fromCountry: report.subjects.find((subject) => subject.country !== report.institution.country)?.country, toCountry: report.institution.country } : undefined);
    const institutions = new Set(entities.flatMap((entity) => [...(entityInstitutions.get(entity) ?? [])]));
    const activityDate = report.activityTo ?? report.filedOn;
    const ageDays = activityDate === undefined ? 365 : Math.max(0, (nowMs - Date.parse(`${activityDate}T00:00:00Z`)) / 86_400_000);
    const disseminatedBefore = entities.some((entity) => disseminatedEntities.has(entity)) && !context.disseminatedReportIds.has(report.reportId);
    const networkId = find(entities[0] ?? `report:${report.reportId}`);
    const networkSize = networkReports.get(networkId)?.size ?? 1;
    const features: Record<TriageFeature, number> = {
      amount: clamp(Math.log10(Math.max(usd, 100_000) / 100_000) / 3),
      typology: clamp((report.categories.length > 0 ? 0.34 : 0) + (keyTerm ? 0.33 : 0) + (typologyWord ? 0.33 : 0)),
      designation: bestHit?.score ?? 0,
      cross_border: crossBorder ? 1 : 0,
      institutions: clamp((institutions.size - 1) / 3),
      recency: Math.round(Math.exp(-ageDays / 90) * 1000) / 1000,
      prior_dissemination: disseminatedBefore ? 1 : 0,
      network_size: clamp(Math.log2(networkSize) / 5),
    };
    const details: Record<TriageFeature, string> = {
      amount: `USD ${(usd / 100).toFixed(2)}`,
      typology: [report.categories.length > 0 ? `categories ${report.categories.slice(0, 4).join(', ')}` : '', keyTerm ? `key term ${keyTerm}` : '', typologyWord ? `"${typologyWord}"` : ''].filter(Boolean).join('; '),
      designation: bestHit ? `${bestHit.name} (${bestHit.listId} ${bestHit.entryId}, ${bestHit.score.toFixed(2)})` : '',
      cross_border: crossBorder ? `${crossBorder.fromCountry ?? '?'} → ${crossBorder.toCountry ?? '?'}` : '',
      institutions: `${institutions.size} institution(s): ${[...institutions].slice(0, 5).join(', ')}`,
      recency: `${Math.round(ageDays)} day(s) since the activity`,
      prior_dissemination: disseminatedBefore ? 'an entity of this report was in a disseminated report' : '',
      network_size: `${networkSize} report(s) in the network`,
    };
    let linear = weights.bias;
    const reasons: TriageReason[] = [];
    for (const feature of TRIAGE_FEATURES) {
      const contribution = weights[feature] * features[feature];
      linear += contribution;
      if (features[feature] > 0) reasons.push({ feature, value: features[feature], contribution: Math.round(contribution * 1000) / 1000, detail: details[feature], ...FEATURE_TEXT[feature] });
    }
    reasons.sort((a, b) => b.contribution - a.contribution);
    ranked.push({ reportId: report.reportId, score: Math.round(sigmoid(linear) * 1000) / 10, features, reasons, networkId });
  }
  ranked.sort((a, b) => b.score - a.score || a.reportId.localeCompare(b.reportId));

  const byNetwork = new Map<string, RankedReport[]>();
  for (const entry of ranked) (byNetwork.get(entry.networkId) ?? byNetwork.set(entry.networkId, []).get(entry.networkId)!).push(entry);
  const reportById = new Map(reports.map((report) => [report.reportId, report]));
  const networks: RankedNetwork[] = [];
  for (const [networkId, members] of byNetwork) {
    const memberReports = members.map((member) => reportById.get(member.reportId)!);
    const entityIds = [...new Set(memberReports.flatMap((report) => report.subjects.map((subject) => entityOfSubject(subject.subjectId))))].sort();
    const institutions = [...new Set(memberReports.map((report) => report.institution.institutionId))].sort();
    const countries = [...new Set(memberReports.flatMap((report) => report.transactions.flatMap((transaction) => [transaction.fromCountry, transaction.toCountry]).filter((code): code is string => code !== undefined)))].sort();
    const designations = [...new Set(memberReports.flatMap((report) => report.subjects.flatMap((subject) => (context.designations.get(subject.subjectId) ?? []).map((hit) => hit.name))))].sort();
    // A network ranks by its strongest report plus a little for each further report (capped).
    const best = members[0]!.score;
    const score = Math.min(100, Math.round((best + Math.min(10, (members.length - 1) * 2)) * 10) / 10);
    const reasons = [`strongest report ${members[0]!.reportId} (${best})`, `${members.length} report(s)`, `${institutions.length} institution(s)`, ...(countries.length > 1 ? [`countries ${countries.join(', ')}`] : []), ...(designations.length > 0 ? [`designated: ${designations.join(', ')}`] : [])];
    networks.push({ networkId, score, reportIds: members.map((member) => member.reportId), entityIds, institutions, countries, designations, reasons });
  }
  networks.sort((a, b) => b.score - a.score || a.networkId.localeCompare(b.networkId));
  return { reports: ranked, networks };
}

function clamp(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

function safeUsd(amountMinor: number, currency: string, rates: RateTable): number {
  try {
    return toUsdMinor(amountMinor, currency, rates);
  } catch {
    // An unknown currency ranks as a small amount rather than blocking triage; the reason shows it.
    return 0;
  }
}
