/**
 * Recursive-descent parser of the typology expression language into an AST.
 *
 * Precedence, loosest first: `or`, `and`, `not`, comparison (`== != < <= > >=`, `in [..]`,
 * `not in [..]`, `between a and b`), `+ -`, `* / %`, unary minus, primary.
 */
import { ExpressionSyntaxError, KEYWORDS, issueAt, tokenize, type Token } from './expression-lexer.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Node =
  | { type: 'number'; value: number; offset: number }
  | { type: 'string'; value: string; offset: number }
  | { type: 'boolean'; value: boolean; offset: number }
  | { type: 'name'; name: string; offset: number }
  | { type: 'list'; items: Node[]; offset: number }
  | { type: 'call'; name: string; args: Node[]; offset: number }
  | { type: 'negate'; operand: Node; offset: number }
  | { type: 'not'; operand: Node; offset: number }
  | { type: 'logical'; operator: 'and' | 'or'; left: Node; right: Node; offset: number }
  | { type: 'binary'; operator: BinaryOperator; left: Node; right: Node; offset: number }
  | { type: 'in'; negated: boolean; value: Node; list: Node; offset: number }
  | { type: 'between'; value: Node; low: Node; high: Node; offset: number };

const MAX_DEPTH = 64;

class Parser {
  #index = 0;
  #depth = 0;
  constructor(
    readonly source: string,
    readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.#index]!;
  }
  next(): Token {
    const token = this.tokens[this.#index]!;
    if (token.kind !== 'end') this.#index++;
    return token;
  }
  isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text === word;
  }
  isText(text: string): boolean {
    const token = this.peek();
    return (token.kind === 'operator' || token.kind === 'punctuation') && token.text === text;
  }
  fail(token: Token, reason: string): never {
    throw new ExpressionSyntaxError(issueAt(this.source, token.offset, reason));
  }
  expect(text: string): Token {
    if (!this.isText(text)) this.fail(this.peek(), `expected '${text}' but found ${describe(this.peek())}`);
    return this.next();
  }
  enter(token: Token): void {
    if (++this.#depth > MAX_DEPTH) this.fail(token, `expression nests deeper than ${MAX_DEPTH} levels`);
  }
  leave(): void {
    this.#depth--;
  }

  parseExpression(): Node {
    const token = this.peek();
    this.enter(token);
    const node = this.parseOr();
    this.leave();
    return node;
  }
  parseOr(): Node {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      const op = this.next();
      left = { type: 'logical', operator: 'or', left, right: this.parseAnd(), offset: op.offset };
    }
    return left;
  }
  parseAnd(): Node {
    let left = this.parseNot();
    while (this.isWord('and')) {
      const op = this.next();
      left = { type: 'logical', operator: 'and', left, right: this.parseNot(), offset: op.offset };
    }
    return left;
  }
  parseNot(): Node {
    if (this.isWord('not')) {
      const op = this.next();
      this.enter(op);
      const operand = this.parseNot();
      this.leave();
      return { type: 'not', operand, offset: op.offset };
    }
    return this.parseComparison();
  }
  parseComparison(): Node {
    const left = this.parseAdditive();
    const token = this.peek();
    if (token.kind === 'operator' && ['==', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      this.next();
      const right = this.parseAdditive();
      const node: Node = { type: 'binary', operator: token.text as BinaryOperator, left, right, offset: token.offset };
      const after = this.peek();
      if (after.kind === 'operator' && ['==', '!=', '<', '<=', '>', '>='].includes(after.text)) {
        this.fail(after, 'comparisons cannot be chained — join them with "and"');
      }
      return node;
    }
    if (this.isWord('in')) {
      this.next();
      return { type: 'in', negated: false, value: left, list: this.parseAdditive(), offset: token.offset };
    }
    if (this.isWord('not') && this.tokens[this.#index + 1]?.text === 'in') {
      this.next();
      this.next();
      return { type: 'in', negated: true, value: left, list: this.parseAdditive(), offset: token.offset };
    }
    if (this.isWord('between')) {
      this.next();
      const low = this.parseAdditive();
      if (!this.isWord('and')) this.fail(this.peek(), `expected 'and' in 'between … and …' but found ${describe(this.peek())}`);
      this.next();
      const high = this.parseAdditive();
      return { type: 'between', value: left, low, high, offset: token.offset };
    }
    return left;
  }
  parseAdditive(): Node {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '+' && token.text !== '-')) return left;
      this.next();
      left = { type: 'binary', operator: token.text, left, right: this.parseMultiplicative(), offset: token.offset };
    }
  }
  parseMultiplicative(): Node {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '*' && token.text !== '/' && token.text !== '%')) return left;
      this.next();
      left = { type: 'binary', operator: token.text, left, right: this.parseUnary(), offset: token.offset };
    }
  }
  parseUnary(): Node {
    if (this.isText('-')) {
      const op = this.next();
      this.enter(op);
      const operand = this.parseUnary();
      this.leave();
      return { type: 'negate', operand, offset: op.offset };
    }
    return this.parsePrimary();
  }
  parsePrimary(): Node {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value as number, offset: token.offset };
      case 'string':
        return { type: 'string', value: token.value as string, offset: token.offset };
      case 'identifier': {
        if (token.text === 'true' || token.text === 'false') return { type: 'boolean', value: token.text === 'true', offset: token.offset };
        if (KEYWORDS.has(token.text)) this.fail(token, `unexpected keyword '${token.text}'`);
        if (this.isText('(')) {
          this.next();
          const args: Node[] = [];
          if (!this.isText(')')) {
            do args.push(this.parseExpression());
            while (this.isText(',') && this.next());
          }
          this.expect(')');
          return { type: 'call', name: token.text, args, offset: token.offset };
        }
        return { type: 'name', name: token.text, offset: token.offset };
      }
      case 'punctuation':
        if (token.text === '(') {
          const inner = this.parseExpression();
          this.expect(')');
          return inner;
        }
        if (token.text === '[') {
          const items: Node[] = [];
          if (!this.isText(']')) {
            do items.push(this.parseExpression());
            while (this.isText(',') && this.next());
          }
          this.expect(']');
          return { type: 'list', items, offset: token.offset };
        }
        return this.fail(token, `unexpected ${describe(token)}`);
      case 'operator':
        return this.fail(token, `unexpected operator '${token.text}'`);
      case 'end':
        return this.fail(token, 'unexpected end of expression');
    }
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  return `'${token.text}'`;
}

