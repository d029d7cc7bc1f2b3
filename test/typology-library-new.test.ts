/**
 * The typologies added to the built-in library for the advisories: each on a hand-built positive
 * case (the exact alert and the rules that fired) and a negative look-alike (no alert).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';
import { alertsOf, fired, type Spec } from './typology-library-helpers.ts';

const cash = (id: string, hour: number, amount: number, party: string, account: string, branch: string, postalCode = '10001', country = 'US'): Spec => ({
  id, hour, amount, channel: 'cash_deposit', from: { party, country }, to: { account, country }, location: { country, postalCode, branchId: branch },
});

test('the library has at least 25 typologies, each citing a source with red flags in English and Spanish', () => {
  const library = loadBuiltinTypologies();
  assert.ok(library.length >= 25, `only ${library.length} typologies`);
  for (const t of library) {
    assert.ok(t.document.sources.length > 0, t.id);
    assert.ok(t.document.redFlags.every((flag) => flag.en.length > 0 && flag.es.length > 0), t.id);
  }
});

test('gto-sw-border-2025-03: cash above USD 200 in a listed ZIP code during the order', () => {
  const start = '2025-05-05T00:00:00Z';
  const alerts = alertsOf('gto-sw-border-2025-03', [cash('g1', 1, 350, 'P1', 'A1', 'B1', '78520')], start);
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [
    ['party:P1', 'g1', ['gto-covered-cash']],
    ['A1', 'g1', ['gto-covered-cash']],
  ]);
  // Not a listed ZIP, not above USD 200, or after the order expired: no alert.
  assert.deepEqual(alertsOf('gto-sw-border-2025-03', [cash('g2', 1, 350, 'P1', 'A1', 'B1', '78599'), cash('g3', 30, 200, 'P2', 'A2', 'B1', '78520')], start), []);
  assert.deepEqual(alertsOf('gto-sw-border-2025-03', [cash('g4', 1, 350, 'P1', 'A1', 'B1', '78520')], '2025-09-10T00:00:00Z'), []);
});

test('cmln-mirror-swap: cash from several depositors wired to China', () => {
  const positive: Spec[] = [
    cash('c1', 1, 9000, 'P1', 'B1', 'BR1'),
    cash('c2', 20, 8500, 'P2', 'B1', 'BR2'),
    cash('c3', 40, 8000, 'P3', 'B1', 'BR1'),
    { id: 'c4', hour: 60, amount: 24000, channel: 'wire', from: { account: 'B1' }, to: { account: 'CN-1', country: 'CN' } },
  ];
  const alerts = alertsOf('cmln-mirror-swap', positive);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.triggerTransactionId, 'c4');
  assert.deepEqual(fired(alerts[0]), ['paid-to-china', 'cash-funded', 'several-depositors', 'cash-volume', 'no-mexico-leg']);
  // An importer paying China out of its receivables: no cash, no alert.
  const negative: Spec[] = [
    { id: 'n1', hour: 1, amount: 26000, channel: 'ach', from: { account: 'CUST' }, to: { account: 'B2' } },
    { id: 'n2', hour: 60, amount: 24000, channel: 'wire', from: { account: 'B2' }, to: { account: 'CN-1', country: 'CN' } },
  ];
  assert.deepEqual(alertsOf('cmln-mirror-swap', negative), []);
});

test('cuckoo-smurfing: third parties deposit cash at several branches into one account', () => {
  const alerts = alertsOf('cuckoo-smurfing', [cash('k1', 1, 3000, 'P1', 'C1', 'BR1'), cash('k2', 5, 3200, 'P2', 'C1', 'BR2'), cash('k3', 30, 2900, 'P3', 'C1', 'BR3')]);
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.transactionIds.length]), [['C1', 'k3', 3]]);
  assert.deepEqual(fired(alerts[0]), ['several-depositors', 'several-branches', 'sizeable', 'not-forwarded-to-mexico']);
  // The owner depositing takings at two branches: one depositor, no alert.
  assert.deepEqual(alertsOf('cuckoo-smurfing', [cash('o1', 1, 3000, 'OWNER', 'C2', 'BR1'), cash('o2', 5, 3200, 'OWNER', 'C2', 'BR2'), cash('o3', 30, 2900, 'OWNER', 'C2', 'BR1')]), []);
});

test('nested-correspondent: transfers from many foreign originators paid straight on', () => {
  const build = (country: string): Spec[] => [
    ...Array.from({ length: 8 }, (_, i): Spec => ({ id: `in${country}${i}`, hour: i, amount: 5000, channel: 'wire', from: { account: `F${country}${i}`, country }, to: { account: 'N1' } })),
    ...Array.from({ length: 8 }, (_, i): Spec => ({ id: `out${country}${i}`, hour: 10 + i, amount: 4950, channel: 'wire', from: { account: 'N1' }, to: { account: `R${i}` } })),
  ];
  const alerts = alertsOf('nested-correspondent', build('MX'));
  assert.deepEqual(alerts.map((a) => a.triggerTransactionId), ['outMX7']);
  assert.deepEqual(fired(alerts[0]), ['foreign-funded', 'many-new-originators', 'many-new-beneficiaries', 'passed-through']);
  // The same flow between domestic parties (a payroll or settlement account): no alert.
  assert.deepEqual(alertsOf('nested-correspondent', build('US')), []);
});

test('precursor-chemical-payments: cash-funded payment to a new supplier in China', () => {
  const alerts = alertsOf('precursor-chemical-payments', [
    cash('p1', 1, 9500, 'P1', 'X1', 'BR1'),
    cash('p2', 20, 9500, 'P2', 'X1', 'BR2'),
    { id: 'p3', hour: 40, amount: 18000, channel: 'wire', from: { account: 'X1' }, to: { account: 'SUPPLIER', country: 'CN' } },
  ]);
  assert.deepEqual(alerts.map((a) => [a.triggerTransactionId, fired(a)]), [['p3', ['paid-to-supplier-country', 'new-supplier', 'cash-funded', 'passed-on']]]);
  // The same payment out of a customer's transfer: no alert.
  assert.deepEqual(alertsOf('precursor-chemical-payments', [
    { id: 'q1', hour: 1, amount: 19000, channel: 'wire', from: { account: 'CUSTOMER' }, to: { account: 'X2' } },
    { id: 'q2', hour: 40, amount: 18000, channel: 'wire', from: { account: 'X2' }, to: { account: 'SUPPLIER', country: 'CN' } },
  ]), []);
});

test('timeshare-fraud-payments: an established customer wires fees to new Mexican recipients', () => {
  const history: Spec[] = [{ id: 'h1', hour: 0, amount: 3000, channel: 'ach', from: { account: 'PENSION' }, to: { account: 'V1' } }, { id: 'h2', hour: 24 * 30, amount: 3000, channel: 'ach', from: { account: 'PENSION' }, to: { account: 'V1' } }];
  const alerts = alertsOf('timeshare-fraud-payments', [
    ...history,
    { id: 't1', hour: 24 * 70, amount: 2500, channel: 'wire', from: { account: 'V1' }, to: { account: 'MX-A', country: 'MX' } },
    { id: 't2', hour: 24 * 80, amount: 4000, channel: 'wire', from: { account: 'V1' }, to: { account: 'MX-B', country: 'MX' } },
  ]);
  assert.deepEqual(alerts.map((a) => [a.triggerTransactionId, fired(a)]), [['t2', ['to-mexico', 'new-recipient', 'several-new-mexican-recipients', 'established-customer', 'sizeable']]]);
  // Regular remittances to the same family member in Mexico: no alert.
  assert.deepEqual(alertsOf('timeshare-fraud-payments', [
    ...history,
    { id: 'r1', hour: 24 * 70, amount: 2500, channel: 'remittance', from: { account: 'V1' }, to: { account: 'FAMILY', country: 'MX' } },
    { id: 'r2', hour: 24 * 80, amount: 4000, channel: 'remittance', from: { account: 'V1' }, to: { account: 'FAMILY', country: 'MX' } },
  ]), []);
});

test('fuel-smuggling-payments: a US company paid round amounts by several new Mexican payers', () => {
  const build = (country: string): Spec[] => Array.from({ length: 4 }, (_, i): Spec => ({ id: `f${country}${i}`, hour: i * 30, amount: 50000, channel: 'wire', from: { account: `PAYER${country}${i}`, country }, to: { account: 'F1' } }));
  const alerts = alertsOf('fuel-smuggling-payments', build('MX'));
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [['F1', 'fMX3', ['from-mexico', 'mostly-from-abroad', 'many-new-payers', 'round-amounts', 'large']]]);
  // Domestic customers paying the same company: no alert.
  assert.deepEqual(alertsOf('fuel-smuggling-payments', build('US')), []);
});

test('peel-chain: crypto received and sent on within hours in several hops', () => {
  const alerts = alertsOf('peel-chain', [
    { id: 'w1', hour: 0, amount: 10000, channel: 'crypto', from: { account: 'W0' }, to: { account: 'W1' } },
    { id: 'w2', hour: 1, amount: 7000, channel: 'crypto', from: { account: 'W1' }, to: { account: 'W2' } },
    { id: 'w3', hour: 2, amount: 2500, channel: 'crypto', from: { account: 'W1' }, to: { account: 'W3' } },
  ]);
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [['W1', 'w3', ['crypto-funded', 'passed-on', 'quickly', 'several-hops-out']]]);
  // A holder who spends a little days later: no alert.
  assert.deepEqual(alertsOf('peel-chain', [
    { id: 'h1', hour: 0, amount: 10000, channel: 'crypto', from: { account: 'W0' }, to: { account: 'H1' } },
    { id: 'h2', hour: 80, amount: 1000, channel: 'crypto', from: { account: 'H1' }, to: { account: 'SHOP' } },
    { id: 'h3', hour: 90, amount: 500, channel: 'crypto', from: { account: 'H1' }, to: { account: 'SHOP2' } },
  ]), []);
});

test('casa-de-cambio-concentration: cash from many people remitted to many in Mexico', () => {
  const build = (country: string): Spec[] => [
    ...Array.from({ length: 5 }, (_, i) => cash(`d${country}${i}`, i, 4000, `P${i}`, 'K1', 'BR1')),
    ...Array.from({ length: 10 }, (_, i): Spec => ({ id: `s${country}${i}`, hour: 10 + i, amount: 2000, channel: 'remittance', from: { account: 'K1' }, to: { account: `REC${i}`, country } })),
  ];
  const alerts = alertsOf('casa-de-cambio-concentration', build('MX'));
  assert.deepEqual(alerts.map((a) => [a.triggerTransactionId, fired(a)]), [['sMX9', ['many-cash-depositors', 'many-payees', 'cash-heavy', 'mostly-to-mexico', 'round']]]);
  // The same payers paying many people at home: no alert.
  assert.deepEqual(alertsOf('casa-de-cambio-concentration', build('US')), []);
});

test('dormant-reactivation: a large cross-border payment after six months of silence', () => {
  const alerts = alertsOf('dormant-reactivation', [
    { id: 'a1', hour: 0, amount: 200, channel: 'ach', from: { account: 'EMPLOYER' }, to: { account: 'D1' } },
    { id: 'a2', hour: 24 * 200, amount: 15000, channel: 'wire', from: { account: 'D1' }, to: { account: 'MX-NEW', country: 'MX' } },
  ]);
  assert.deepEqual(alerts.map((a) => [a.subjectKey, a.triggerTransactionId, fired(a)]), [['D1', 'a2', ['was-dormant', 'large', 'cross-border', 'new-counterparty']]]);
  // The same payment from an account used every month: no alert.
  assert.deepEqual(alertsOf('dormant-reactivation', [
    ...Array.from({ length: 7 }, (_, i): Spec => ({ id: `m${i}`, hour: 24 * 30 * i, amount: 200, channel: 'ach', from: { account: 'EMPLOYER' }, to: { account: 'D2' } })),
    { id: 'm9', hour: 24 * 200, amount: 15000, channel: 'wire', from: { account: 'D2' }, to: { account: 'MX-NEW', country: 'MX' } },
  ]), []);
});

test('cash-repatriation-to-us: a Mexican account funded by cash in Mexico wires round amounts to the US', () => {
  const alerts = alertsOf('cash-repatriation-to-us', [
    cash('x1', 1, 9000, 'P1', 'M1', 'MXB1', '22000', 'MX'),
    cash('x2', 20, 8000, 'P1', 'M1', 'MXB2', '22000', 'MX'),
    cash('x3', 40, 7000, 'P1', 'M1', 'MXB1', '22000', 'MX'),
    { id: 'x4', hour: 50, amount: 20000, channel: 'wire', from: { account: 'M1', country: 'MX' }, to: { account: 'US-1' } },
  ]);
  assert.deepEqual(alerts.map((a) => [a.triggerTransactionId, fired(a)]), [['x4', ['mexican-subject-to-us', 'cash-funded', 'cash-volume', 'round']]]);
  // A Mexican exporter paid by SPEI paying a US supplier: no alert.
  assert.deepEqual(alertsOf('cash-repatriation-to-us', [
    { id: 'y1', hour: 1, amount: 25000, channel: 'spei', from: { account: 'MX-CLIENT', country: 'MX' }, to: { account: 'M2', country: 'MX' } },
    { id: 'y2', hour: 50, amount: 20000, channel: 'wire', from: { account: 'M2', country: 'MX' }, to: { account: 'US-1' } },
  ]), []);
});
