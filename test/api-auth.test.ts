import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from './api-harness.ts';

describe('API authentication', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ options: { loginRateLimitPerMinute: 5 } });
  });
  after(() => h.close());

  test('login sets an HttpOnly SameSite session cookie that authenticates later requests', async () => {
    const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'administrator', password: 'password-of-administrator' } });
    assert.equal(login.statusCode, 200);
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /^frontera_session=[A-Za-z0-9_-]{43};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().roles, ['administrator']);
    const logout = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(logout.statusCode, 204);
    const afterLogout = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(afterLogout.statusCode, 401);
  });

  test('a wrong password is a 401 problem document', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'administrator', password: 'nope' } });
    assert.equal(response.statusCode, 401);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    const body = response.json();
    assert.equal(body.status, 401);
    assert.equal(body.code, 'unauthenticated');
    assert.equal(body.type, 'urn:frontera:problem:unauthenticated');
  });

  test('an API key issued by an administrator authenticates a machine until revoked', async () => {
    const issued = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: { cookie: h.cookieFor.administrator },
      payload: { name: 'core banking feed', roles: ['institution_analyst'] },
    });
    assert.equal(issued.statusCode, 201);
    const { id, key } = issued.json();
    const stored = await h.db.query<{ secret_digest: string }>('SELECT secret_digest FROM auth_api_keys WHERE id = $1', [id]);
    assert.ok(!key.endsWith(stored.rows[0]!.secret_digest), 'the secret is not stored in clear');
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${key}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().kind, 'api_key');
    const admin = await h.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { 'x-api-key': key } });
    assert.equal(admin.statusCode, 403);
    const revoke = await h.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-keys/${id}`, headers: { cookie: h.cookieFor.administrator } });
    assert.equal(revoke.statusCode, 204);
    const afterRevoke = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${key}` } });
    assert.equal(afterRevoke.statusCode, 401);
  });

  test('a body that breaks the schema is a 400 problem naming the field', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { cookie: h.cookieFor.administrator },
      payload: { username: 'Bad Name', displayName: 'x', password: 'short', roles: ['nobody'] },
    });
    assert.equal(response.statusCode, 400);
    const fields = response.json().issues.map((i: { field: string }) => i.field);
    assert.ok(fields.includes('body.username'), JSON.stringify(fields));
    assert.ok(fields.includes('body.password'));
  });

  test('a body above the size limit is refused with 413', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { cookie: h.cookieFor.administrator, 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().code, 'content_too_large');
  });

  test('login attempts are rate limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'x', password: 'y' } });
      statuses.push(r.statusCode);
    }
    assert.equal(statuses.at(-1), 429);
    assert.ok(statuses.slice(0, 5).every((s) => s === 401), statuses.join(','));
  });

  test('answers carry browser hardening headers, API answers are not cached', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const docs = await h.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
  });

  test('unknown API paths are 404 problems', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'not_found');
  });
});
