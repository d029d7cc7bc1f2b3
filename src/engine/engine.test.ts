import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert, Transaction } from '../domain/index.ts';
import { loadBuiltinTypologies, loadTypology, type CompiledTypology } from '../typologies/index.ts';
import { createEngine } from './engine.ts';
import { CorruptCheckpointError } from './binary.ts';
import { makeTransaction, type TransactionSpec } from './test-transactions.ts';

/** A typology that alerts on every transaction of the side and reads the given features. */
function probe(features: string[], options: { side?: 'originator' | 'beneficiary'; until?: string; from?: string; extraRule?: string } = {}): CompiledTypology {
  const result = loadTypology({
    id: 'probe',
    version: '1.0.0',
    name: { en: 'Probe', es: 'Sonda' },
    description: { en: 'Reads features for tests', es: 'Lee variables para pruebas' },
    sources: [{ kind: 'guidance', id: 'test', title: 'test', publisher: 'Frontera' }],
    jurisdiction: 'both',
    redFlags: [{ en: 'none', es: 'ninguna' }],
    scope: { side: options.side ?? 'beneficiary' },
    window: { cooldownHours: 0, evidenceHours: 720 },
    rules: [
      { id: 'always', when: 'amount_usd > 0', weight: 1, description: { en: 'always', es: 'siempre' } },
      ...(features.length > 0 ? [{ id: 'reads', when: features.map((f) => `${f} == ${f}`).join(' and '), weight: 0, description: { en: 'reads', es: 'lee' } }] : []),
      ...(options.extraRule ? [{ id: 'extra', when: options.extraRule, weight: 0, description: { en: 'extra', es: 'extra' } }] : []),
    ],
    alertThreshold: 1,
    effective: { from: options.from ?? '2020-01-01', ...(options.until ? { until: options.until } : {}) },
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

function lastAlert(typologies: CompiledTypology[], specs: TransactionSpec[]): Alert | undefined {
  const engine = createEngine({ typologies });
  let last: Alert | undefined;
  for (const spec of specs) last = engine.process(makeTransaction(spec)).alerts.at(-1) ?? last;
  return last;
}

const wire = (id: string, hour: number, amount: number, from: string, to: string, toCountry = 'US'): TransactionSpec => ({ id, hour, amount, channel: 'wire', from: { account: from }, to: { account: to, country: toCountry } });

test('windowed features: sums, counts, distinct and new counterparties, shares, CV by window', () => {
  const alert = lastAlert([probe(['in_sum_24h', 'in_sum_7d', 'in_count_30d', 'senders_7d', 'new_senders_7d', 'known_senders_7d', 'wire_in_sum_7d', 'ach_in_count_7d', 'in_amount_cv_7d', 'largest_in_7d', 'cross_border_share_in_7d', 'round_count_7d', 'days_since_previous', 'subject_age_days'])], [
    wire('w1', 0, 1000, 'P', 'A'),
    wire('w2', 30, 3000, 'Q', 'A', 'US'),
    { id: 'w3', hour: 100, amount: 2000, channel: 'ach', from: { account: 'P' }, to: { account: 'A' } },
    { id: 'w4', hour: 110, amount: 2500, channel: 'wire', from: { account: 'R', country: 'MX' }, to: { account: 'A' } },
  ]);
  assert.deepEqual(alert?.explanation.features, {
    amount_usd: 2500,
    in_sum_24h: 4500, // w3 (10 h before) and w4
    in_sum_7d: 8500,
    in_count_30d: 4,
    senders_7d: 3,
    new_senders_7d: 3, // P's second payment is not new, Q and R are
    known_senders_7d: 0,
    wire_in_sum_7d: 6500,
    ach_in_count_7d: 1,
    in_amount_cv_7d: 0.348, // population standard deviation / mean of 1000, 3000, 2000, 2500
    largest_in_7d: 3000,
    cross_border_share_in_7d: 0.2941,
    round_count_7d: 3, // 2500 is not a whole thousand
    days_since_previous: 0.4167,
    subject_age_days: 4.5833,
  });
});

test('cash features: depositors, branches, postal codes, states, just-below bands, border cash', () => {
  const deposit = (id: string, hour: number, amount: number, depositor: string, postalCode: string, branchId: string): TransactionSpec => ({
    id, hour, amount, channel: 'cash_deposit', from: { party: depositor }, to: { account: 'A' }, location: { country: 'US', postalCode, branchId },
  });
  const alert = lastAlert([probe(['cash_depositors_7d', 'cash_branches_7d', 'cash_postal_codes_7d', 'cash_states_7d', 'below_ctr_count_7d', 'below_ctr_share_7d', 'border_cash_sum_7d', 'border_cash_count_7d', 'cash_share_in_7d', 'is_border_zip'])], [
    deposit('d1', 0, 9500, 'X', '10001', 'NY-1'),
    deposit('d2', 5, 9900, 'Y', '79901', 'EP-1'),
    deposit('d3', 10, 3000, 'Y', '79901', 'EP-2'),
    wire('d4', 12, 1000, 'P', 'A'),
    deposit('d5', 15, 20_000, 'Z', '92231', 'CX-1'),
  ]);
  assert.deepEqual(alert?.explanation.features, {
    amount_usd: 20_000,
    cash_depositors_7d: 3,
    cash_branches_7d: 4,
    cash_postal_codes_7d: 3,
    cash_states_7d: 3, // NY, TX, CA
    below_ctr_count_7d: 2,
    below_ctr_share_7d: 0.5,
    border_cash_sum_7d: 32_900, // El Paso and Calexico
    border_cash_count_7d: 3,
    cash_share_in_7d: 0.977, // 42,400 of 43,400
    is_border_zip: true,
  });
});

test('flow features: pass-through share, delay and episodes', () => {
  const alert = lastAlert([probe(['pass_through_share_48h', 'pass_through_delay_hours', 'largest_in_48h', 'pass_through_episodes_30d', 'largest_in_channel_wire_or_crypto_48h'], { side: 'originator' })], [
    wire('p1', 0, 40_000, 'S', 'A'),
    wire('p2', 10, 38_000, 'A', 'T'),
    wire('p3', 100, 20_000, 'S', 'A'),
    wire('p4', 110, 9000, 'A', 'T'),
    wire('p5', 120, 9500, 'A', 'U'),
  ]);
  assert.deepEqual(alert?.explanation.features, {
    amount_usd: 9500,
    pass_through_share_48h: 0.925,
    pass_through_delay_hours: 20,
    largest_in_48h: 20_000,
    pass_through_episodes_30d: 2,
    largest_in_channel_wire_or_crypto_48h: true,
  });
});

test('amounts are converted to USD with the rate table the user supplies', () => {
  const spec: TransactionSpec = { id: 'fx', hour: 0, amount: 20_000, currency: 'MXN', channel: 'spei', from: { account: 'M1', country: 'MX' }, to: { account: 'M2', country: 'MX' } };
  const engine = createEngine({ typologies: [probe(['in_sum_24h'])], rates: { base: 'USD', rates: { MXN: 20 } } });
  assert.equal(engine.process(makeTransaction(spec)).alerts[0]?.explanation.features.in_sum_24h, 1000);
  const rejected = engine.process(makeTransaction({ ...spec, id: 'fx2', currency: 'XYZ' }));
  assert.equal(rejected.status, 'rejected');
  assert.deepEqual(rejected.issues, [{ field: 'currency', reason: 'no exchange rate for currency XYZ' }]);
});

test('graph detectors report the edges of the detected subgraph', () => {
  const cycle = lastAlert([probe(['cycle_length', 'cycle_amount_retention'], { side: 'originator' })], [
    wire('g1', 0, 10_000, 'A', 'B'), wire('g2', 10, 9900, 'B', 'C'), wire('noise', 11, 5000, 'C', 'Z'), wire('g3', 20, 9800, 'C', 'D'), wire('g4', 30, 9700, 'D', 'A'),
  ]);
  assert.deepEqual(cycle?.transactionIds, ['g1', 'g2', 'g3', 'g4']);
  assert.deepEqual(cycle?.explanation.features, { amount_usd: 9700, cycle_length: 4, cycle_amount_retention: 0.97 });
  const gather = lastAlert([probe(['gather_scatter_sources', 'gather_scatter_destinations'], { side: 'originator' })], [
    wire('h1', 0, 5000, 'S1', 'H'), wire('h2', 1, 5000, 'S2', 'H'), wire('h3', 2, 5000, 'S3', 'H'), wire('h4', 3, 4000, 'H', 'D1'), wire('h5', 4, 4000, 'H', 'D2'),
  ]);
  assert.deepEqual(gather?.explanation.features, { amount_usd: 4000, gather_scatter_sources: 3, gather_scatter_destinations: 2 });
  assert.deepEqual(gather?.transactionIds, ['h1', 'h2', 'h3', 'h4', 'h5']);
});

test('a duplicate transaction id is reported, not evaluated again', () => {
  const engine = createEngine({ typologies: [probe(['in_count_30d'])] });
  const first = engine.process(makeTransaction(wire('dup', 0, 100, 'A', 'B')));
  const second = engine.process(makeTransaction(wire('dup', 5, 999, 'A', 'B')));
  assert.equal(first.status, 'evaluated');
  assert.equal(first.alerts.length, 1);
  assert.deepEqual(second, { status: 'duplicate', transactionId: 'dup', alerts: [], updates: [], errors: [], issues: [] });
  const stats = engine.stats();
  assert.equal(stats.duplicates, 1);
  assert.equal(stats.evaluated, 1);
});

test('a rule that faults at run time is an evaluation error, never "no risk"', () => {
  const typology = probe(['in_sum_7d'], { extraRule: 'out_sum_7d / out_count_7d > 100' });
  const engine = createEngine({ typologies: [typology] });
  const result = engine.process(makeTransaction(wire('e1', 0, 500, 'A', 'B')));
  assert.deepEqual(result.errors, [{
    kind: 'evaluation_error', typologyId: 'probe', typologyVersion: '1.0.0', subjectKey: 'B', transactionId: 'e1', time: '2026-03-02T00:00:00.000Z',
    ruleId: 'extra', expression: 'out_sum_7d / out_count_7d > 100', line: 1, column: 12,
    reason: 'division by zero (use ratio(a, b) where 0 is a meaningful answer)',
  }]);
  assert.equal(engine.stats().evaluationErrors, 1);
});

test('effective dates: a typology applies only within its period', () => {
  const expired = probe(['in_sum_24h'], { from: '2025-09-10', until: '2026-03-01' });
  const current = probe(['in_sum_24h'], { from: '2026-03-02' });
  assert.equal(lastAlert([expired], [wire('t1', 1, 100, 'A', 'B')]), undefined);
  assert.equal(lastAlert([current], [wire('t1', 1, 100, 'A', 'B')])?.typologyId, 'probe');
});

test('cooldown: one alert per subject and typology, later evidence is added as updates', () => {
  const typology = loadTypology({ ...probe([]).document, window: { cooldownHours: 24, evidenceHours: 48 } });
  assert.ok(typology.ok);
  const engine = createEngine({ typologies: [typology.value] });
  const results = [wire('a', 0, 100, 'X', 'B'), wire('b', 2, 100, 'Y', 'B'), wire('c', 30, 100, 'Z', 'B')].map((spec) => engine.process(makeTransaction(spec)));
  assert.deepEqual(results.map((r) => r.alerts.length), [1, 0, 1]);
  assert.deepEqual(results[1]!.updates.map((u) => [u.alertId, u.transactionIds]), [[results[0]!.alerts[0]!.id, ['b']]]);
});

test('state per subject stays compact', () => {
  const engine = createEngine({ typologies: loadBuiltinTypologies() });
  for (let i = 0; i < 2000; i++) engine.process(makeTransaction(wire(`m${i}`, i / 10, 100 + (i % 50), `A${i % 200}`, `B${(i * 7) % 300}`)));
  const stats = engine.stats();
  assert.equal(stats.subjects, 500);
  assert.ok(stats.bytesPerSubject < 1024, `${stats.bytesPerSubject} bytes per subject`);
});

test('checkpoint at k, crash, restore and replay: the same alerts as an uninterrupted run, none twice', () => {
  const typologies = loadBuiltinTypologies();
  const specs: TransactionSpec[] = [];
  for (let round = 0; round < 4; round++) {
    const base = round * 60;
    for (let i = 0; i < 6; i++) specs.push(wire(`r${round}-in${i}`, base + i, 5000 + i * 10, `SRC${round}-${i}`, `HUB${round}`));
    for (let i = 0; i < 5; i++) specs.push(wire(`r${round}-out${i}`, base + 20 + i, 5900, `HUB${round}`, `DST${round}-${i}`));
    specs.push(wire(`r${round}-c1`, base + 30, 50_000, `CA${round}`, `CB${round}`), wire(`r${round}-c2`, base + 40, 49_000, `CB${round}`, `CC${round}`), wire(`r${round}-c3`, base + 50, 48_000, `CC${round}`, `CA${round}`));
  }
  const transactions: Transaction[] = specs.map(makeTransaction);
  const reference = createEngine({ typologies });
  const expected = transactions.flatMap((tx) => reference.process(tx).alerts);
  assert.ok(expected.length >= 8);

  for (const k of [1, 17, 30, 55]) {
    const log = transactions; // the durable log
    const first = createEngine({ typologies });
    const emitted: Alert[] = [];
    for (let i = 0; i < k; i++) emitted.push(...first.process(log[i]!, i + 1).alerts);
    const checkpoint = first.checkpoint();
    // The engine processes a few more transactions after the checkpoint, then crashes; their alerts were already written.
    for (let i = k; i < Math.min(k + 3, log.length); i++) emitted.push(...first.process(log[i]!, i + 1).alerts);

    const recovered = createEngine({ typologies });
    const position = recovered.restore(checkpoint);
    assert.equal(position, k);
    const replayed: Alert[] = [];
    for (let i = position; i < log.length; i++) replayed.push(...recovered.process(log[i]!, i + 1).alerts);
    // Alerts already written are recognised by id (they are deterministic), so none is stored twice.
    const written = new Map(emitted.map((alert) => [alert.id, alert]));
    for (const alert of replayed) if (!written.has(alert.id)) written.set(alert.id, alert);
    assert.deepEqual([...written.values()].sort((a, b) => a.id.localeCompare(b.id)), [...expected].sort((a, b) => a.id.localeCompare(b.id)), `k = ${k}`);
    assert.deepEqual(replayed, expected.filter((alert) => log.findIndex((tx) => tx.id === alert.triggerTransactionId) >= k), `k = ${k}`);
    // Replaying something already processed after the restore is a duplicate.
    assert.equal(recovered.process(log[0]!).status, 'duplicate');
  }
});

test('a checkpoint from other typologies or a damaged one is refused, state untouched', () => {
  const engine = createEngine({ typologies: [probe(['in_sum_7d'])] });
  engine.process(makeTransaction(wire('x1', 0, 100, 'A', 'B')));
  const checkpoint = engine.checkpoint();
  const other = createEngine({ typologies: loadBuiltinTypologies() });
  assert.throws(() => other.restore(checkpoint), CorruptCheckpointError);
  const same = createEngine({ typologies: [probe(['in_sum_7d'])] });
  assert.throws(() => same.restore(checkpoint.subarray(0, checkpoint.length - 9)), CorruptCheckpointError);
  assert.equal(same.stats().subjects, 0);
  assert.equal(same.restore(checkpoint), 1);
  assert.equal(same.stats().subjects, 2);
});

test('data time is read without Date.parse for the common ISO shape, with the same result', async () => {
  const { secondsOf } = await import('./engine.ts');
  for (const text of ['2026-03-02T14:05:00Z', '2024-02-29T23:59:59.999Z', '2000-03-01T00:00:00Z', '1999-12-31T12:00:00.5Z', '2026-12-31T23:59:59Z', '2026-03-02T14:05:00-06:00', '2026-03-02T08:05:00.000+01:00']) {
    assert.equal(secondsOf(text), Math.floor(Date.parse(text) / 1000), text);
  }
  // The date part is remembered between calls: the same day again, another day, back, and a bad time on a known day.
  for (const text of ['2026-03-02T00:00:00Z', '2026-03-02T23:59:59Z', '2026-03-03T00:00:01Z', '2026-03-02T12:00:00.250Z', '2026-03-02T10:00:00-06:00']) {
    assert.equal(secondsOf(text), Math.floor(Date.parse(text) / 1000), text);
  }
  assert.ok(Number.isNaN(secondsOf('2026-03-02T25:00:00Z')));
});
