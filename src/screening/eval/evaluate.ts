/**
 * Scores the matcher on a labelled evaluation set: query-level precision, recall, F1, and the
 * false-positive rate per negative category. Pure.
 */
import { screen } from '../match.ts';
import type { ScreeningIndex } from '../screening-index.ts';
import type { EvaluationCase } from './evaluation-set.ts';

export type CategoryFigures = { cases: number; found: number; rate: number };

export type EvaluationReport = {
  threshold: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  /** Per category: positives found (recall) or negatives hit (false-positive rate). */
  categories: Record<string, CategoryFigures>;
  misses: EvaluationCase[];
  falseAlarms: Array<EvaluationCase & { hit: string }>;
};

/**
 * A positive counts when its expected entry is among the hits at the threshold; a negative
 * counts as a false positive when anything is hit.
 * @example evaluate(index, cases, 0.8).f1
 */
export function evaluate(index: ScreeningIndex, cases: readonly EvaluationCase[], threshold: number): EvaluationReport {
  let truePositives = 0;
  let falseNegatives = 0;
  let falsePositives = 0;
  let negatives = 0;
  const categories: Record<string, CategoryFigures> = {};
  const misses: EvaluationCase[] = [];
  const falseAlarms: EvaluationReport['falseAlarms'] = [];
  for (const item of cases) {
    const hits = screen(index, { name: item.query }, { threshold, limit: 10 });
    const figures = categories[item.category] ?? { cases: 0, found: 0, rate: 0 };
    figures.cases++;
    if (item.expected !== null) {
      if (hits.some((hit) => `${hit.listId}:${hit.entryId}` === item.expected)) { truePositives++; figures.found++; }
      else { falseNegatives++; misses.push(item); }
    } else {
      negatives++;
      if (hits.length > 0) { falsePositives++; figures.found++; falseAlarms.push({ ...item, hit: hits[0]!.explanation }); }
    }
    categories[item.category] = figures;
  }
  for (const figures of Object.values(categories)) figures.rate = figures.cases === 0 ? 0 : Math.round((figures.found / figures.cases) * 10000) / 10000;
  const precision = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    positives: truePositives + falseNegatives,
    negatives,
    truePositives,
    falseNegatives,
    falsePositives,
    precision,
    recall,
    f1,
    falsePositiveRate: negatives === 0 ? 0 : falsePositives / negatives,
    categories,
    misses,
    falseAlarms,
  };
}
