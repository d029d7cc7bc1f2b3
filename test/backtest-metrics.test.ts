/**
 * Backtest figures: alert volume, precision and recall against labels, analyst hours, threshold
 * candidates, and a replay through the real engine with a threshold sweep.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { achievableScores, formatBacktest, monthsSpanned, runBacktest, sweepThresholds, typologyFigures } from '../src/backtest/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { builtin, transaction, type Spec } from './typology-library-helpers.ts';

test('threshold candidates are the achievable scores around the default', () => {
  assert.deepEqual(achievableScores([1, 2, 0.5]), [0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
  assert.deepEqual(sweepThresholds([1, 2, 0.5], 2.5, 5), [1.5, 2, 2.5, 3, 3.5]);
  assert.deepEqual(sweepThresholds([1, 2, 0.5], 3.5, 3), [2.5, 3, 3.5]);
});

test('per-typology figures: volume per 1,000 accounts per month, precision, recall, hours', () => {
  const alerts = [
    { typologyId: 'cycle', transactionIds: ['t1', 't2'] },
    { typologyId: 'cycle', transactionIds: ['t3'] },
    { typologyId: 'cycle', transactionIds: ['t9'] },
    { typologyId: 'cycle', transactionIds: ['t4'] },
    { typologyId: 'fan-in', transactionIds: ['t5'] },
  ];
  const labels = [
    { transactionId: 't1', pattern: 'cycle', instanceId: 'c1' },
    { transactionId: 't2', pattern: 'cycle', instanceId: 'c1' },
    { transactionId: 't5', pattern: 'cycle', instanceId: 'c2' },
    { transactionId: 't3', pattern: 'fan_in', instanceId: 'f1' },
    { transactionId: 't4', pattern: 'stack', instanceId: 's1' },
  ];
  const figures = typologyFigures({ id: 'cycle', version: '1.0.0', patterns: ['cycle'], alertThreshold: 4 }, alerts, labels, { accounts: 1000, months: 2 }, { minutesPerAlert: 30 });
  assert.deepEqual(figures, {
    id: 'cycle', version: '1.0.0', threshold: 4, alerts: 4, alertsPerThousandAccountsPerMonth: 2,
    precision: 0.75, recall: 0.5, trueCasesFound: 1, cases: 2, analystHours: 2,
  });
  const unlabelled = typologyFigures({ id: 'cycle', version: '1.0.0', patterns: ['cycle'], alertThreshold: 4 }, alerts, null, { accounts: 1000, months: 2 }, { minutesPerAlert: 45 });
  assert.equal(unlabelled.precision, null);
  assert.equal(unlabelled.recall, null);
  assert.equal(unlabelled.analystHours, 3);
});

test('replay with a threshold sweep: a lower threshold also alerts on the look-alike', () => {
  const cash = (id: string, hour: number, party: string, account: string, branch: string): Spec => ({ id, hour, amount: 3000, channel: 'cash_deposit', from: { party }, to: { account }, location: { country: 'US', postalCode: '10001', branchId: branch } });
  const specs: Spec[] = [
    cash('k1', 1, 'P1', 'C1', 'BR1'), cash('k2', 5, 'P2', 'C1', 'BR2'), cash('k3', 30, 'P3', 'C1', 'BR3'),
    // Look-alike: the owner at two branches (several-branches + sizeable + not-forwarded = 2.5).
    cash('o1', 100, 'OWNER', 'C2', 'BR1'), cash('o2', 105, 'OWNER', 'C2', 'BR2'),
  ];
  const transactions = specs.map((spec) => transaction(spec));
  const labels = ['k1', 'k2', 'k3'].map((id) => ({ transactionId: id, pattern: 'cuckoo', instanceId: 'q1' }));
  const report = runBacktest({
    transactions,
    typologies: [builtin('cuckoo-smurfing')],
    labels,
    population: { accounts: 100, months: monthsSpanned(transactions) },
    minutesPerAlert: 20,
    createEngine: (options) => createEngine(options),
    sweepPoints: 5,
  });
  const result = report.typologies[0]!;
  assert.equal(result.alerts, 1);
  assert.equal(result.precision, 1);
  assert.deepEqual(result.sweep.map((point) => [point.threshold, point.alerts, point.precision]), [
    [2.5, 2, 0.5],
    [3, 1, 1],
    [3.5, 1, 1],
    [4, 1, 1],
    [4.5, 1, 1],
  ]);
  assert.match(formatBacktest(report), /^cuckoo-smurfing +4\.5 +1 /m);
});
