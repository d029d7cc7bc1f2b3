import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FronteraError, ValidationError, type FieldIssue } from '../errors.ts';

/** RFC 9457 problem details, with Frontera's `code` and field `issues` as extension members. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODES: Record<number, string> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'content_too_large',
  415: 'unsupported_media_type',
  422: 'integrity',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
};

/**
 * Builds a problem document for a status.
 * @example problem(404, 'no alert A-1', '/api/v1/alerts/A-1').code === 'not_found'
 */
export function problem(status: number, detail: string, instance?: string, extra: { code?: string; issues?: FieldIssue[] } = {}): Problem {
  const code = extra.code ?? CODES[status] ?? (status >= 500 ? 'internal' : 'error');
  return {
    type: `urn:frontera:problem:${code}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    ...(instance === undefined ? {} : { instance }),
    code,
    ...(extra.issues && extra.issues.length > 0 ? { issues: extra.issues } : {}),
  };
}

/**
 * The one place errors become HTTP responses: Frontera's named errors by their own status,
 * schema validation as 400 with field issues, framework errors (size, media type, rate) by
 * their status, anything else as an opaque 500 that is logged but not revealed.
 */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const instance = request.url;
  if (error instanceof ValidationError) return problem(400, error.message, instance, { code: error.code, issues: error.issues });
  if (error instanceof FronteraError) {
    return problem(error.httpStatus, error.message, instance, { code: error.code });
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(request)', reason: issue.message }));
    return problem(400, 'the request is not valid', instance, { issues });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      field: [error.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.') || '(request)',
      reason: v.message ?? 'invalid',
    }));
    return problem(400, 'the request does not match the schema', instance, { issues });
  }
  if (isResponseSerializationError(error)) return problem(500, 'internal error', instance);
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    if (fastifyError.validation) {
      const issues = fastifyError.validation.map((v) => ({ field: `${fastifyError.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`, reason: v.message ?? 'invalid' }));
      return problem(400, 'the request does not match the schema', instance, { issues });
    }
    return problem(status, fastifyError.message ?? TITLES[status] ?? 'error', instance);
  }
  return problem(500, 'internal error', instance);
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}
