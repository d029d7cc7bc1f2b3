/**
 * Type-checks an expression AST against the feature catalog and the typology's parameters, then
 * compiles it into plain closures over a feature vector. No eval, no Function: the only code that
 * ever runs is the closures below.
 *
 * Run-time faults (division by zero, a feature with no value) throw EvaluationFault so the engine
 * can mark the evaluation as errored. They are never turned into "no risk".
 */
import { ExpressionSyntaxError, issueAt, type ExpressionIssue } from './expression-lexer.ts';
import { namesIn, parseExpression, type Node } from './expression-parser.ts';
import { MAX_TERMS, MAX_TERM_LENGTH, containsAnyTerm, foldText } from './text.ts';

export type ValueType = 'number' | 'boolean' | 'string' | 'number[]' | 'string[]';
export type Value = number | boolean | string | readonly number[] | readonly string[];

/** Features are read from `numbers[index]` (booleans as 0/1) or `strings[index]`. NaN / undefined = no value. */
export type FeatureVector = { numbers: Float64Array; strings: Array<string | undefined> };

export type FeatureDefinition = { name: string; type: 'number' | 'boolean' | 'string'; index: number };
export type FeatureLookup = (name: string) => FeatureDefinition | undefined;

export type ParameterValue = number | boolean | string | number[] | string[];

export class EvaluationFault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'EvaluationFault';
  }
}

export type CompiledExpression = {
  source: string;
  type: ValueType;
  /** Feature names read, in order of first appearance (parameters excluded). */
  features: string[];
  evaluate: (vector: FeatureVector) => Value;
};

export type CompileResult = { ok: true; value: CompiledExpression } | { ok: false; issues: ExpressionIssue[] };

type Typed = { type: ValueType; run: (v: FeatureVector) => Value; constant?: Value };

class TypeFault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Edit distance for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest known name within a third of its length, if any. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function typeOfParameter(value: ParameterValue): ValueType {
  if (Array.isArray(value)) return value.length > 0 && typeof value[0] === 'string' ? 'string[]' : 'number[]';
  return typeof value as 'number' | 'boolean' | 'string';
}

const FUNCTIONS: Record<string, { minArgs: number; maxArgs: number; describe: string }> = {
  min: { minArgs: 1, maxArgs: 16, describe: 'min(number, …)' },
  max: { minArgs: 1, maxArgs: 16, describe: 'max(number, …)' },
  abs: { minArgs: 1, maxArgs: 1, describe: 'abs(number)' },
  ratio: { minArgs: 2, maxArgs: 2, describe: 'ratio(numerator, denominator) — 0 when the denominator is 0' },
  clamp: { minArgs: 3, maxArgs: 3, describe: 'clamp(value, low, high)' },
  count_true: { minArgs: 1, maxArgs: 16, describe: 'count_true(boolean, …) — how many are true' },
  all_of: { minArgs: 1, maxArgs: 16, describe: 'all_of(boolean, …)' },
  any_of: { minArgs: 1, maxArgs: 16, describe: 'any_of(boolean, …)' },
  contains_any: {
    minArgs: 2, maxArgs: 2,
    describe: "contains_any(string, [terms] or list parameter) — a term occurs as whole words, case and accents ignored",
  },
};

/** Names of the built-in functions with a one-line description, for `typologies` help. */
export const FUNCTION_HELP: ReadonlyArray<string> = Object.values(FUNCTIONS).map((f) => f.describe);

function asNumber(value: Value, offset: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new EvaluationFault(offset, 'value is not a number');
  return value;
}

class Checker {
  constructor(
    readonly source: string,
    readonly lookupFeature: FeatureLookup,
    readonly featureNames: () => Iterable<string>,
    readonly parameters: Readonly<Record<string, ParameterValue>>,
  ) {}

  expect(node: Node, typed: Typed, wanted: ValueType, what: string): void {
    if (typed.type !== wanted) throw new TypeFault(node.offset, `${what} must be a ${wanted} but is a ${typed.type}`);
  }

