import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { register as registerCase } from '../src/cli/commands/case.ts';
import { register as registerReport } from '../src/cli/commands/report.ts';
import { ValidationError } from '../src/errors.ts';
import { parseUifAcknowledgement, uifAcknowledgementsByCase } from '../src/reports/index.ts';
import { makeCase, testProfile } from './reports-case-factory.ts';

const ACUSE = [
  'A;2013005260305.002;013005;20260305;R-2026-000123;ACEPTADO CON OBSERVACIONES;20260306101500',
  'R;000001;ACEPTADO;;',
  'R;000002;OBSERVACIÓN;24 DOMICILIO;DOMICILIO INCOMPLETO',
  'X;000003;ACEPTADO;;',
  'R;12;RECHAZADO;11 MONTO;MONTO INVALIDO',
  'R;000004;RECHAZADO;;',
  'R;000005;RECHAZADO;11 MONTO;MONTO CON MAS DE DOS DECIMALES',
  '',
].join('\r\n');

test('UIF acuse: header and records read, bad lines quarantined with line and reason', () => {
  const parsed = parseUifAcknowledgement(`\uFEFF${ACUSE}`);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, {
    fileName: '2013005260305.002', casfimKey: '013005', period: '20260305', receptionFolio: 'R-2026-000123', status: 'accepted_with_warnings', receivedAt: '2026-03-06T10:15:00Z',
    records: [
      { folio: '000001', status: 'accepted', field: '', description: '', line: 2 },
      { folio: '000002', status: 'accepted_with_warnings', field: '24 DOMICILIO', description: 'DOMICILIO INCOMPLETO', line: 3 },
      { folio: '000005', status: 'rejected', field: '11 MONTO', description: 'MONTO CON MAS DE DOS DECIMALES', line: 7 },
    ],
  });
  assert.deepEqual(parsed.quarantined, [
    { line: 4, text: 'X;000003;ACEPTADO;;', reason: "unknown record type 'X'; lines start with A (file) or R (record)" },
    { line: 5, text: 'R;12;RECHAZADO;11 MONTO;MONTO INVALIDO', reason: "record folio '12' must be 6 digits from 000001" },
    { line: 6, text: 'R;000004;RECHAZADO;;', reason: 'an RECHAZADO record needs a description' },
  ]);
});

test('UIF acuse: a file without a valid header is refused, with the reasons', () => {
  const parsed = parseUifAcknowledgement('A;file.002;13005;20260305;R-1;ACEPTADO;20260306\nR;000001;ACEPTADO;;\n');
  assert.equal(parsed.ok, false);
  assert.deepEqual(parsed.quarantined.map((entry) => [entry.line, entry.reason]), [
    [1, "CASFIM key '13005' must be 6 digits"],
    [0, 'no valid header (A) line: not a UIF acuse'],
  ]);
  assert.equal(parseUifAcknowledgement('A;f;013005;20260305;R-1;ACEPTADO;20260231\n').ok, false, '31 February is no date');
});

test('UIF acuse: records go to the case whose folios they fall in; the worst status wins', () => {
  const parsed = parseUifAcknowledgement(ACUSE);
  assert.ok(parsed.ok);
  const { cases, unmatched } = uifAcknowledgementsByCase(parsed.value, [
    { caseId: 'C-B', batchReference: '000003' },
    { caseId: 'C-A', batchReference: '000001' },
  ]);
  assert.deepEqual(cases, [
    { caseId: 'C-A', batchReference: '000001', regulatorFilingId: 'R-2026-000123', status: 'accepted_with_warnings', messages: ['folio 000002 24 DOMICILIO: DOMICILIO INCOMPLETO'] },
    { caseId: 'C-B', batchReference: '000003', regulatorFilingId: 'R-2026-000123', status: 'rejected', messages: ['folio 000005 11 MONTO: MONTO CON MAS DE DOS DECIMALES'] },
  ]);
  assert.deepEqual(unmatched, []);
  assert.equal(uifAcknowledgementsByCase(parsed.value, [{ caseId: 'C-B', batchReference: '000003' }]).unmatched.length, 2, 'folios 1 and 2 precede the only case');
});

