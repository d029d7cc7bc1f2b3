/**
 * Each built-in typology on a small hand-built sequence: a positive case with the exact alert
 * (subject, fired rules, transactions) and a negative look-alike that must not alert.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertSchema, type Alert } from '../domain/index.ts';
import { loadBuiltinTypologies } from '../typologies/index.ts';
import { createEngine } from './engine.ts';
import { makeTransaction, type TransactionSpec } from './test-transactions.ts';

const typologies = loadBuiltinTypologies();

function run(specs: TransactionSpec[]): Alert[] {
  const engine = createEngine({ typologies });
  const alerts = new Map<string, Alert>();
  for (const spec of specs) {
    const result = engine.process(makeTransaction(spec));
    assert.deepEqual(result.errors, []);
    for (const alert of result.alerts) alerts.set(alert.id, structuredClone(alert));
    for (const update of result.updates) alerts.get(update.alertId)!.transactionIds.push(...update.transactionIds);
  }
  for (const alert of alerts.values()) AlertSchema.parse(alert);
  return [...alerts.values()];
}

const of = (alerts: Alert[], typologyId: string): Alert[] => alerts.filter((alert) => alert.typologyId === typologyId);
const fired = (alert: Alert): string[] => alert.explanation.rules.filter((rule) => rule.fired).map((rule) => rule.id).sort();

const cash = (id: string, hour: number, amount: number, depositor: string, account: string, postalCode: string, branchId: string, country = 'US', currency = 'USD'): TransactionSpec => ({
  id, hour, amount, currency, channel: 'cash_deposit', from: { party: depositor, country }, to: { account, country }, location: { country, postalCode, branchId },
});
const pay = (id: string, hour: number, amount: number, from: string, to: string, channel: TransactionSpec['channel'] = 'wire', toCountry = 'US', fromCountry = 'US'): TransactionSpec => ({
  id, hour, amount, channel, from: { account: from, country: fromCountry }, to: { account: to, country: toCountry },
});

test('structuring-ctr: deposits just under USD 10,000 at several branches', () => {
  const alerts = of(run([
    cash('s1', 0, 9500, 'P1', 'A1', '10001', 'B1'),
    cash('s2', 20, 9200, 'P1', 'A1', '10002', 'B2'),
    cash('s3', 40, 9800, 'P1', 'A1', '10001', 'B1'),
  ]), 'structuring-ctr');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.transactionIds, fired(a), a.score, a.severity]), [
    ['party:P1', 's3', ['s1', 's2', 's3'], ['aggregate-over-ctr', 'current-just-below', 'mostly-just-below', 'repeated-just-below', 'several-branches'], 5.5, 'interdict'],
    ['A1', 's3', ['s1', 's2', 's3'], ['aggregate-over-ctr', 'current-just-below', 'mostly-just-below', 'repeated-just-below', 'several-branches'], 5.5, 'interdict'],
  ]);
  assert.deepEqual(alerts[1]!.explanation.features, {
    amount_usd: 9800, below_ctr_count_7d: 3, cash_deposit_in_sum_7d: 28500, cash_deposit_out_sum_7d: 0, below_ctr_share_7d: 1, cash_branches_7d: 2,
  });
  assert.match(alerts[1]!.explanation.summary, /score 5.5 ≥ 5 for A1/);
  // A business depositing its varied takings is not structuring.
  assert.deepEqual(of(run([
    cash('b1', 0, 3200, 'P2', 'A2', '10001', 'B1'),
    cash('b2', 24, 12500, 'P2', 'A2', '10001', 'B1'),
    cash('b3', 48, 9100, 'P2', 'A2', '10001', 'B1'),
    cash('b4', 72, 4700, 'P2', 'A2', '10001', 'B1'),
  ]), 'structuring-ctr'), []);
});

test('structuring-mx: peso deposits just under the USD 7,500 equivalent', () => {
  const mx = (id: string, hour: number, pesos: number): TransactionSpec => cash(id, hour, pesos, 'PM', 'MXA', '44100', 'MXB1', 'MX', 'MXN');
  const alerts = of(run([mx('m1', 0, 135_000), mx('m2', 30, 134_000), mx('m3', 60, 136_000)]), 'structuring-mx');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.transactionIds, fired(a)]), [
    ['party:PM', ['m1', 'm2', 'm3'], ['aggregate-over-threshold', 'current-just-below', 'mostly-just-below', 'repeated-just-below']],
    ['MXA', ['m1', 'm2', 'm3'], ['aggregate-over-threshold', 'current-just-below', 'mostly-just-below', 'repeated-just-below']],
  ]);
  assert.deepEqual(of(run([mx('n1', 0, 50_000), mx('n2', 30, 60_000), mx('n3', 60, 20_000)]), 'structuring-mx'), []);
});

test('funnel-account: many depositors in several states, then out to Mexico', () => {
  const deposits = [
    cash('f1', 0, 4000, 'D1', 'FUN', '10001', 'NY1'),
    cash('f2', 5, 3500, 'D2', 'FUN', '60601', 'IL1'),
    cash('f3', 10, 4200, 'D3', 'FUN', '30301', 'GA1'),
    cash('f4', 15, 3900, 'D4', 'FUN', '75201', 'TX1'),
  ];
  const alerts = of(run([...deposits, pay('f5', 30, 13_000, 'FUN', 'MXR', 'wire', 'MX')]), 'funnel-account');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.transactionIds, fired(a)]), [
    ['FUN', 'f5', ['f1', 'f2', 'f3', 'f4', 'f5'], ['current-to-mexico', 'dispersed-branches', 'leaves-for-mexico', 'many-depositors', 'us-account']],
  ]);
  assert.equal(alerts[0]!.explanation.features.cash_states_30d, 4);
  // The owner depositing at home and sending a remittance is not a funnel.
  const own = [0, 1, 2, 3].map((i) => cash(`o${i}`, i * 5, 3800, 'OWN', 'HOME', '10001', 'NY1'));
  assert.deepEqual(of(run([...own, pay('o9', 30, 13_000, 'HOME', 'MXR', 'wire', 'MX')]), 'funnel-account'), []);
});

test('fan-in: many new senders of similar amounts, moved on', () => {
  const senders = [5000, 5200, 4900, 5100, 5050, 4950].map((amount, i) => pay(`i${i}`, i * 6, amount, `S${i}`, 'HUB'));
  const alerts = of(run([...senders, pay('i9', 50, 28_000, 'HUB', 'OUT1', 'wire', 'MX')]), 'fan-in');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.transactionIds, fired(a)]), [
    ['HUB', ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i9'], ['few-destinations', 'many-new-senders', 'moved-on', 'similar-amounts']],
  ]);
  // A merchant paid very different amounts that keeps the money is not a fan-in.
  const customers = [120, 4800, 35, 900, 15_000, 60].map((amount, i) => pay(`c${i}`, i * 6, amount, `C${i}`, 'SHOP'));
  assert.deepEqual(of(run([...customers, pay('c9', 50, 2000, 'SHOP', 'SUPPLIER')]), 'fan-in'), []);
});

test('fan-out: one large credit paid out to many new recipients', () => {
  const payouts = [8000, 8200, 7900, 8100, 8050, 7950].map((amount, i) => pay(`o${i}`, 10 + i * 4, amount, 'FAN', `R${i}`));
  const alerts = of(run([pay('o-in', 0, 50_000, 'SRC', 'FAN'), ...payouts]), 'fan-out');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [
    ['FAN', 'o4', ['few-payers', 'funded-by-one-credit', 'many-new-recipients', 'new-relationship', 'similar-amounts']],
  ]);
  // o5 arrives during the cooldown: added to the open alert, not a second alert.
  assert.deepEqual(alerts[0]!.transactionIds, ['o-in', 'o0', 'o1', 'o2', 'o3', 'o4', 'o5']);
  // Payroll from a business with many customers is not a fan-out.
  const sales = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => pay(`p-s${i}`, i, 6500, `CUST${i}`, 'EMPLOYER'));
  const payroll = [0, 1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 20 + i, 2000, 'EMPLOYER', `EMP${i}`, 'ach'));
  assert.deepEqual(of(run([...sales, ...payroll]), 'fan-out'), []);
});

test('cycle: time-ordered, shrinking A→B→C→A', () => {
  const alerts = of(run([
    pay('c1', 0, 50_000, 'CA', 'CB', 'wire', 'MX'),
    pay('c2', 20, 49_000, 'CB', 'CC', 'wire', 'US', 'MX'),
    pay('c3', 40, 48_000, 'CC', 'CA'),
  ]), 'cycle');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.transactionIds, fired(a)]), [['CC', ['c1', 'c2', 'c3'], ['amount-consistent', 'closes-cycle', 'crosses-border']]]);
  assert.deepEqual(alerts[0]!.explanation.features, { cycle_length: 3, cycle_amount_retention: 0.96, cycle_cross_border_hops: 2 });
  // Money that comes back a week later, or grown, is not the round-trip this typology looks for.
  assert.deepEqual(of(run([pay('d1', 0, 50_000, 'DA', 'DB'), pay('d2', 20, 49_000, 'DB', 'DC'), pay('d3', 200, 48_000, 'DC', 'DA')]), 'cycle'), []);
  assert.deepEqual(of(run([pay('e1', 0, 10_000, 'EA', 'EB'), pay('e2', 20, 30_000, 'EB', 'EC'), pay('e3', 40, 60_000, 'EC', 'EA')]), 'cycle'), []);
});

test('scatter-gather: one source, several intermediaries, one target', () => {
  const scatter = [0, 1, 2, 3].map((i) => pay(`sg-s${i}`, i, 9000, 'SRC', `MID${i}`));
  const gather = [0, 1, 2, 3].map((i) => pay(`sg-g${i}`, 24 + i, 8800, `MID${i}`, 'TGT'));
  const alerts = of(run([...scatter, ...gather]), 'scatter-gather');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a), a.explanation.features.scatter_gather_intermediaries]), [
    ['TGT', 'sg-g2', ['new-relationship', 'shared-source'], 3],
  ]);
  assert.deepEqual([...alerts[0]!.transactionIds].sort(), ['sg-g0', 'sg-g1', 'sg-g2', 'sg-g3', 'sg-s0', 'sg-s1', 'sg-s2', 'sg-s3']);
  // Unrelated payers of the same target (no common source) are not a scatter-gather.
  const unrelated = [0, 1, 2, 3].flatMap((i) => [pay(`u-s${i}`, i, 9000, `SRC${i}`, `M${i}`), pay(`u-g${i}`, 24 + i, 8800, `M${i}`, 'TGT2')]);
  assert.deepEqual(of(run(unrelated), 'scatter-gather'), []);
});

test('gather-scatter: new sources into a hub that pays new destinations', () => {
  const gather = [0, 1, 2, 3].map((i) => pay(`gs-in${i}`, i * 3, 6000, `GSRC${i}`, 'GHUB'));
  const scatter = [0, 1, 2, 3].map((i) => pay(`gs-out${i}`, 20 + i * 3, 5800, 'GHUB', `GDST${i}`));
  const alerts = of(run([...gather, ...scatter]), 'gather-scatter');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [
    ['GHUB', 'gs-out3', ['few-receipts', 'many-destinations', 'many-sources', 'new-relationship', 'passes-through', 'similar-receipts']],
  ]);
  assert.equal(alerts[0]!.transactionIds.length, 8);
  assert.deepEqual(of(run([...gather, ...scatter.slice(0, 2)]), 'gather-scatter'), []);
});

test('bipartite: every sender pays every receiver', () => {
  const pairs = ['X1', 'X2', 'X3'].flatMap((sender, s) => ['Y1', 'Y2', 'Y3'].map((receiver, r) => pay(`bp-${sender}-${receiver}`, s * 3 + r, 4000, sender, receiver)));
  const alerts = of(run(pairs), 'bipartite');
  // Found at the eighth payment (X3 → Y2, 8 of 9 pairs): X3 has not paid Y3 yet, so Y3 is reached in
  // two hops (Y2's other payers X1, X2 paid it).
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.explanation.features]), [
    ['X3', 'bp-X3-Y2', { bipartite_senders: 3, bipartite_receivers: 3, bipartite_density: 0.8889, is_new_counterparty: true, stack_layers: 2 }],
  ]);
  // The ninth payment joins the open alert as an update.
  assert.equal(alerts[0]!.transactionIds.length, 9);
  const disjoint = ['X1', 'X2', 'X3'].map((sender, s) => pay(`dj-${s}`, s, 4000, sender, `Z${s}`));
  assert.deepEqual(of(run(disjoint), 'bipartite'), []);
});

test('bipartite: the two-hop search keeps only nearly complete blocks', () => {
  // 7 of 9 pairs, every member in two or more: X2 → Y1 closes it, but its own neighbourhood is 2 × 2
  // and the block found two hops out has density 0.78 < 0.8.
  const order = [['X1', 'Y1'], ['X1', 'Y2'], ['X1', 'Y3'], ['X3', 'Y2'], ['X3', 'Y3'], ['X2', 'Y3'], ['X2', 'Y1']] as const;
  const payments = order.map(([sender, receiver], i) => pay(`wb-${sender}-${receiver}`, i, 4000, sender, receiver));
  assert.deepEqual(of(run(payments), 'bipartite'), []);
  // The eighth pair (X2 → Y2) makes 8 of 9, seen from the payment itself.
  const alerts = of(run([...payments, pay('wb-X2-Y2', 7, 4000, 'X2', 'Y2')]), 'bipartite');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.explanation.features.bipartite_density]), [['X2', 'wb-X2-Y2', 0.8889]]);
});

test('stack: three layers, each paying the next densely', () => {
  const layer = (from: string[], to: string[], hour: number, prefix: string): TransactionSpec[] =>
    from.flatMap((sender, s) => to.map((receiver, r) => pay(`${prefix}-${sender}-${receiver}`, hour + s * 3 + r, 5000, sender, receiver)));
  const first = layer(['L1A', 'L1B', 'L1C'], ['L2A', 'L2B', 'L2C'], 0, 'st1');
  const second = layer(['L2A', 'L2B', 'L2C'], ['L3A', 'L3B', 'L3C'], 30, 'st2');
  const alerts = of(run([...first, ...second]), 'stack');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.explanation.features.stack_layers, a.transactionIds.length]), [['L2C', 'st2-L2C-L3B', 3, 18]]);
  assert.deepEqual(of(run(first), 'stack'), []);
});

test('rapid-pass-through: a large credit leaves within 48 hours', () => {
  const alerts = of(run([pay('r1', 0, 60_000, 'RSRC', 'RPT'), pay('r2', 10, 30_000, 'RPT', 'RD1', 'wire', 'MX'), pay('r3', 20, 27_500, 'RPT', 'RD2', 'wire', 'MX')]), 'rapid-pass-through');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.transactionIds, fired(a)]), [
    ['RPT', 'r3', ['r1', 'r2', 'r3'], ['large-credit', 'nearly-all-out', 'split-or-repeated', 'wire-or-crypto', 'within-48h']],
  ]);
  assert.deepEqual(of(run([pay('k1', 0, 60_000, 'KSRC', 'KEEP'), pay('k2', 10, 10_000, 'KEEP', 'KD1'), pay('k3', 20, 5000, 'KEEP', 'KD2')]), 'rapid-pass-through'), []);
});

test('tbml-mirror: cash from several depositors pays a trade invoice', () => {
  const deposits = [0, 1, 2].map((i) => cash(`t${i}`, i * 5, 9000, `TD${i}`, 'BROKER', '90001', 'LA1'));
  const alerts = of(run([...deposits, pay('t9', 30, 25_000, 'BROKER', 'EXPORTER', 'trade_payment')]), 'tbml-mirror');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.transactionIds, fired(a)]), [['BROKER', ['t0', 't1', 't2', 't9'], ['cash-from-many', 'cash-funds-trade', 'trade-payment']]]);
  const wired = [0, 1, 2].map((i) => pay(`w${i}`, i * 5, 9000, `CUSTOMER${i}`, 'IMPORTER'));
  assert.deepEqual(of(run([...wired, pay('w9', 30, 25_000, 'IMPORTER', 'EXPORTER', 'trade_payment')]), 'tbml-mirror'), []);
});

test('bulk-cash: large cash at the border wired to Mexico', () => {
  const alerts = of(run([
    cash('bc1', 0, 30_000, 'BD', 'BORDER', '79901', 'EP1'),
    cash('bc2', 48, 40_000, 'BD', 'BORDER', '79901', 'EP1'),
    pay('bc3', 60, 65_000, 'BORDER', 'MXCO', 'wire', 'MX'),
  ]), 'bulk-cash');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.transactionIds, fired(a)]), [['BORDER', ['bc1', 'bc2', 'bc3'], ['border-cash', 'cash-wired-to-mexico', 'repeated', 'to-mexico']]]);
  assert.deepEqual(of(run([
    cash('nb1', 0, 30_000, 'ND', 'INLAND', '10001', 'NY1'),
    cash('nb2', 48, 40_000, 'ND', 'INLAND', '10001', 'NY1'),
    pay('nb3', 60, 65_000, 'INLAND', 'MXCO', 'wire', 'MX'),
  ]), 'bulk-cash'), []);
});

test('crypto-cash-out: crypto credits withdrawn in cash in Mexico', () => {
  const crypto: TransactionSpec = { id: 'cc0', hour: 0, amount: 370_000, currency: 'MXN', channel: 'crypto', from: { party: 'WALLET', country: 'ZZ' }, to: { account: 'MXW', country: 'MX' } };
  const withdrawal = (id: string, hour: number): TransactionSpec => ({ id, hour, amount: 45_000, currency: 'MXN', channel: 'cash_withdrawal', from: { account: 'MXW', country: 'MX' }, to: { party: 'MXW-OWNER', country: 'MX' }, location: { country: 'MX', postalCode: '64000', branchId: 'ATM1' } });
  const alerts = of(run([crypto, withdrawal('cc1', 10), withdrawal('cc2', 20), withdrawal('cc3', 30), withdrawal('cc4', 40)]), 'crypto-cash-out');
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [['MXW', 'cc4', ['cashed-out', 'crypto-received', 'mexico-leg', 'repeated']]]);
  assert.deepEqual(alerts[0]!.transactionIds, ['cc0', 'cc1', 'cc2', 'cc3', 'cc4']);
  assert.deepEqual(of(run([crypto, withdrawal('cd1', 10)]), 'crypto-cash-out'), []);
});