  check(node: Node): Typed {
    switch (node.type) {
      case 'number':
        return { type: 'number', run: () => node.value, constant: node.value };
      case 'string':
        return { type: 'string', run: () => node.value, constant: node.value };
      case 'boolean':
        return { type: 'boolean', run: () => node.value, constant: node.value };
      case 'name':
        return this.name(node);
      case 'list':
        return this.list(node);
      case 'call':
        return this.call(node);
      case 'negate': {
        const operand = this.check(node.operand);
        this.expect(node.operand, operand, 'number', "the operand of '-'");
        const run = operand.run;
        return { type: 'number', run: (v) => -(run(v) as number) };
      }
      case 'not': {
        const operand = this.check(node.operand);
        this.expect(node.operand, operand, 'boolean', "the operand of 'not'");
        const run = operand.run;
        return { type: 'boolean', run: (v) => !(run(v) as boolean) };
      }
      case 'logical': {
        const left = this.check(node.left);
        const right = this.check(node.right);
        this.expect(node.left, left, 'boolean', `the left side of '${node.operator}'`);
        this.expect(node.right, right, 'boolean', `the right side of '${node.operator}'`);
        const l = left.run;
        const r = right.run;
        // Both sides are always evaluated so that a fault on either side is never hidden by short-circuiting.
        return node.operator === 'and'
          ? { type: 'boolean', run: (v) => { const a = l(v) as boolean; const b = r(v) as boolean; return a && b; } }
          : { type: 'boolean', run: (v) => { const a = l(v) as boolean; const b = r(v) as boolean; return a || b; } };
      }
      case 'binary':
        return this.binary(node);
      case 'in':
        return this.membership(node);
      case 'between': {
        const value = this.check(node.value);
        const low = this.check(node.low);
        const high = this.check(node.high);
        this.expect(node.value, value, 'number', "the value before 'between'");
        this.expect(node.low, low, 'number', "the lower bound of 'between'");
        this.expect(node.high, high, 'number', "the upper bound of 'between'");
        const [x, lo, hi] = [value.run, low.run, high.run];
        return {
          type: 'boolean',
          run: (v) => {
            const n = x(v) as number;
            return n >= (lo(v) as number) && n <= (hi(v) as number);
          },
        };
      }
    }
  }