/**
 * Parses an expression into an AST; throws ExpressionSyntaxError with line:column on bad input.
 * @example parseExpression('cash_in_count_7d between 3 and 8').type === 'between'
 */
export function parseExpression(source: string): Node {
  const parser = new Parser(source, tokenize(source));
  const node = parser.parseExpression();
  const rest = parser.peek();
  if (rest.kind !== 'end') parser.fail(rest, `unexpected ${describe(rest)} after a complete expression`);
  return node;
}

/** Every feature or parameter name an AST reads, in order of first appearance. */
export function namesIn(node: Node, into: string[] = []): string[] {
  switch (node.type) {
    case 'name':
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case 'list':
      node.items.forEach((item) => namesIn(item, into));
      break;
    case 'call':
      node.args.forEach((arg) => namesIn(arg, into));
      break;
    case 'negate':
    case 'not':
      namesIn(node.operand, into);
      break;
    case 'logical':
    case 'binary':
      namesIn(node.left, into);
      namesIn(node.right, into);
      break;
    case 'in':
      namesIn(node.value, into);
      namesIn(node.list, into);
      break;
    case 'between':
      namesIn(node.value, into);
      namesIn(node.low, into);
      namesIn(node.high, into);
      break;
    default:
      break;
  }
  return into;
}
