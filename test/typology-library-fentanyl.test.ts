/**
 * The typologies that need the institution, purpose-text and currency features: FEND Off Fentanyl
 * section 2313a institutions, fentanyl precursor / pill-press procurement (FIN-2024-A002) and
 * US-dollar cash deposited in Mexico above the monthly cap. Each on a hand-built positive case with
 * its exact outcome and a negative look-alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, institutionCodeOf } from '../src/engine/index.ts';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { FEATURES, compileExpression, featureByName, foldText, containsAnyTerm } from '../src/typologies/index.ts';
import { builtin, fired, transaction, type Spec } from './typology-library-helpers.ts';

type Extra = { purpose?: string; fromInstitution?: string; toInstitution?: string };

/** Runs one built-in typology alone; `extra` adds purpose text and institutions to a spec. */
function run(typologyId: string, specs: ReadonlyArray<Spec & Extra>, start?: string): Alert[] {
  const engine = createEngine({ typologies: [builtin(typologyId)] });
  const alerts: Alert[] = [];
  for (const spec of specs) {
    const built: Transaction = transaction(spec, start);
    if (spec.purpose !== undefined) built.purpose = spec.purpose;
    if (spec.fromInstitution !== undefined) built.originator.institutionId = spec.fromInstitution;
    if (spec.toInstitution !== undefined) built.beneficiary.institutionId = spec.toInstitution;
    const result = engine.process(built);
    if (result.status !== 'evaluated') throw new Error(`${spec.id} ${result.status}: ${JSON.stringify(result.issues)}`);
    if (result.errors.length > 0) throw new Error(`${spec.id}: evaluation error ${JSON.stringify(result.errors[0])}`);
    alerts.push(...result.alerts);
  }
  return alerts;
}

const summary = (alerts: Alert[]): Array<[string, string, string, number, string[]]> =>
  alerts.map((a) => [a.subjectKey, a.triggerTransactionId, a.severity, a.score, fired(a)]);

test('counterparty_institution: bank code, SPEI participant code, CLABE prefix, ABA/BIC upper-cased', () => {
  assert.equal(institutionCodeOf({ country: 'MX', institutionId: '143' }), '143');
  assert.equal(institutionCodeOf({ country: 'MX', institutionId: '40136' }), '136');
  assert.equal(institutionCodeOf({ country: 'MX', institutionId: '136180000000000014' }), '136');
  assert.equal(institutionCodeOf({ country: 'MX', accountId: '143180000000000023' }), '143');
  // An 18-digit account number whose check digit is wrong is not read as a CLABE.
  assert.equal(institutionCodeOf({ country: 'MX', accountId: '143180000000000024' }), '');
  assert.equal(institutionCodeOf({ country: 'US', institutionId: 'bofaus3n' }), 'BOFAUS3N');
  assert.equal(institutionCodeOf({ country: 'US', institutionId: '021000021' }), '021000021');
  assert.equal(institutionCodeOf({ country: 'US', accountId: 'ACC-1' }), '');
});

test('fend-off-fentanyl-2313a: payments to or from CIBanco, Intercam or Vector are held', () => {
  const start = '2025-11-03T00:00:00Z';
  const alerts = run('fend-off-fentanyl-2313a', [
    { id: 's1', hour: 1, amount: 1200, channel: 'wire', from: { account: 'U1' }, to: { account: 'MX-1', country: 'MX' }, fromInstitution: '021000021', toInstitution: '143' },
    { id: 's2', hour: 2, amount: 800, channel: 'spei', from: { account: '136180000000000014', country: 'MX' }, to: { account: 'U2' }, toInstitution: '021000021' },
    { id: 's3', hour: 3, amount: 500, channel: 'wire', from: { account: 'U1' }, to: { account: 'MX-3', country: 'MX' }, toInstitution: '90608' },
  ], start);
  // Cooldown 0: every payment is its own interdiction; the listed institution's own account is not the subject flagged.
  assert.deepEqual(summary(alerts), [
    ['U1', 's1', 'interdict', 10, ['counterparty-is-2313a-institution']],
    ['U2', 's2', 'interdict', 10, ['counterparty-is-2313a-institution']],
    ['U1', 's3', 'interdict', 10, ['counterparty-is-2313a-institution']],
  ]);
  // Another Mexican bank (002), an account number that is not a valid CLABE, or before the orders took effect: nothing.
  assert.deepEqual(run('fend-off-fentanyl-2313a', [
    { id: 'n1', hour: 1, amount: 1200, channel: 'wire', from: { account: 'U1' }, to: { account: '002180000000000038', country: 'MX' } },
    { id: 'n2', hour: 2, amount: 1200, channel: 'wire', from: { account: 'U1' }, to: { account: '143180000000000024', country: 'MX' } },
  ], start), []);
  assert.deepEqual(run('fend-off-fentanyl-2313a', [
    { id: 'n3', hour: 1, amount: 1200, channel: 'wire', from: { account: 'U1' }, to: { account: 'MX-1', country: 'MX' }, toInstitution: '143' },
  ], '2025-10-19T00:00:00Z'), []);
});

