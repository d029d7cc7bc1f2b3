import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression, EvaluationFault, type FeatureVector } from './expression-compiler.ts';
import { parseExpression } from './expression-parser.ts';
import { tokenize, ExpressionSyntaxError } from './expression-lexer.ts';
import { FEATURES, featureByName, featureNames } from './feature-catalog.ts';

const vector = (values: Record<string, number | string>): FeatureVector => {
  const numbers = new Float64Array(FEATURES.length).fill(Number.NaN);
  const strings = new Array<string | undefined>(FEATURES.length);
  for (const [name, value] of Object.entries(values)) {
    const index = featureByName(name)!.index;
    if (typeof value === 'string') strings[index] = value;
    else numbers[index] = value;
  }
  return { numbers, strings };
};

const compile = (source: string, parameters: Record<string, number | string | boolean | number[] | string[]> = {}) =>
  compileExpression(source, { lookupFeature: featureByName, featureNames, parameters, expectedType: 'boolean' });

function evaluate(source: string, values: Record<string, number | string>, parameters = {}): unknown {
  const result = compile(source, parameters);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value.evaluate(vector(values));
}

test('tokenizer reads numbers with separators, strings, operators and keywords', () => {
  const tokens = tokenize('cash_sum_7d >= 10_000.50 and channel == "wire"');
  assert.deepEqual(tokens.map((t) => t.text), ['cash_sum_7d', '>=', '10_000.50', 'and', 'channel', '==', '"wire"', '']);
  assert.equal(tokens[2]!.value, 10000.5);
  assert.throws(() => tokenize('a = 1'), /1:3: unexpected '=' — use '==' to compare/);
  assert.throws(() => tokenize('a && b'), /use 'and' \/ 'or'/);
  assert.throws(() => tokenize('"open'), /1:1: unterminated string/);
});

test('parser gives precedence: or < and < not < comparison < + < *', () => {
  const ast = parseExpression('not a > 1 + 2 * 3 or b');
  assert.equal(ast.type, 'logical');
  if (ast.type !== 'logical') return;
  assert.equal(ast.operator, 'or');
  assert.equal(ast.left.type, 'not');
  const between = parseExpression('x between 1 and 2 and y');
  assert.equal(between.type, 'logical');
  assert.throws(() => parseExpression('a < b < c'), /comparisons cannot be chained/);
  assert.throws(() => parseExpression('(a > 1'), /1:7: expected '\)' but found the end of the expression/);
  assert.throws(() => parseExpression('a >\n  and b'), (error: unknown) => error instanceof ExpressionSyntaxError && error.issue.line === 2 && error.issue.column === 3);
});

test('evaluates arithmetic, comparisons, logic, in, between and functions', () => {
  assert.equal(evaluate('cash_sum_7d > ctr', { cash_sum_7d: 12000 }, { ctr: 10000 }), true);
  assert.equal(evaluate('amount_usd * 2 - 1 == 19', { amount_usd: 10 }), true);
  assert.equal(evaluate('channel in ["wire", "spei"]', { channel: 'spei' }), true);
  assert.equal(evaluate('channel not in allowed', { channel: 'card' }, { allowed: ['wire', 'card'] }), false);
  assert.equal(evaluate('amount_usd between 8000 and 9999.99', { amount_usd: 9999.99 }), true);
  assert.equal(evaluate('max(in_sum_7d, out_sum_7d) == 7 and min(1, 2, 3) == 1 and abs(-2) == 2', { in_sum_7d: 7, out_sum_7d: 3 }), true);
  assert.equal(evaluate('ratio(out_sum_7d, in_sum_7d) == 0', { in_sum_7d: 0, out_sum_7d: 5 }), true);
  assert.equal(evaluate('count_true(is_cash, is_cross_border, true) == 2', { is_cash: 1, is_cross_border: 0 }), true);
  assert.equal(evaluate('clamp(amount_usd, 0, 10) == 10 and -amount_usd < 0', { amount_usd: 99 }), true);
  assert.equal(evaluate('not is_cash or amount_usd % 1000 == 0', { is_cash: 1, amount_usd: 3000 }), true);
});

test('validation errors point at the expression, line:column and reason', () => {
  const unknown = compile('cash_sum_7dd > 10000');
  assert.ok(!unknown.ok);
  assert.deepEqual(unknown.issues[0], { offset: 0, line: 1, column: 1, reason: "unknown feature or parameter 'cash_sum_7dd' — did you mean 'cash_sum_7d'?" });
  const typeError = compile('is_cash + 1 > 2');
  assert.ok(!typeError.ok);
  assert.equal(typeError.issues[0]!.reason, "the left side of '+' must be a number but is a boolean");
  assert.equal(typeError.issues[0]!.column, 1);
  const mixed = compile('channel == 3');
  assert.ok(!mixed.ok);
  assert.match(mixed.issues[0]!.reason, /cannot compare a string with a number/);
  const notBoolean = compile('amount_usd + 1');
  assert.ok(!notBoolean.ok);
  assert.equal(notBoolean.issues[0]!.reason, 'the expression must be a boolean but is a number');
  const badCall = compile('mx(1, 2) > 0');
  assert.ok(!badCall.ok);
  assert.equal(badCall.issues[0]!.reason, "unknown function 'mx' — did you mean 'max'?");
  const constantZero = compile('amount_usd / 0 > 1');
  assert.ok(!constantZero.ok);
  assert.equal(constantZero.issues[0]!.column, 14);
  const membership = compile('amount_usd in ["a"]');
  assert.ok(!membership.ok);
  assert.match(membership.issues[0]!.reason, /cannot look for a number in a list of strings/);
});

test('run-time faults throw EvaluationFault (fail closed), never false', () => {
  const division = compile('amount_usd / in_count_7d > 1');
  assert.ok(division.ok);
  assert.throws(() => division.value.evaluate(vector({ amount_usd: 5, in_count_7d: 0 })), (error: unknown) => error instanceof EvaluationFault && /division by zero/.test(error.reason) && error.offset === 11);
  const missing = compile('pass_through_share_48h > 0.9 or amount_usd > 1');
  assert.ok(missing.ok);
  // The right side is true, but a missing value on the left must still surface.
  assert.throws(() => missing.value.evaluate(vector({ amount_usd: 5 })), (error: unknown) => error instanceof EvaluationFault && error.reason === "feature 'pass_through_share_48h' has no value");
});

test('the compiled expression lists the features it reads, not parameters', () => {
  const result = compile('cash_sum_7d > limit and cash_events_7d >= 2 and cash_sum_7d < 1e6', { limit: 5 });
  assert.ok(result.ok);
  assert.deepEqual(result.value.features, ['cash_sum_7d', 'cash_events_7d']);
});

test('no code path can reach eval: identifiers never resolve to globals', () => {
  for (const source of ['constructor', 'globalThis', 'process.exit(1)', '__proto__ == 1']) {
    const result = compile(source);
    assert.equal(result.ok, false, source);
  }
});
