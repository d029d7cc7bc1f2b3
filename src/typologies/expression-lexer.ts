/**
 * Tokenizer of the typology expression language. Every token keeps its offset so that parse and
 * type errors can point at line:column inside the expression.
 */

export type TokenKind = 'number' | 'string' | 'identifier' | 'operator' | 'punctuation' | 'end';

export type Token = { kind: TokenKind; text: string; value: number | string; offset: number };

/** Words with a grammatical meaning; they cannot name features or parameters. */
export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between', 'true', 'false']);

/** A problem in an expression, with its 1-based line and column. */
export type ExpressionIssue = { offset: number; line: number; column: number; reason: string };

export class ExpressionSyntaxError extends Error {
  constructor(readonly issue: ExpressionIssue) {
    super(`${issue.line}:${issue.column}: ${issue.reason}`);
    this.name = 'ExpressionSyntaxError';
  }
}

/** Converts an offset into a 1-based line and column. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function issueAt(source: string, offset: number, reason: string): ExpressionIssue {
  return { offset, ...positionOf(source, offset), reason };
}

const TWO_CHARACTER_OPERATORS = new Set(['==', '!=', '<=', '>=']);
const ONE_CHARACTER_OPERATORS = new Set(['<', '>', '+', '-', '*', '/', '%']);
const PUNCTUATION = new Set(['(', ')', '[', ']', ',']);

/** Longest expression accepted; typology rules are short and this bounds parse cost. */
export const MAX_EXPRESSION_LENGTH = 4000;

/**
 * Splits an expression into tokens.
 * @example tokenize('cash_sum_7d > 10_000').map((t) => t.text) // ['cash_sum_7d', '>', '10_000', '']
 */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(issueAt(source, 0, `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`));
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      while (i < source.length && /[0-9_.]/.test(source[i]!)) i++;
      if (/[eE]/.test(source[i] ?? '')) {
        i++;
        if (/[+-]/.test(source[i] ?? '')) i++;
        while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      }
      const text = source.slice(start, i);
      const cleaned = text.replaceAll('_', '');
      if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned) || text.endsWith('_') || text.includes('_.') || text.includes('._')) {
        throw new ExpressionSyntaxError(issueAt(source, start, `malformed number '${text}'`));
      }
      tokens.push({ kind: 'number', text, value: Number(cleaned), offset: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      const text = source.slice(start, i);
      tokens.push({ kind: 'identifier', text, value: text, offset: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < source.length && source[i] !== c) {
        if (source[i] === '\\' && i + 1 < source.length) {
          value += source[i + 1];
          i += 2;
          continue;
        }
        if (source[i] === '\n') break;
        value += source[i];
        i++;
      }
      if (source[i] !== c) throw new ExpressionSyntaxError(issueAt(source, start, 'unterminated string'));
      i++;
      tokens.push({ kind: 'string', text: source.slice(start, i), value, offset: start });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHARACTER_OPERATORS.has(two)) {
      tokens.push({ kind: 'operator', text: two, value: two, offset: start });
      i += 2;
      continue;
    }
    if (ONE_CHARACTER_OPERATORS.has(c)) {
      tokens.push({ kind: 'operator', text: c, value: c, offset: start });
      i++;
      continue;
    }
    if (PUNCTUATION.has(c)) {
      tokens.push({ kind: 'punctuation', text: c, value: c, offset: start });
      i++;
      continue;
    }
    if (c === '=') throw new ExpressionSyntaxError(issueAt(source, start, "unexpected '=' — use '==' to compare"));
    if (c === '&' || c === '|') {
      throw new ExpressionSyntaxError(issueAt(source, start, `unexpected '${c}' — use 'and' / 'or'`));
    }
    throw new ExpressionSyntaxError(issueAt(source, start, `unexpected character '${c}'`));
  }
  tokens.push({ kind: 'end', text: '', value: '', offset: source.length });
  return tokens;
}
