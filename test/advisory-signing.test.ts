/**
 * Advisory packages: signing, verification and every refusal with its exact message; the shipped
 * FIN-2025-A003 example; canonical JSON; the readable diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AdvisoryDocumentSchema, KeyRegistrySchema, addRegistryKey, buildPackage, canonicalJson, compareVersions, createSigningKey, diffPackages, emptyKeyRegistry,
  formatPackageDiff, registryEntryOf, signPackage, verifyPackage, type AdvisoryPackage, type KeyRegistry, type UnsignedPackage,
} from '../src/advisories/index.ts';
import { ENFORCEMENT_ACTIONS } from '../src/enforcement/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';

const seed = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const key = createSigningKey({ issuer: 'UIF', keyId: 'uif-test-1', secretKey: seed(7) });
const otherKey = createSigningKey({ issuer: 'UIF', keyId: 'uif-test-1', secretKey: seed(9) });
const registry: KeyRegistry = addRegistryKey(emptyKeyRegistry(), 'UIF', registryEntryOf(key, { validFrom: '2025-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' }));
const library = loadBuiltinTypologies().map((t) => t.document);

const advisory = AdvisoryDocumentSchema.parse({
  id: 'UIF-TEST-1',
  version: '1.0.0',
  issuer: 'UIF',
  kind: 'guidance',
  date: '2025-06-01',
  title: { en: 'Structuring below the relevant-operation threshold', es: 'Fraccionamiento por debajo del umbral de operaciones relevantes' },
  summary: { en: 'Test advisory', es: 'Aviso de prueba' },
  redFlags: [{ en: 'Cash just under USD 7,500', es: 'Efectivo justo por debajo de 7,500 USD' }],
  typologies: [{ id: 'structuring-mx', version: '1.0.0' }],
});
const unsigned: UnsignedPackage = buildPackage(advisory, library);
const times = { signedAt: '2025-06-01T12:00:00Z', expiresAt: '2026-06-01T00:00:00Z' };
const signed: AdvisoryPackage = signPackage(unsigned, key, times);
const NOW = '2025-09-01T00:00:00Z';
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function refusal(input: unknown, reg: KeyRegistry = registry, now = NOW): { code: string; reason: string } {
  const result = verifyPackage(input, reg, { now });
  assert.equal(result.ok, false, 'the package should have been refused');
  return result.ok ? { code: '', reason: '' } : { code: result.code, reason: result.reason };
}

test('a signed package verifies and yields its compiled typologies', () => {
  const result = verifyPackage(clone(signed), registry, { now: NOW });
  assert.ok(result.ok);
  assert.deepEqual(result.value.typologies.map((t) => `${t.id}@${t.version}`), ['structuring-mx@1.0.0']);
  assert.equal(result.value.key?.keyId, 'uif-test-1');
  assert.deepEqual(result.value.warnings, []);
});

test('a pretty-printed, reordered package still verifies (canonical JSON)', () => {
  const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, typologies: signed.typologies, advisory: signed.advisory, format: signed.format }, null, 4)) as unknown;
  assert.ok(verifyPackage(reordered, registry, { now: NOW }).ok);
  assert.equal(canonicalJson({ b: 1, a: [true, 'x', null], c: { z: 1, y: 2 } }), '{"a":[true,"x",null],"b":1,"c":{"y":2,"z":1}}');
});

test('unsigned: refused, unless the development override is on (with a warning)', () => {
  assert.deepEqual(refusal(clone(unsigned)), { code: 'unsigned', reason: 'refused: UIF-TEST-1@1.0.0 is not signed' });
  const allowed = verifyPackage(clone(unsigned), registry, { now: NOW, allowUnsigned: true });
  assert.ok(allowed.ok);
  assert.deepEqual(allowed.value.warnings, ['UIF-TEST-1@1.0.0 is NOT signed; loaded only because the development override (--allow-unsigned) is on']);
});

test('tampered: one changed byte in a typology, the advisory or the signature is refused', () => {
  const expected = { code: 'tampered', reason: "refused: the signature of UIF-TEST-1@1.0.0 does not verify with key 'uif-test-1' — the package was altered after signing or signed with another key" };
  const typology = clone(signed);
  (typology.typologies[0] as { alertThreshold: number }).alertThreshold = 5;
  assert.deepEqual(refusal(typology), expected);
  const text = JSON.stringify(signed).replace('Test advisory', 'Test advisorz');
  assert.deepEqual(refusal(JSON.parse(text)), expected);
  const signature = clone(signed);
  const hex = signature.signature?.signature ?? '';
  signature.signature = { ...signature.signature!, signature: `${hex.slice(0, 10)}${hex[10] === '0' ? '1' : '0'}${hex.slice(11)}` };
  assert.deepEqual(refusal(signature), expected);
  // Extending the validity is tampering too: the expiry is signed.
  const extended = clone(signed);
  extended.signature = { ...extended.signature!, expiresAt: '2030-01-01T00:00:00Z' };
  assert.deepEqual(refusal(extended), expected);
  // Signed by another key that claims the registered key id.
  assert.deepEqual(refusal(signPackage(unsigned, otherKey, times)), expected);
});

test('expired: refused after expiresAt', () => {
  assert.deepEqual(refusal(clone(signed), registry, '2026-06-01T00:00:01Z'), { code: 'expired', reason: 'refused: UIF-TEST-1@1.0.0 expired at 2026-06-01T00:00:00Z' });
});

test('unknown key: a key id the registry does not list for the issuer', () => {
  const stranger = createSigningKey({ issuer: 'UIF', keyId: 'uif-stranger', secretKey: seed(3) });
  assert.deepEqual(refusal(signPackage(unsigned, stranger, times)), {
    code: 'unknown_key',
    reason: "refused: UIF-TEST-1@1.0.0 is signed with key 'uif-stranger', which the key registry does not list for UIF",
  });
  // A FinCEN key cannot vouch for a UIF advisory even with the same key id.
  const wrongIssuer = KeyRegistrySchema.parse({ format: 'frontera-key-registry/1', issuers: { FinCEN: registry.issuers.UIF } });
  assert.equal(refusal(clone(signed), wrongIssuer).code, 'unknown_key');
});

test('revoked key: refused once the registry records the revocation', () => {
  const revoked = clone(registry);
  revoked.issuers.UIF = revoked.issuers.UIF!.map((entry) => ({ ...entry, revokedAt: '2025-08-01T00:00:00Z' }));
  assert.deepEqual(refusal(clone(signed), revoked), { code: 'revoked_key', reason: "refused: UIF-TEST-1@1.0.0 is signed with key 'uif-test-1' of UIF, revoked at 2025-08-01T00:00:00Z" });
});

test('a signature made outside the key validity, or dated in the future, is refused', () => {
  const early = signPackage(unsigned, key, { signedAt: '2024-12-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' });
  assert.equal(refusal(early).code, 'key_not_valid');
  assert.equal(refusal(clone(signed), registry, '2025-05-01T00:00:00Z').code, 'not_yet_valid');
});

test('a signed package whose typology does not load is refused with the typology issue', () => {
  const broken = clone(unsigned);
  (broken.typologies[0] as { rules: Array<{ when: string }> }).rules[0]!.when = 'amount_usdd > 1';
  const result = verifyPackage(signPackage(broken, key, times), registry, { now: NOW });
  assert.ok(!result.ok);
  assert.equal(result.code, 'invalid_typology');
  assert.match(result.issues[0]?.field ?? '', /^typologies\[0\]\.rules\[0\]\.when/);
  assert.match(result.issues[0]?.reason ?? '', /unknown feature or parameter 'amount_usdd'/);
});

test('the shipped FIN-2025-A003 example verifies with the demo registry, with a demo-key warning', () => {
  const example = JSON.parse(readFileSync('src/advisories/examples/fin-2025-a003.package.json', 'utf8')) as unknown;
  const demoRegistry = KeyRegistrySchema.parse(JSON.parse(readFileSync('src/advisories/examples/demo-key-registry.json', 'utf8')));
  const result = verifyPackage(example, demoRegistry, { now: '2026-01-01T00:00:00Z' });
  assert.ok(result.ok);
  assert.equal(result.value.package.advisory.sar?.keyTerm, 'CMLN-2025-A003');
  assert.deepEqual(result.value.package.advisory.sar?.fields.map((field) => field.slice(0, 5)), ['38(n)', '38(s)', '36(l)']);
  assert.deepEqual(result.value.warnings, ["FIN-2025-A003@1.0.0 is signed with a DEMONSTRATION key ('fincen-demo-2025'); do not rely on it in production"]);
  for (const id of result.value.package.advisory.enforcementActions) assert.ok(ENFORCEMENT_ACTIONS.some((action) => action.id === id), id);
  assert.equal(verifyPackage(example, demoRegistry, { now: '2027-08-28T00:00:01Z' }).ok, false);
});

test('diff: readable changes between versions, and a warning when the version did not move', () => {
  const next = clone(unsigned);
  next.advisory = { ...next.advisory, version: '1.1.0', title: { ...next.advisory.title, en: 'Structuring below USD 7,500' } };
  const typology = next.typologies[0] as { version: string; alertThreshold: number };
  typology.version = '1.0.1';
  const before = typology.alertThreshold;
  typology.alertThreshold = before + 0.5;
  const diff = diffPackages(unsigned, next);
  assert.equal(diff.versionOrder, 'newer');
  assert.equal(diff.versionProblem, null);
  assert.equal(
    formatPackageDiff(diff),
    [
      'UIF-TEST-1@1.0.0 → UIF-TEST-1@1.1.0 (newer)',
      'advisory:',
      '  ~ advisory.title.en: "Structuring below the relevant-operation threshold" → "Structuring below USD 7,500"',
      'typology changed: structuring-mx 1.0.0 → 1.0.1',
      `  ~ structuring-mx.alertThreshold: ${before} → ${before + 0.5}`,
      '  ~ structuring-mx.version: "1.0.0" → "1.0.1"',
    ].join('\n'),
  );
  const sameVersion = clone(next);
  sameVersion.advisory.version = '1.0.0';
  assert.equal(diffPackages(unsigned, sameVersion).versionProblem, 'the content changed but the version went from 1.0.0 to 1.0.0; publish a higher version');
  assert.equal(compareVersions('1.2.0', '1.10.0'), -1);
  assert.equal(compareVersions('2.0.0-rc.1', '2.0.0'), -1);
});

test('every enforcement action links typologies of the built-in library', () => {
  const ids = new Set(library.map((t) => t.id));
  for (const action of ENFORCEMENT_ACTIONS) for (const id of action.typologies) assert.ok(ids.has(id), `${action.id} links unknown typology ${id}`);
});
