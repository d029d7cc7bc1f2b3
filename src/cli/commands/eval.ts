/**
 * `frontera eval`: precision and recall of alerts against ground-truth labels, per pattern.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Command } from 'commander';
import { z } from 'zod';
import { AlertSchema, fieldIssues, type Alert } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { evaluateDetection, type Label } from '../../engine/index.ts';

const MAX_FILE_BYTES = 2 * 1024 ** 3;

const LabelRowSchema = z.object({ transaction_id: z.string().min(1), pattern: z.string().min(1), instance_id: z.string().min(1) });

function readText(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) throw new ValidationError(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}

/** Reads alerts JSON Lines; every line must be an alert. */
export function readAlerts(path: string): Alert[] {
  const alerts: Alert[] = [];
  readText(path).split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ValidationError(`${path}:${index + 1} is not JSON: ${(error as Error).message}`);
    }
    const parsed = AlertSchema.safeParse(json);
    if (!parsed.success) throw new ValidationError(`${path}:${index + 1} is not an alert`, fieldIssues(parsed.error));
    alerts.push(parsed.data);
  });
  return alerts;
}

/** Reads labels.csv (transaction_id, pattern, instance_id). */
export function readLabels(path: string): Label[] {
  const rows: unknown[] = parse(readText(path), { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((row, index) => {
    const parsed = LabelRowSchema.safeParse(row);
    if (!parsed.success) throw new ValidationError(`${path} row ${index + 2} is not a label`, fieldIssues(parsed.error));
    return { transactionId: parsed.data.transaction_id, pattern: parsed.data.pattern, instanceId: parsed.data.instance_id };
  });
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('measure alerts against ground-truth labels (synthetic data) per laundering pattern')
    .requiredOption('--alerts <file>', 'alerts written by `frontera scan` (JSON Lines)')
    .requiredOption('--labels <file>', 'labels.csv from `frontera synth` (transaction_id, pattern, instance_id)')
    .option('--json', 'print {"patterns":{"<name>":{"precision":p,"recall":r,"support":n}},"overall":{…}}')
    .option('--strict', 'count an alert as correct for a pattern only when it covers a transaction labelled with that pattern')
    .addHelpText(
      'after',
      `
Definitions:
  recall     an instance of a pattern is detected when any alert's transactionIds contains one of
             the instance's labelled transactions; recall = detected instances / instances
  support    the number of instances of the pattern
  precision  share of the alerts from typologies whose "patterns" include the pattern that contain
             at least one labelled transaction (of any pattern: the alert found real laundering);
             with --strict, at least one transaction labelled with that same pattern
  overall    micro-average over patterns (instances and alerts summed; an alert counts once for
             each pattern its typology names)`,
    )
    .action((options: { alerts: string; labels: string; json?: boolean; strict?: boolean }) => {
      const report = evaluateDetection(readAlerts(options.alerts), readLabels(options.labels), { strict: options.strict === true });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const rows = Object.entries(report.patterns).map(([name, m]) => `${name.padEnd(22)}${m.precision.toFixed(3).padStart(10)}${m.recall.toFixed(3).padStart(8)}${String(m.support).padStart(9)}`);
      const o = report.overall;
      process.stdout.write(
        [`${'pattern'.padEnd(22)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'support'.padStart(9)}`, ...rows, `${'overall'.padEnd(22)}${o.precision.toFixed(3).padStart(10)}${o.recall.toFixed(3).padStart(8)}${String(o.support).padStart(9)}`].join('\n') + '\n',
      );
    });
}
