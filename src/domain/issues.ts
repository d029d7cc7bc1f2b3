import type { z } from 'zod';

/** A per-record problem: which field, and why. Values, not exceptions. */
export type FieldIssue = { field: string; reason: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Flattens zod issues into field/reason pairs, e.g. `originator.country: must be a two-letter …`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
    reason: issue.message,
  }));
}

/** Parses with a schema and returns a result value with field-level issues. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: fieldIssues(result.error) };
}
