import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const run = promisify(execFile);

describe('frontera share demo', () => {
  it('runs a match, a refusal, a shared case and a roundtable on loopback nodes', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'share', 'demo', '--subjects', '200', '--json'], { timeout: 120_000 });
    const report = JSON.parse(stdout) as {
      match: { initiatorMatched: number; responderMatched: number; keyKinds: Record<string, number> };
      cardinality: { matchedKeys: number };
      refused: string;
      sharedCase: { entries: unknown[] };
      roundtable: { status: string; totals: Array<{ total: number }> };
    };
    assert.equal(report.match.initiatorMatched, 10);
    assert.equal(report.match.responderMatched, 10);
    assert.equal(report.match.keyKinds['rfc'], 10);
    assert.equal(report.cardinality.matchedKeys, 190);
    assert.match(report.refused, /lapsed-bank .*expired/);
    assert.equal(report.sharedCase.entries.length, 3);
    assert.equal(report.roundtable.status, 'completed');
    assert.deepEqual(report.roundtable.totals.map((cell) => cell.total), [261, 32, 51, 11]);
  });

  it('prints the Spanish report with the totals chart', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'share', 'demo', '--subjects', '60', '--lang', 'es'], { timeout: 120_000 });
    assert.match(stdout, /Intersección privada de conjuntos/);
    assert.match(stdout, /funnel-account US-TX→MX-NL alertas +█+ 261/);
  });
});
