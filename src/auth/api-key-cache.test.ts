import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serverMigrationFolders } from '../api/bootstrap.ts';
import { migrateAll, openDatabase, type Database } from '../store/index.ts';
import { createAuthStore } from './auth-store.ts';

let db: Database;
before(async () => {
  db = await openDatabase({ dataDirectory: 'memory://' });
  await migrateAll(db, serverMigrationFolders());
});
after(async () => {
  await db.close();
});

test('a verified API key is trusted for the cache time, then checked again against the database', async () => {
  let clock = Date.parse('2026-11-25T10:00:00Z');
  const auth = createAuthStore({ db, now: () => new Date(clock), apiKeyCacheMs: 5_000 });
  const { id, key } = await auth.createApiKey({ name: 'filing system', roles: ['institution_analyst'], institutionId: 'banco-frontera' });
  assert.equal((await auth.resolveApiKey(key))?.id, id);

  // Revoked behind this store's back (another process): still trusted until the entry expires.
  await db.query('UPDATE auth_api_keys SET revoked_at = $2 WHERE id = $1', [id, new Date(clock).toISOString()]);
  clock += 4_999;
  assert.equal((await auth.resolveApiKey(key))?.id, id);
  clock += 1;
  assert.equal(await auth.resolveApiKey(key), null);
});

test('a key revoked through the store stops at once, and a wrong secret never hits the cache', async () => {
  const auth = createAuthStore({ db, now: () => new Date('2026-11-25T10:00:00Z'), apiKeyCacheMs: 60_000 });
  const { id, key } = await auth.createApiKey({ name: 'bench', roles: ['institution_analyst'] });
  assert.equal((await auth.resolveApiKey(key))?.id, id);
  const wrongSecret = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
  assert.equal(await auth.resolveApiKey(wrongSecret), null);
  await auth.revokeApiKey(id);
  assert.equal(await auth.resolveApiKey(key), null);
});

test('with the cache off every request asks the database', async () => {
  const auth = createAuthStore({ db, now: () => new Date('2026-11-25T10:00:00Z'), apiKeyCacheMs: 0 });
  const { id, key } = await auth.createApiKey({ name: 'uncached', roles: ['administrator'] });
  assert.equal((await auth.resolveApiKey(key))?.id, id);
  await db.query('UPDATE auth_api_keys SET revoked_at = now() WHERE id = $1', [id]);
  assert.equal(await auth.resolveApiKey(key), null);
});
