import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLE_DENIED_DETAIL } from '../src/api/index.ts';
import { ROLES, type Role } from '../src/auth/index.ts';
import { startHarness, type Harness } from './api-harness.ts';

/** The only routes anyone may call without credentials. A new public route must be added here on purpose. */
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/health',
  // Node-to-node safe-harbor messages: each is signed by a registered institution and checked by src/sharing.
  'POST /sharing/v1/messages',
  // Counterpart-FIU exchange envelopes: each is signed by a registered FIU and verified (and decrypted) by src/fiu.
  'POST /api/fiu/exchange/messages',
]);

type Operation = { method: string; path: string; access: { kind: string; roles: Role[] } | undefined };

function operations(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      result.push({ method: method.toUpperCase(), path, access: operation['x-frontera-access'] as Operation['access'] });
    }
  }
  return result;
}

/** `/api/v1/alerts/{alertId}` → `/api/v1/alerts/probe-alertId`: a syntactically valid id that need not exist. */
function concrete(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => `probe-${name}`);
}

describe('every API route enforces its access rule (enumerated from /openapi.json)', () => {
  let h: Harness;
  let ops: Operation[];
  before(async () => {
    h = await startHarness();
    const response = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.equal(document.openapi, '3.1.0');
    ops = operations(document);
  });
  after(() => h.close());

  test('the document lists the API and every operation carries its rule', () => {
    assert.ok(ops.length >= 8, `only ${ops.length} operations`);
    for (const op of ops) {
      assert.ok(op.path.startsWith('/api/v1/') || op.path.startsWith('/api/fiu/') || op.path.startsWith('/sharing/v1/'), `${op.method} ${op.path} is outside /api/v1/, /api/fiu/ and /sharing/v1/`);
      assert.ok(op.access, `${op.method} ${op.path} has no x-frontera-access`);
    }
  });

  test('only the listed routes are public', () => {
    const publicOps = ops.filter((op) => op.access?.kind === 'public').map((op) => `${op.method} ${op.path}`);
    assert.deepEqual(new Set(publicOps), PUBLIC_ROUTES);
  });

  test('every non-public route answers 401 without credentials, and 401 with a forged session', async () => {
    for (const op of ops.filter((o) => o.access?.kind !== 'public')) {
      const url = concrete(op.path);
      const anonymous = await h.app.inject({ method: op.method as 'GET', url, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }) });
      assert.equal(anonymous.statusCode, 401, `${op.method} ${op.path} without credentials answered ${anonymous.statusCode}`);
      assert.equal(anonymous.json().code, 'unauthenticated');
      const forged = await h.app.inject({ method: op.method as 'GET', url, headers: { cookie: 'frontera_session=forged', authorization: 'Bearer frk.key_AAAAAAAAAAAAAAAA.forged' } });
      assert.equal(forged.statusCode, 401, `${op.method} ${op.path} with forged credentials answered ${forged.statusCode}`);
    }
  });

  test('every role-restricted route answers 403 to each role it does not list', async () => {
    let checked = 0;
    for (const op of ops.filter((o) => o.access?.kind === 'roles')) {
      const allowed = op.access!.roles;
      assert.ok(allowed.length > 0 && allowed.every((r) => ROLES.includes(r)), `${op.method} ${op.path} lists unknown roles`);
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const response = await h.app.inject({ method: op.method as 'GET', url: concrete(op.path), headers: { cookie: h.cookieFor[role] } });
        assert.equal(response.statusCode, 403, `${op.method} ${op.path} as ${role} answered ${response.statusCode}`);
        assert.equal(response.json().code, 'forbidden');
        assert.equal(response.json().detail, ROLE_DENIED_DETAIL);
        checked++;
      }
    }
    assert.ok(checked > 0);
  });

  test('the sharing routes are mounted and enumerated', () => {
    assert.ok(ops.some((op) => op.path === '/sharing/v1/matches' && op.method === 'POST'));
  });

  test('the FIU hub routes are mounted and enumerated', () => {
    const fiu = ops.filter((op) => op.path.startsWith('/api/fiu/'));
    assert.ok(fiu.length >= 30, `only ${fiu.length} FIU operations`);
    assert.deepEqual(fiu.find((op) => op.path === '/api/fiu/investigator/search')?.access, { kind: 'roles', roles: ['law_enforcement_investigator'] });
    assert.deepEqual(fiu.find((op) => op.path === '/api/fiu/intake/files' && op.method === 'POST')?.access, { kind: 'roles', roles: ['institution_analyst', 'institution_approver'] });
    assert.deepEqual(fiu.find((op) => op.path === '/api/fiu/agencies' && op.method === 'POST')?.access, { kind: 'roles', roles: ['administrator', 'fiu_supervisor'] });
  });

  test('every role listed by a route gets past the access check (no 401, no role 403)', async () => {
    // Logging out ends the probe's session, so it goes last.
    const ordered = ops.filter((o) => o.access?.kind !== 'public').sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    for (const op of ordered) {
      for (const role of op.access!.roles) {
        const response = await h.app.inject({ method: op.method as 'GET', url: concrete(op.path), headers: { cookie: h.cookieFor[role] } });
        // A module may still refuse on its own rules (four eyes, unregistered investigator): not the role check.
        const roleDenied = response.statusCode === 403 && response.json().detail === ROLE_DENIED_DETAIL;
        assert.ok(response.statusCode !== 401 && !roleDenied, `${op.method} ${op.path} as ${role} answered ${response.statusCode} ${response.body.slice(0, 200)}`);
        assert.ok(response.statusCode < 500, `${op.method} ${op.path} as ${role} answered ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
  });
});

test('a route under /api/ cannot be registered without an access rule', async () => {
  const { createServer } = await import('../src/api/index.ts');
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite('memory://');
  const app = await createServer({ db });
  assert.throws(() => app.get('/api/v1/unguarded', async () => 'open'), /has no access rule/);
  await app.close();
  await db.close();
});