  name(node: Extract<Node, { type: 'name' }>): Typed {
    const parameter = Object.hasOwn(this.parameters, node.name) ? this.parameters[node.name] : undefined;
    if (parameter !== undefined) {
      const type = typeOfParameter(parameter);
      return { type, run: () => parameter, constant: parameter };
    }
    const feature = this.lookupFeature(node.name);
    if (!feature) {
      const suggestion = closestName(node.name, [...this.featureNames(), ...Object.keys(this.parameters)]);
      throw new TypeFault(
        node.offset,
        `unknown feature or parameter '${node.name}'${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
      );
    }
    const { index, name } = feature;
    const offset = node.offset;
    if (feature.type === 'string') {
      return {
        type: 'string',
        run: (v) => {
          const s = v.strings[index];
          if (s === undefined) throw new EvaluationFault(offset, `feature '${name}' has no value`);
          return s;
        },
      };
    }
    if (feature.type === 'boolean') {
      return {
        type: 'boolean',
        run: (v) => {
          const n = v.numbers[index]!;
          if (Number.isNaN(n)) throw new EvaluationFault(offset, `feature '${name}' has no value`);
          return n !== 0;
        },
      };
    }
    return {
      type: 'number',
      run: (v) => {
        const n = v.numbers[index]!;
        if (Number.isNaN(n)) throw new EvaluationFault(offset, `feature '${name}' has no value`);
        return n;
      },
    };
  }

  list(node: Extract<Node, { type: 'list' }>): Typed {
    const items = node.items.map((item) => this.check(item));
    const first = items[0];
    const itemType = first?.type ?? 'number';
    if (itemType !== 'number' && itemType !== 'string') throw new TypeFault(node.offset, `list items must be numbers or strings, not ${itemType}`);
    items.forEach((item, i) => this.expect(node.items[i]!, item, itemType, 'every list item'));
    const runs = items.map((item) => item.run);
    const type: ValueType = itemType === 'string' ? 'string[]' : 'number[]';
    if (items.every((item) => item.constant !== undefined)) {
      const constant = items.map((item) => item.constant) as number[] | string[];
      return { type, run: () => constant, constant };
    }
    return { type, run: (v) => runs.map((run) => run(v)) as number[] | string[] };
  }

  call(node: Extract<Node, { type: 'call' }>): Typed {
    const spec = FUNCTIONS[node.name];
    if (!spec) {
      const suggestion = closestName(node.name, Object.keys(FUNCTIONS));
      throw new TypeFault(node.offset, `unknown function '${node.name}'${suggestion ? ` — did you mean '${suggestion}'?` : ''}`);
    }
    if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
      throw new TypeFault(node.offset, `${node.name} takes ${spec.minArgs === spec.maxArgs ? spec.minArgs : `${spec.minArgs}–${spec.maxArgs}`} argument(s): ${spec.describe}`);
    }
    if (node.name === 'contains_any') return this.containsAny(node);
    const args = node.args.map((arg) => this.check(arg));
    const wanted: ValueType = node.name === 'count_true' || node.name === 'all_of' || node.name === 'any_of' ? 'boolean' : 'number';
    args.forEach((arg, i) => this.expect(node.args[i]!, arg, wanted, `argument ${i + 1} of ${node.name}`));
    const runs = args.map((arg) => arg.run);
    const [a, b, c] = runs as [Typed['run'], Typed['run'], Typed['run']];
    const offset = node.offset;
    switch (node.name) {
      case 'min':
        return { type: 'number', run: (v) => runs.reduce((m, run) => Math.min(m, run(v) as number), Infinity) };
      case 'max':
        return { type: 'number', run: (v) => runs.reduce((m, run) => Math.max(m, run(v) as number), -Infinity) };
      case 'abs':
        return { type: 'number', run: (v) => Math.abs(a(v) as number) };
      case 'ratio':
        return {
          type: 'number',
          run: (v) => {
            const numerator = a(v) as number;
            const denominator = b(v) as number;
            return denominator === 0 ? 0 : numerator / denominator;
          },
        };
      case 'clamp':
        return {
          type: 'number',
          run: (v) => {
            const low = b(v) as number;
            const high = c(v) as number;
            if (low > high) throw new EvaluationFault(offset, `clamp bounds are reversed (${low} > ${high})`);
            return Math.min(high, Math.max(low, a(v) as number));
          },
        };
      case 'count_true':
        return { type: 'number', run: (v) => runs.reduce((n, run) => n + (run(v) ? 1 : 0), 0) };
      case 'all_of':
        return { type: 'boolean', run: (v) => runs.map((run) => run(v)).every(Boolean) };
      default:
        return { type: 'boolean', run: (v) => runs.map((run) => run(v)).some(Boolean) };
    }
  }

  /** contains_any(text, terms): the terms must be known at load time so they are folded once. */
  containsAny(node: Extract<Node, { type: 'call' }>): Typed {
    const [textNode, termsNode] = node.args as [Node, Node];
    const text = this.check(textNode);
    const terms = this.check(termsNode);
    this.expect(textNode, text, 'string', 'argument 1 of contains_any');
    if (terms.type !== 'string[]' && !(terms.type === 'number[]' && (terms.constant as readonly unknown[] | undefined)?.length === 0)) {
      throw new TypeFault(termsNode.offset, `argument 2 of contains_any must be a list of strings but is a ${terms.type}`);
    }
    if (terms.constant === undefined) throw new TypeFault(termsNode.offset, 'argument 2 of contains_any must be a list literal or a list parameter (terms are fixed when the typology is loaded)');
    const raw = terms.constant as readonly string[];
    if (raw.length === 0) throw new TypeFault(termsNode.offset, 'contains_any needs at least one term');
    if (raw.length > MAX_TERMS) throw new TypeFault(termsNode.offset, `contains_any takes at most ${MAX_TERMS} terms, not ${raw.length}`);
    const folded = raw.map((term) => {
      if (term.length > MAX_TERM_LENGTH) throw new TypeFault(termsNode.offset, `term '${term.slice(0, 20)}…' is longer than ${MAX_TERM_LENGTH} characters`);
      const fold = foldText(term);
      if (fold === '') throw new TypeFault(termsNode.offset, `term '${term}' has no letters or digits`);
      return fold;
    });
    const unique = [...new Set(folded)];
    const run = text.run;
    // The purpose feature is folded by the engine already; anything else is folded here.
    if (textNode.type === 'name' && textNode.name === 'purpose') return { type: 'boolean', run: (v) => containsAnyTerm(run(v) as string, unique) };
    return { type: 'boolean', run: (v) => containsAnyTerm(foldText(run(v) as string), unique) };
  }

  binary(node: Extract<Node, { type: 'binary' }>): Typed {
    const left = this.check(node.left);
    const right = this.check(node.right);
    const l = left.run;
    const r = right.run;
    const offset = node.offset;
    const op = node.operator;
    if (op === '==' || op === '!=') {
      if (left.type !== right.type || left.type.endsWith('[]')) {
        throw new TypeFault(offset, `cannot compare a ${left.type} with a ${right.type} using '${op}'`);
      }
      return op === '==' ? { type: 'boolean', run: (v) => l(v) === r(v) } : { type: 'boolean', run: (v) => l(v) !== r(v) };
    }
    this.expect(node.left, left, 'number', `the left side of '${op}'`);
    this.expect(node.right, right, 'number', `the right side of '${op}'`);
    switch (op) {
      case '<':
        return { type: 'boolean', run: (v) => (l(v) as number) < (r(v) as number) };
      case '<=':
        return { type: 'boolean', run: (v) => (l(v) as number) <= (r(v) as number) };
      case '>':
        return { type: 'boolean', run: (v) => (l(v) as number) > (r(v) as number) };
      case '>=':
        return { type: 'boolean', run: (v) => (l(v) as number) >= (r(v) as number) };
      case '+':
        return { type: 'number', run: (v) => (l(v) as number) + (r(v) as number) };
      case '-':
        return { type: 'number', run: (v) => (l(v) as number) - (r(v) as number) };
      case '*':
        return { type: 'number', run: (v) => (l(v) as number) * (r(v) as number) };
      default: {
        if (right.constant === 0) throw new TypeFault(node.right.offset, `division by zero`);
        const modulo = op === '%';
        return {
          type: 'number',
          run: (v) => {
            const numerator = l(v) as number;
            const denominator = r(v) as number;
            if (denominator === 0) throw new EvaluationFault(offset, `division by zero (use ratio(a, b) where 0 is a meaningful answer)`);
            return asNumber(modulo ? numerator % denominator : numerator / denominator, offset);
          },
        };
      }
    }
  }

  membership(node: Extract<Node, { type: 'in' }>): Typed {
    const value = this.check(node.value);
    const list = this.check(node.list);
    if (list.type !== 'string[]' && list.type !== 'number[]') throw new TypeFault(node.list.offset, `'in' needs a list but found a ${list.type}`);
    const itemType = list.type === 'string[]' ? 'string' : 'number';
    if (value.type !== itemType && !(list.constant !== undefined && (list.constant as unknown[]).length === 0)) {
      throw new TypeFault(node.value.offset, `cannot look for a ${value.type} in a list of ${itemType}s`);
    }
    const x = value.run;
    const negated = node.negated;
    if (list.constant !== undefined) {
      const members = new Set<unknown>(list.constant as readonly unknown[]);
      return { type: 'boolean', run: (v) => members.has(x(v)) !== negated };
    }
    const items = list.run;
    return { type: 'boolean', run: (v) => (items(v) as readonly unknown[]).includes(x(v)) !== negated };
  }
}

export type CompileOptions = {
  lookupFeature: FeatureLookup;
  featureNames: () => Iterable<string>;
  parameters?: Readonly<Record<string, ParameterValue>>;
  /** The type the whole expression must have; rules are boolean. */
  expectedType?: ValueType;
};

/**
 * Parses, type-checks and compiles an expression.
 * @example
 * const result = compileExpression('cash_in_sum_7d > ctr_threshold_usd', { lookupFeature, featureNames, parameters: { ctr_threshold_usd: 10000 } });
 * if (result.ok) result.value.evaluate(vector); // true / false
 */
export function compileExpression(source: string, options: CompileOptions): CompileResult {
  let ast: Node;
  try {
    ast = parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, issues: [error.issue] };
    throw error;
  }
  const parameters = options.parameters ?? {};
  const checker = new Checker(source, options.lookupFeature, options.featureNames, parameters);
  try {
    const typed = checker.check(ast);
    if (options.expectedType && typed.type !== options.expectedType) {
      throw new TypeFault(ast.offset, `the expression must be a ${options.expectedType} but is a ${typed.type}`);
    }
    const features = namesIn(ast).filter((name) => !Object.hasOwn(parameters, name));
    return { ok: true, value: { source, type: typed.type, features, evaluate: typed.run } };
  } catch (error) {
    if (error instanceof TypeFault) return { ok: false, issues: [issueAt(source, error.offset, error.reason)] };
    throw error;
  }
}
