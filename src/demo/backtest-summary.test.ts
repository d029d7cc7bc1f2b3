import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../domain/index.ts';
import { summariseBacktest } from './backtest-summary.ts';

const alert = (id: string, typologyId: string, patterns: string[], transactionIds: string[]): Alert => ({
  id,
  typologyId,
  typologyVersion: '1.0.0',
  subjectKey: 'acct-1',
  score: 5,
  severity: 'alert',
  time: '2026-01-02T00:00:00Z',
  triggerTransactionId: transactionIds[0]!,
  transactionIds,
  patterns,
  explanation: { rules: [], features: {}, summary: '' },
});

test('precision, recall and per-pattern hits for each typology that raised alerts', () => {
  const labels = [
    { transactionId: 't1', pattern: 'cycle' as const, instanceId: 'c1' },
    { transactionId: 't2', pattern: 'cycle' as const, instanceId: 'c2' },
    { transactionId: 't3', pattern: 'stack' as const, instanceId: 's1' },
  ];
  const summary = summariseBacktest(
    [alert('a1', 'cycle', ['cycle'], ['t1']), alert('a2', 'cycle', ['cycle'], ['t9']), alert('a3', 'cycle', ['cycle'], ['t3']), alert('a4', 'screening.sanctions', [], ['t8'])],
    labels,
  );
  assert.deepEqual(summary['cycle'], { precision: 0.6667, recall: 0.5, alerts: 3, byPattern: [{ pattern: 'cycle', alerts: 1, truePositives: 1 }, { pattern: 'stack', alerts: 1, truePositives: 1 }] });
  assert.deepEqual(summary['screening.sanctions'], { precision: 0, recall: null, alerts: 1, byPattern: [] });
});
