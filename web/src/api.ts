/** A problem document (RFC 9457) as the server sends it. */
export type Problem = { type: string; title: string; status: number; detail?: string; code: string; issues?: Array<{ field: string; reason: string }> };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export const ROLES = [
  'institution_analyst',
  'institution_approver',
  'fiu_analyst',
  'fiu_supervisor',
  'law_enforcement_investigator',
  'supervisor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export type Principal = { kind: 'user' | 'api_key'; id: string; name: string; roles: Role[]; institutionId: string | null; agencyId: string | null };

async function request<T>(method: string, path: string, body?: unknown, base = '/api/v1'): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as Partial<Problem>;
    throw new ApiError({ type: problem.type ?? 'about:blank', title: problem.title ?? response.statusText, status: response.status, code: problem.code ?? 'error', ...(problem.detail ? { detail: problem.detail } : {}), ...(problem.issues ? { issues: problem.issues } : {}) });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The safe-harbor sharing routes, mounted beside the API under /sharing/v1 with the same sign-in. */
export const sharingApi = {
  get: <T>(path: string) => request<T>('GET', path, undefined, '/sharing/v1'),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body, '/sharing/v1'),
};

/** The FIU hub's routes, mounted beside the API under /api/fiu with the same sign-in. */
export const fiuApi = {
  get: <T>(path: string) => request<T>('GET', path, undefined, '/api/fiu'),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body, '/api/fiu'),
};

/** The reason a request failed, in the server's words when it gave one (with the fields it named). */
export function problemMessage(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  const issues = error.problem.issues?.map((issue) => `${issue.field}: ${issue.reason}`).join('; ');
  const text = error.problem.detail ?? error.problem.title;
  return issues ? `${text} (${issues})` : text;
}
