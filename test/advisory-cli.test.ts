/**
 * End to end: `frontera advisory keygen → publish → sign → verify → import → diff`, refusals with
 * exit code 6, `frontera scan --typologies` on the imported folder, and `frontera backtest`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTypologyDirectory } from '../src/typologies/index.ts';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

test('keygen, publish, sign, verify, import, diff — and the refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontera-advisory-'));
  const key = join(dir, 'key.json');
  const registry = join(dir, 'registry.json');
  const keygen = cli(['advisory', 'keygen', '--issuer', 'FinCEN', '--key-id', 'fincen-test-1', '--out', key, '--registry', registry, '--valid-from', '2025-01-01T00:00:00Z']);
  assert.equal(keygen.status, 0, keygen.stderr);
  assert.equal(cli(['advisory', 'keygen', '--issuer', 'FinCEN', '--key-id', 'x', '--out', key]).status, 2, 'never overwrites a key');

  const unsigned = join(dir, 'unsigned.json');
  const publish = cli(['advisory', 'publish', '--advisory', 'src/advisories/examples/fin-2025-a003.advisory.json', '--out', unsigned]);
  assert.equal(publish.status, 0, publish.stderr);
  assert.match(publish.stdout, /FIN-2025-A003@1\.0\.0 \(4 typologies\)/);

  const refusedUnsigned = cli(['advisory', 'verify', unsigned, '--registry', registry, '--now', '2026-01-01T00:00:00Z']);
  assert.equal(refusedUnsigned.status, 6);
  assert.match(refusedUnsigned.stderr, /refused: FIN-2025-A003@1\.0\.0 is not signed/);
  assert.equal(cli(['advisory', 'verify', unsigned, '--registry', registry, '--now', '2026-01-01T00:00:00Z', '--allow-unsigned']).status, 0);

  const signed = join(dir, 'signed.json');
  const sign = cli(['advisory', 'sign', unsigned, '--key', key, '--signed-at', '2025-09-01T00:00:00Z', '--expires', '2026-09-01T00:00:00Z', '--out', signed]);
  assert.equal(sign.status, 0, sign.stderr);
  const verify = cli(['advisory', 'verify', signed, '--registry', registry, '--now', '2026-01-01T00:00:00Z']);
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /^ok {2}FIN-2025-A003@1\.0\.0 \(FinCEN\) signed by fincen-test-1; 4 typologies: cmln-mirror-swap@1\.0\.0/);

  const tampered = join(dir, 'tampered.json');
  writeFileSync(tampered, readFileSync(signed, 'utf8').replace('"alertThreshold": 5', '"alertThreshold": 6'));
  const refusedTampered = cli(['advisory', 'import', tampered, '--registry', registry, '--into', join(dir, 'never'), '--now', '2026-01-01T00:00:00Z']);
  assert.equal(refusedTampered.status, 6);
  assert.match(refusedTampered.stderr, /does not verify with key 'fincen-test-1'/);
  assert.equal(existsSync(join(dir, 'never')), false, 'nothing is installed from a refused package');
  const expired = cli(['advisory', 'verify', signed, '--registry', registry, '--now', '2026-09-02T00:00:00Z']);
  assert.equal(expired.status, 6);
  assert.match(expired.stderr, /refused: FIN-2025-A003@1\.0\.0 expired at 2026-09-01T00:00:00\.000Z/);

  const into = join(dir, 'typologies');
  const imported = cli(['advisory', 'import', signed, '--registry', registry, '--into', into, '--now', '2026-01-01T00:00:00Z']);
  assert.equal(imported.status, 0, imported.stderr);
  assert.deepEqual(loadTypologyDirectory(into).map((t) => t.id).sort(), ['casa-de-cambio-concentration', 'cmln-mirror-swap', 'cycle', 'tbml-mirror']);
  assert.ok(existsSync(join(into, 'advisories', 'FIN-2025-A003@1.0.0.package.json')));
  // Importing again replaces the same files; a copy of a carried typology under another name is a clash, refused before writing.
  assert.equal(cli(['advisory', 'import', signed, '--registry', registry, '--into', into, '--now', '2026-01-01T00:00:00Z']).status, 0);
  writeFileSync(join(into, 'cycle-copy.json'), readFileSync(join(into, 'cycle.json')));
  const clash = cli(['advisory', 'import', signed, '--registry', registry, '--into', into, '--now', '2026-01-01T00:00:00Z']);
  assert.equal(clash.status, 2);
  assert.match(clash.stderr, /cannot import into .*typology cycle@1\.0\.0 is loaded twice/);

  const next = JSON.parse(readFileSync(unsigned, 'utf8')) as { advisory: { version: string }; typologies: Array<{ id: string; version: string; alertThreshold: number }> };
  next.advisory.version = '1.1.0';
  const cmln = next.typologies.find((t) => t.id === 'cmln-mirror-swap')!;
  cmln.version = '1.1.0';
  cmln.alertThreshold = 4.5;
  writeFileSync(join(dir, 'next.json'), JSON.stringify(next));
  const diff = cli(['advisory', 'diff', unsigned, join(dir, 'next.json')]);
  assert.equal(diff.status, 0, diff.stderr);
  assert.equal(diff.stdout, [
    'FIN-2025-A003@1.0.0 → FIN-2025-A003@1.1.0 (newer)',
    'advisory: unchanged',
    'typology changed: cmln-mirror-swap 1.0.0 → 1.1.0',
    '  ~ cmln-mirror-swap.alertThreshold: 5 → 4.5',
    '  ~ cmln-mirror-swap.version: "1.0.0" → "1.1.0"',
    '',
  ].join('\n'));
});

test('enforcement actions linked to a typology', () => {
  const run = cli(['advisory', 'enforcement', '--typology', 'funnel-account', '--json']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as Array<{ id: string }>).map((action) => action.id), ['td-bank-2024']);
});

test('backtest a synthetic corridor: JSON report per typology with a sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontera-backtest-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'synth', '--seed', '5', '--transactions', '5000', '--days', '30', '--out', dir, '--no-progress']);
  const run = cli(['backtest', '--typology', 'structuring-ctr,cuckoo-smurfing', '--data', dir, '--sweep', '3', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { accounts: number; labelled: boolean; typologies: Array<{ id: string; alerts: number; sweep: Array<{ threshold: number }>; precision: number | null }> };
  assert.equal(report.labelled, true);
  assert.ok(report.accounts > 0);
  assert.deepEqual(report.typologies.map((t) => t.id), ['cuckoo-smurfing', 'structuring-ctr']);
  for (const t of report.typologies) assert.equal(t.sweep.length, 3);
  const unknown = cli(['backtest', '--typology', 'no-such', '--data', dir]);
  assert.equal(unknown.status, 3);
  assert.match(unknown.stderr, /no typology no-such/);
});
