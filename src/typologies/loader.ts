/**
 * Loads typology documents: zod validation of the document, then every rule expression is parsed,
 * type-checked against the feature catalog and compiled. Built-in and user typologies go through
 * this same function.
 */
import { fieldIssues } from '../domain/index.ts';
import { compileExpression, type CompiledExpression } from './expression-compiler.ts';
import { FEATURES, featureByName, featureNames, type FeatureGroup } from './feature-catalog.ts';
import { TypologySchema, type TypologyDocument } from './schema.ts';

/** A problem in a typology document; expression problems carry line:column inside the expression. */
export type TypologyIssue = { field: string; reason: string; expression?: string; line?: number; column?: number };

export type CompiledRule = {
  id: string;
  weight: number;
  description: { en: string; es: string };
  expression: CompiledExpression;
  /** Feature indices read by the rule. */
  featureIndices: number[];
  /** Feature groups the rule needs computed. */
  groups: FeatureGroup[];
  /** Relative cost of those groups (0 = only the current transaction … 5 = layered graph search). */
  cost: number;
};

export type CompiledTypology = {
  document: TypologyDocument;
  id: string;
  version: string;
  rules: CompiledRule[];
  /** Feature groups any rule reads, so the engine computes only those. */
  groups: ReadonlySet<FeatureGroup>;
  /** Rule indices from the cheapest to the most expensive to evaluate. */
  evaluationOrder: number[];
  /**
   * remainingPositive[i] = sum of the positive weights of rules at positions ≥ i of
   * evaluationOrder: once score + remainingPositive[i] < alertThreshold the outcome is decided.
   */
  remainingPositive: number[];
  /** Channel indices in scope (all when the document lists none). */
  channels: ReadonlySet<string> | null;
  evaluatesOriginator: boolean;
  evaluatesBeneficiary: boolean;
  /** Effective period in epoch seconds, `until` inclusive to the end of that day (UTC). */
  effectiveFromSeconds: number;
  effectiveUntilSeconds: number;
};

/** How expensive a feature group is to compute, to evaluate cheap rules first. */
const GROUP_COST: Record<FeatureGroup, number> = { current: 0, text: 1, flow: 1, fan: 1, window: 2, gather_scatter: 3, cycle: 3, scatter_gather: 4, bipartite: 4, stack: 5 };

export type LoadResult = { ok: true; value: CompiledTypology } | { ok: false; issues: TypologyIssue[] };

/** Renders issues one per line, e.g. `rules[1].when 1:9: unknown feature 'x' — did you mean 'y'?`. */
export function formatTypologyIssues(issues: TypologyIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line !== undefined ? `${issue.field} ${issue.line}:${issue.column}` : issue.field;
      const pointer = issue.expression !== undefined && issue.column !== undefined && !issue.expression.includes('\n')
        ? `\n      ${issue.expression}\n      ${' '.repeat(issue.column - 1)}^`
        : '';
      return `  - ${where}: ${issue.reason}${pointer}`;
    })
    .join('\n');
}

/**
 * Validates and compiles one typology document.
 * @example
 * const result = loadTypology(JSON.parse(text));
 * if (!result.ok) console.error(formatTypologyIssues(result.issues));
 */
export function loadTypology(input: unknown): LoadResult {
  const parsed = TypologySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const document = parsed.data;
  const issues: TypologyIssue[] = [];
  for (const name of Object.keys(document.parameters)) {
    if (featureByName(name)) issues.push({ field: `parameters.${name}`, reason: `parameter '${name}' would hide the feature of the same name` });
  }
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  const groups = new Set<FeatureGroup>();
  document.rules.forEach((rule, index) => {
    const field = `rules[${index}].when`;
    if (seen.has(rule.id)) issues.push({ field: `rules[${index}].id`, reason: `duplicate rule id '${rule.id}'` });
    seen.add(rule.id);
    const result = compileExpression(rule.when, {
      lookupFeature: featureByName,
      featureNames,
      parameters: document.parameters,
      expectedType: 'boolean',
    });
    if (!result.ok) {
      for (const issue of result.issues) issues.push({ field, reason: issue.reason, expression: rule.when, line: issue.line, column: issue.column });
      return;
    }
    const featureIndices = result.value.features.map((name) => featureByName(name)!.index);
    const ruleGroups = [...new Set(featureIndices.map((i) => FEATURES[i]!.group))];
    for (const group of ruleGroups) groups.add(group);
    const cost = Math.max(0, ...ruleGroups.map((group) => GROUP_COST[group]));
    rules.push({ id: rule.id, weight: rule.weight, description: rule.description, expression: result.value, featureIndices, groups: ruleGroups, cost });
  });
  const reachable = document.rules.reduce((sum, rule) => sum + Math.max(0, rule.weight), 0);
  if (reachable < document.alertThreshold) {
    issues.push({ field: 'alertThreshold', reason: `the positive rule weights add up to ${reachable}, so the threshold ${document.alertThreshold} can never be reached` });
  }
  if (document.alertThreshold <= 0) issues.push({ field: 'alertThreshold', reason: 'must be greater than 0, or every transaction would alert' });
  if (document.interdictionThreshold !== undefined && document.interdictionThreshold < document.alertThreshold) {
    issues.push({ field: 'interdictionThreshold', reason: 'must not be below alertThreshold' });
  }
  const from = Date.parse(`${document.effective.from}T00:00:00Z`) / 1000;
  const until = document.effective.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(`${document.effective.until}T00:00:00Z`) / 1000 + 86399;
  if (until < from) issues.push({ field: 'effective.until', reason: 'must not be before effective.from' });
  if (issues.length > 0) return { ok: false, issues };
  const evaluationOrder = rules.map((_, index) => index).sort((a, b) => rules[a]!.cost - rules[b]!.cost || a - b);
  const remainingPositive = new Array<number>(evaluationOrder.length + 1).fill(0);
  for (let i = evaluationOrder.length - 1; i >= 0; i--) remainingPositive[i] = remainingPositive[i + 1]! + Math.max(0, rules[evaluationOrder[i]!]!.weight);
  return {
    ok: true,
    value: {
      document,
      id: document.id,
      version: document.version,
      rules,
      groups,
      evaluationOrder,
      remainingPositive,
      channels: document.scope.channels ? new Set(document.scope.channels) : null,
      evaluatesOriginator: document.scope.side !== 'beneficiary',
      evaluatesBeneficiary: document.scope.side !== 'originator',
      effectiveFromSeconds: from,
      effectiveUntilSeconds: until,
    },
  };
}

/** Refuses two typologies with the same id and version, which would make alerts ambiguous. */
export function checkUniqueTypologies(typologies: CompiledTypology[]): TypologyIssue[] {
  const seen = new Set<string>();
  const issues: TypologyIssue[] = [];
  for (const typology of typologies) {
    const key = `${typology.id}@${typology.version}`;
    if (seen.has(key)) issues.push({ field: 'id', reason: `typology ${key} is loaded twice` });
    seen.add(key);
  }
  return issues;
}
