/**
 * End to end: `frontera synth` → `frontera scan` → `frontera eval` on a small corridor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertSchema } from '../src/domain/index.ts';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

test('synth, scan and eval a small corridor', () => {
  const directory = mkdtempSync(join(tmpdir(), 'frontera-scan-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'synth', '--seed', '11', '--transactions', '6000', '--days', '30', '--out', directory, '--no-progress']);
  // One duplicate and one unreadable row, to see them counted rather than lost.
  const csv = readFileSync(join(directory, 'transactions.csv'), 'utf8').trimEnd().split('\n');
  const columns = csv[0]!.split(',');
  const broken: Record<string, string> = { id: 'BROKEN-1', time: 'yesterday', amount: '10.00', currency: 'USD', channel: 'wire', originator_country: 'US', beneficiary_country: 'US' };
  const withProblems = [...csv, csv[1]!, columns.map((column) => broken[column] ?? '').join(',')].join('\n');
  writeFileSync(join(directory, 'input.csv'), `${withProblems}\n`);

  const alertsPath = join(directory, 'alerts.jsonl');
  const scan = cli(['scan', join(directory, 'input.csv'), '--out', alertsPath, '--no-progress']);
  assert.equal(scan.status, 0, scan.stderr);
  assert.match(scan.stderr, /transactions read: +6002/);
  assert.match(scan.stderr, /duplicates \(skipped\): +1/);
  assert.match(scan.stderr, /quarantined: +1 → .*alerts\.jsonl\.quarantine\.jsonl/);
  assert.match(scan.stderr, /transactions\/s/);
  const alerts = readFileSync(alertsPath, 'utf8').trim().split('\n').map((line) => AlertSchema.parse(JSON.parse(line)));
  assert.ok(alerts.length > 0);
  assert.equal(new Set(alerts.map((a) => a.id)).size, alerts.length);
  const quarantined = JSON.parse(readFileSync(`${alertsPath}.quarantine.jsonl`, 'utf8').trim());
  assert.equal(quarantined.issues[0].field, 'time');

  const evaluation = cli(['eval', '--alerts', alertsPath, '--labels', join(directory, 'labels.csv'), '--json']);
  assert.equal(evaluation.status, 0, evaluation.stderr);
  const report = JSON.parse(evaluation.stdout);
  assert.deepEqual(Object.keys(report), ['patterns', 'overall']);
  assert.deepEqual(Object.keys(report.overall), ['precision', 'recall', 'support']);
  for (const metrics of Object.values(report.patterns) as Array<{ precision: number; recall: number; support: number }>) {
    assert.ok(metrics.precision >= 0 && metrics.precision <= 1 && metrics.recall >= 0 && metrics.recall <= 1);
  }
  assert.ok(report.overall.support > 0);
  assert.ok(report.overall.recall > 0.5, JSON.stringify(report));
});

test('scan fails with a non-zero exit code and a message on a fatal error', () => {
  const missing = cli(['scan', '/nonexistent/transactions.csv', '--out', join(tmpdir(), 'never.jsonl')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /frontera: .*nonexistent/);
  const directory = mkdtempSync(join(tmpdir(), 'frontera-typologies-'));
  const broken = JSON.parse(readFileSync('src/typologies/library/cycle.json', 'utf8'));
  broken.rules[0].when = 'cycle_lenght between 2 and 6';
  writeFileSync(join(directory, 'broken.json'), JSON.stringify(broken));
  const validate = cli(['typologies', 'validate', join(directory, 'broken.json'), 'src/typologies/library/fan-in.json']);
  assert.equal(validate.status, 2);
  assert.match(validate.stdout, /invalid +.*broken\.json\n {2}- rules\[0\]\.when 1:1: unknown feature or parameter 'cycle_lenght' — did you mean 'cycle_length'\?/);
  assert.match(validate.stdout, /ok +src\/typologies\/library\/fan-in\.json \(fan-in@1\.0\.0, 4 rules\)/);
});
