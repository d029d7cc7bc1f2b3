import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password.ts';

const cheap = { logN: 10, blockSize: 8, parallelization: 1 };

test('a hash verifies its own password and no other', async () => {
  const stored = await hashPassword('correct horse battery', cheap);
  assert.match(stored, /^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword('correct horse battery', stored), true);
  assert.equal(await verifyPassword('correct horse batterY', stored), false);
});

test('two hashes of one password differ (random salt)', async () => {
  assert.notEqual(await hashPassword('same password', cheap), await hashPassword('same password', cheap));
});

test('malformed or tampered hashes never verify', async () => {
  const stored = await hashPassword('pw-123456789', cheap);
  assert.equal(await verifyPassword('pw-123456789', stored.replace('scrypt$', 'bcrypt$')), false);
  assert.equal(await verifyPassword('pw-123456789', 'scrypt$30$8$1$c2FsdA$aGFzaA'), false, 'absurd cost is refused, not computed');
  assert.equal(await verifyPassword('pw-123456789', ''), false);
});

test('the default cost is the OWASP scrypt minimum', async () => {
  const stored = await hashPassword('default cost');
  assert.ok(stored.startsWith('scrypt$17$8$1$'));
});
