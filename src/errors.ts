/**
 * Frontera's few named errors. Each carries context; `httpStatus` and `exitCode` are decided
 * here only, so the HTTP problem-details handler and the CLI map errors the same way.
 */
export type FieldIssue = { field: string; reason: string };

export class FronteraError extends Error {
  readonly httpStatus: number = 500;
  readonly exitCode: number = 1;
  readonly code: string = 'internal';
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that cannot be accepted; carries every field problem found. */
export class ValidationError extends FronteraError {
  override readonly httpStatus = 400;
  override readonly exitCode = 2;
  override readonly code = 'validation';
  constructor(message: string, readonly issues: FieldIssue[] = [], details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class NotFoundError extends FronteraError {
  override readonly httpStatus = 404;
  override readonly exitCode = 3;
  override readonly code = 'not_found';
}

export class ConflictError extends FronteraError {
  override readonly httpStatus = 409;
  override readonly exitCode = 4;
  override readonly code = 'conflict';
}

export class ForbiddenError extends FronteraError {
  override readonly httpStatus = 403;
  override readonly exitCode = 5;
  override readonly code = 'forbidden';
}

export class UnauthenticatedError extends FronteraError {
  override readonly httpStatus = 401;
  override readonly exitCode = 5;
  override readonly code = 'unauthenticated';
}

/** A signature, key or package that does not verify: always refused, never loaded. */
export class IntegrityError extends FronteraError {
  override readonly httpStatus = 422;
  override readonly exitCode = 6;
  override readonly code = 'integrity';
}

/** Renders any thrown value as one line for a terminal, with field issues underneath. */
export function describeError(error: unknown): string {
  if (error instanceof ValidationError && error.issues.length > 0) {
    return [error.message, ...error.issues.map((i) => `  - ${i.field}: ${i.reason}`)].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

export function exitCodeOf(error: unknown): number {
  return error instanceof FronteraError ? error.exitCode : 1;
}
