import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { register as registerCase } from '../src/cli/commands/case.ts';
import { register as registerReport } from '../src/cli/commands/report.ts';
import { ForbiddenError, ValidationError } from '../src/errors.ts';
import { makeCase, testProfile } from './reports-case-factory.ts';

/** Runs `frontera …` in-process and returns what it printed. */
async function frontera(...args: string[]): Promise<string> {
  const program = new Command('frontera').exitOverride();
  registerCase(program);
  registerReport(program);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

test('CLI: import, four-eyes approval, SAR rendered, validated and filed, acknowledgement imported, file validated', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'frontera-reports-'));
  try {
    const data = join(folder, 'data');
    const profile = join(folder, 'profile.json');
    await writeFile(profile, JSON.stringify(testProfile()));
    const { approval: _approval, preparer: _preparer, ...fresh } = makeCase('sar', 3);
    const caseFile = join(folder, 'case.json');
    await writeFile(caseFile, JSON.stringify({ ...fresh, status: 'investigating' }));

    assert.match(await frontera('case', 'import', caseFile, '--data', data, '--actor', 'ana'), /imported 1 case/);
    assert.match(await frontera('case', 'submit', 'SAR-00003', '--data', data, '--actor', 'ana'), /pending approval, prepared by ana/);
    await assert.rejects(frontera('case', 'approve', 'SAR-00003', '--data', data, '--actor', 'ana'), ForbiddenError);
    assert.match(await frontera('case', 'approve', 'SAR-00003', '--data', data, '--actor', 'luis'), /approved by luis/);

    const out = join(folder, 'sar.xml');
    const filed = await frontera('report', 'sar', '--case', 'SAR-00003', '--out', out, '--profile', profile, '--date', '2026-03-05', '--file', '--data', data, '--actor', 'ana');
    assert.match(filed, /valid against FinCEN SAR XML batch 1\.2/);
    const batch = /batch (\S+), reference (\d+)/.exec(filed);
    assert.ok(batch, filed);
    assert.match(await frontera('report', 'validate', out), /valid FinCEN SAR XML batch/);

    const ack = join(folder, 'ack.xml');
    await writeFile(ack, `<EFilingBatchXML StatusCode="A"><EFilingSubmissionXML SeqNum="1" StatusCode="A"><EFilingActivityXML SeqNum="${batch[2]}"><BSAID>31000055053784</BSAID></EFilingActivityXML></EFilingSubmissionXML></EFilingBatchXML>`);
    assert.match(await frontera('report', 'ack', ack, '--batch', batch[1]!, '--data', data, '--actor', 'system'), /SAR-00003: accepted BSA ID 31000055053784/);
    const shown = JSON.parse(await frontera('case', 'show', 'SAR-00003', '--json', '--data', data)) as { case: { status: string; filings: Array<{ regulatorFilingId: string }> }; audit: Array<{ action: string }> };
    assert.equal(shown.case.status, 'filed');
    assert.equal(shown.case.filings[0]!.regulatorFilingId, '31000055053784');
    assert.deepEqual(shown.audit.map((e) => e.action), ['case.imported', 'case.submitted_for_approval', 'case.approved', 'case.filed', 'case.acknowledged']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('CLI: a case that lacks fields gets every missing field with its XSD path, and no file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'frontera-reports-'));
  try {
    const profile = join(folder, 'profile.json');
    await writeFile(profile, JSON.stringify(testProfile()));
    const kase = makeCase('goaml', 4);
    const broken = { ...kase, narrative: {}, subject: { ...kase.subject, identityDocuments: [], party: { ...kase.subject.party, birthDate: undefined } } };
    const caseFile = join(folder, 'case.json');
    await writeFile(caseFile, JSON.stringify(broken));
    const out = join(folder, 'str.xml');
    const error = await frontera('report', 'goaml', '--case-file', caseFile, '--out', out, '--profile', profile).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.match(error.message, /nothing was written/);
    assert.deepEqual(error.issues.map((i) => i.field).sort(), ['GOAML-00004: narrative.en', 'GOAML-00004: subject.identityDocuments', 'GOAML-00004: subject.party.birthDate']);
    assert.match(error.issues.find((i) => i.field.endsWith('birthDate'))!.reason, /XSD: report\/transaction\/t_from_my_client\/from_person\/birthdate/);
    await assert.rejects(access(out));

    const bad = join(folder, 'bad.xml');
    await writeFile(bad, (await readFile(new URL('../../shared/reference/samples/goaml/STR.xml', import.meta.url), 'utf8')).replace('<report_code>STR</report_code>', '<report_code>XYZ</report_code>'));
    const invalid = await frontera('report', 'validate', bad).then(() => null, (e: unknown) => e);
    assert.ok(invalid instanceof ValidationError);
    assert.equal(invalid.issues[0]!.field, 'report/report_code');
    assert.match(invalid.issues[0]!.reason, /^line 7: .*XYZ/);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