test('precursor-chemical-payments: the purpose names a precursor or a pill press', () => {
  const alerts = run('precursor-chemical-payments', [
    { id: 'x1', hour: 1, amount: 20000, channel: 'ach', from: { account: 'CUSTOMER' }, to: { account: 'BUYER' } },
    { id: 'x2', hour: 30, amount: 6400, channel: 'wire', from: { account: 'BUYER' }, to: { account: 'IN-SUPPLIER', country: 'IN' }, purpose: 'Pago PRENSA TABLETEADORA TDP-5 y troqueles' },
    { id: 'x3', hour: 40, amount: 3000, channel: 'trade_payment', from: { account: 'LAB' }, to: { account: 'US-DISTRIBUTOR' }, purpose: 'PO 77: 1-Boc-4-Piperidone 25 kg' },
  ]);
  assert.deepEqual(summary(alerts), [
    ['BUYER', 'x2', 'alert', 6, ['precursor-or-press-in-purpose', 'paid-to-supplier-country', 'new-supplier']],
    ['LAB', 'x3', 'alert', 4, ['precursor-or-press-in-purpose', 'new-supplier']],
  ]);
  // Look-alikes: 'compresores' and 'snapped' contain 'press' / 'npp' but not as whole terms; no cash, not passed on.
  assert.deepEqual(run('precursor-chemical-payments', [
    { id: 'y1', hour: 1, amount: 20000, channel: 'ach', from: { account: 'CUSTOMER' }, to: { account: 'BUYER' } },
    { id: 'y2', hour: 30, amount: 6400, channel: 'wire', from: { account: 'BUYER' }, to: { account: 'CN-SUPPLIER', country: 'CN' }, purpose: 'Compresores industriales, snapped fittings' },
  ]), []);
});

test('contains_any: folded whole-word terms fixed at load time, informative type errors', () => {
  assert.equal(foldText('  Prensa  TABLETEADORA, 1-BOC-4-Piperidona '), 'prensa tableteadora 1 boc 4 piperidona');
  assert.equal(containsAnyTerm(foldText('Norfentanilo 5 kg'), [foldText('norfentanilo')]), true);
  assert.equal(containsAnyTerm(foldText('ANPPX'), ['anpp']), false);
  const options = { lookupFeature: featureByName, featureNames: () => FEATURES.map((f) => f.name), parameters: { terms: ['Píldora'], amounts: [1, 2] } };
  const compiled = compileExpression("contains_any(purpose, terms) or contains_any(counterparty_country, ['cn'])", options);
  assert.ok(compiled.ok);
  const vector = { numbers: new Float64Array(FEATURES.length), strings: new Array<string | undefined>(FEATURES.length) };
  vector.strings[featureByName('purpose')!.index] = foldText('Compra de PILDORA');
  vector.strings[featureByName('counterparty_country')!.index] = 'US';
  assert.equal(compiled.value.evaluate(vector), true);
  vector.strings[featureByName('purpose')!.index] = '';
  assert.equal(compiled.value.evaluate(vector), false);
  vector.strings[featureByName('counterparty_country')!.index] = 'CN';
  assert.equal(compiled.value.evaluate(vector), true);
  const reasons = ['contains_any(amount_usd, terms)', 'contains_any(purpose, amounts)', 'contains_any(purpose, [channel])', "contains_any(purpose, ['--'])", 'contains_any(purpose)']
    .map((source) => {
      const result = compileExpression(source, options);
      return result.ok ? 'compiled' : result.issues[0]!.reason;
    });
  assert.deepEqual(reasons, [
    'argument 1 of contains_any must be a string but is a number',
    'argument 2 of contains_any must be a list of strings but is a number[]',
    'argument 2 of contains_any must be a list literal or a list parameter (terms are fixed when the typology is loaded)',
    "term '--' has no letters or digits",
    "contains_any takes 2 argument(s): contains_any(string, [terms] or list parameter) — a term occurs as whole words, case and accents ignored",
  ]);
});

test('mx-usd-cash-cap: US-dollar cash deposited in Mexico above USD 4,000 in 30 days', () => {
  const usdCash = (id: string, day: number, amount: number, account: string, country = 'MX', currency = 'USD'): Spec => ({
    id, hour: day * 24, amount, currency, channel: 'cash_deposit', from: { party: `P-${account}`, country }, to: { account, country }, location: { country, postalCode: country === 'MX' ? '22000' : '10001', branchId: 'SUC-1' },
  });
  const alerts = run('mx-usd-cash-cap', [
    usdCash('m1', 1, 1500, 'MXA'), usdCash('m4', 2, 15000, 'MXB'), usdCash('m2', 10, 1500, 'MXA'), usdCash('m3', 20, 1500, 'MXA'),
  ]);
  assert.deepEqual(summary(alerts), [
    ['MXB', 'm4', 'alert', 4, ['usd-cash-in-mexico', 'above-individual-cap', 'above-company-cap']],
    ['MXA', 'm3', 'alert', 3, ['usd-cash-in-mexico', 'above-individual-cap']],
  ]);
  assert.deepEqual(alerts[1]?.transactionIds, ['m1', 'm2', 'm3']);
  // Peso cash, US-dollar cash spread over more than 30 days, or dollars deposited in the US: no alert.
  assert.deepEqual(run('mx-usd-cash-cap', [
    usdCash('k1', 1, 30000, 'MXC', 'MX', 'MXN'), usdCash('k2', 2, 90000, 'MXC', 'MX', 'MXN'),
    usdCash('k3', 1, 3000, 'MXD'), usdCash('k4', 35, 3000, 'MXD'),
    usdCash('k5', 1, 3000, 'USA', 'US'), usdCash('k6', 2, 3000, 'USA', 'US'),
  ]), []);
});