async function frontera(...args: string[]): Promise<{ out: string; err: string }> {
  const program = new Command('frontera').exitOverride();
  registerCase(program);
  registerReport(program);
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeError = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeError;
  }
  return { out: out.join(''), err: err.join('') };
}

test('CLI: a filed UIF report gets the acuse folio and observations; bad lines quarantined to a file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'frontera-uif-ack-'));
  try {
    const data = join(folder, 'data');
    const profile = join(folder, 'profile.json');
    await writeFile(profile, JSON.stringify(testProfile()));
    const { approval: _approval, preparer: _preparer, ...fresh } = makeCase('uif', 4);
    const caseFile = join(folder, 'case.json');
    await writeFile(caseFile, JSON.stringify({ ...fresh, status: 'investigating' }));
    await frontera('case', 'import', caseFile, '--data', data, '--actor', 'ana');
    await frontera('case', 'submit', 'UIF-00004', '--data', data, '--actor', 'ana');
    await frontera('case', 'approve', 'UIF-00004', '--data', data, '--actor', 'luis');
    const filed = (await frontera('report', 'uif', '--kind', 'inusual', '--case', 'UIF-00004', '--out', join(folder, 'uif.txt'), '--profile', profile, '--date', '2026-03-05', '--file', '--data', data, '--actor', 'ana')).out;
    const batch = /batch (\S+), reference (\d{6})/.exec(filed);
    assert.ok(batch, filed);
    assert.equal(batch[2], '000001');

    const acuse = join(folder, 'acuse.txt');
    await writeFile(acuse, ['A;2013005260305.002;013005;20260305;R-2026-000777;ACEPTADO;20260306', 'R;000001;OBSERVACION;27 TELEFONO;TELEFONO SIN LADA', 'R;1;ACEPTADO;;', ''].join('\n'));
    const quarantine = join(folder, 'quarantine.jsonl');
    const imported = await frontera('report', 'uif-ack', acuse, '--batch', batch[1]!, '--quarantine', quarantine, '--data', data, '--actor', 'system');
    assert.match(imported.out, /UIF-00004: accepted_with_warnings UIF folio R-2026-000777 \(1 message\(s\)\)/);
    assert.match(imported.out, /1 case\(s\) acknowledged from 2013005260305\.002; 1 line\(s\) quarantined/);
    assert.deepEqual((await readFile(quarantine, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown), [{ line: 3, text: 'R;1;ACEPTADO;;', reason: "record folio '1' must be 6 digits from 000001" }]);

    const shown = JSON.parse((await frontera('case', 'show', 'UIF-00004', '--json', '--data', data)).out) as { case: { status: string; filings: Array<{ regulatorFilingId: string; acknowledgementStatus: string; acknowledgementMessages: string[] }> }; audit: Array<{ action: string }> };
    assert.equal(shown.case.status, 'filed');
    assert.deepEqual(
      { id: shown.case.filings[0]!.regulatorFilingId, status: shown.case.filings[0]!.acknowledgementStatus, messages: shown.case.filings[0]!.acknowledgementMessages },
      { id: 'R-2026-000777', status: 'accepted_with_warnings', messages: ['folio 000001 27 TELEFONO: TELEFONO SIN LADA'] },
    );
    assert.equal(shown.audit.at(-1)!.action, 'case.acknowledged');

    await writeFile(acuse, 'R;000001;ACEPTADO;;\n');
    await assert.rejects(frontera('report', 'uif-ack', acuse, '--batch', batch[1]!, '--data', data, '--actor', 'system'), (error: unknown) => error instanceof ValidationError && /not a UIF acuse/.test(error.message));
    await writeFile(acuse, 'A;x.002;013005;20260305;R-1;RECHAZADO;20260306\n');
    await assert.rejects(frontera('report', 'uif-ack', acuse, '--batch', 'no-such-batch', '--data', data, '--actor', 'system'), (error: unknown) => error instanceof ValidationError && /no case was filed as a UIF report in batch no-such-batch/.test(error.message));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
