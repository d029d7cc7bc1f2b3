import { ValidationError } from '../errors.ts';

/**
 * One encoding of JavaScript values for both drivers, so PGlite and PostgreSQL receive the same
 * text for the same value and behave the same by construction (parameters, multi-row INSERTs
 * and COPY all go through here).
 */

/** What a column is, as far as encoding a value for it is concerned. */
export type ColumnKind = 'json' | 'array' | 'bytea' | 'scalar';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Quotes a table or column name after checking it is a plain lower-case SQL identifier
 * (optionally `schema.table`). Names never come from users, but refusing anything else keeps
 * the dynamic SQL of `insertRows` safe.
 * @example quoteIdentifier('public.transaction_log') === '"public"."transaction_log"'
 */
export function quoteIdentifier(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new ValidationError(`not a plain SQL identifier: ${JSON.stringify(name)}`, [{ field: 'identifier', reason: 'must be lower-case letters, digits and underscores, optionally schema-qualified' }]);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

function toHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return arrayLiteral(value);
  const text = scalarText(value, 'scalar');
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Renders a (possibly nested) JavaScript array as a PostgreSQL array literal.
 * @example arrayLiteral(['a', 'b"c', null]) === '{"a","b\\"c",NULL}'
 */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(',')}}`;
}

function scalarText(value: unknown, kind: ColumnKind): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (kind === 'json' && !Number.isFinite(value)) throw new ValidationError(`cannot store ${value} in a JSON column`, [{ field: 'value', reason: 'JSON has no NaN or Infinity' }]);
      return kind === 'json' ? JSON.stringify(value) : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return kind === 'json' ? String(value) : value ? 't' : 'f';
    case 'object':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new ValidationError('invalid Date value', [{ field: 'value', reason: 'Invalid Date' }]);
        return kind === 'json' ? JSON.stringify(value) : value.toISOString();
      }
      if (value instanceof Uint8Array) return toHex(value);
      if (Array.isArray(value)) return kind === 'json' ? JSON.stringify(value) : arrayLiteral(value);
      return JSON.stringify(value);
    default:
      throw new ValidationError(`cannot store a value of type ${typeof value}`, [{ field: 'value', reason: `unsupported type ${typeof value}` }]);
  }
}

/**
 * Encodes one value as the text PostgreSQL parses for a column of the given kind, or `null`.
 * Strings are passed unchanged (for a JSON column a string is taken to be JSON text already).
 * @example encodeValue({ a: 1 }, 'json') === '{"a":1}'
 * @example encodeValue(['x', 'y'], 'array') === '{"x","y"}'
 */
export function encodeValue(value: unknown, kind: ColumnKind): string | null {
  if (value === null || value === undefined) return null;
  return scalarText(value, kind);
}

/**
 * Normalises a query parameter so both drivers bind it the same way: arrays become array
 * literals, plain objects become JSON text, bigints become decimal text; dates, byte arrays,
 * strings, numbers and booleans are left to the driver, which both handle alike.
 */
export function normalizeParameter(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (isPlainObject(value)) return JSON.stringify(value);
  return value;
}

/** Escapes one already-encoded field for COPY's text format (NULL is `\N`). */
export function copyField(text: string | null): string {
  if (text === null) return '\\N';
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Classifies a column from `pg_type`'s category and name. */
export function columnKindOf(typeCategory: string, typeName: string): ColumnKind {
  if (typeCategory === 'A') return 'array';
  if (typeName === 'json' || typeName === 'jsonb') return 'json';
  if (typeName === 'bytea') return 'bytea';
  return 'scalar';
}

/** Parses PostgreSQL `int8` text to a JavaScript number, refusing values a double cannot hold exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint value ${text} is outside JavaScript's safe integer range`);
  return value;
}
