import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { register as registerCase } from '../src/cli/commands/case.ts';
import type { CaseSubject } from '../src/cases/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { generateCorridor, writeCorridorFiles } from '../src/synth/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';

async function frontera(...args: string[]): Promise<string> {
  const program = new Command('frontera').exitOverride();
  registerCase(program);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

test('CLI: cases opened from a synth folder carry the KYC columns of parties.csv', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'frontera-corridor-cli-'));
  try {
    const corridor = generateCorridor({ seed: 7, transactions: 6_000, days: 30 });
    await writeCorridorFiles(corridor, join(folder, 'corridor'));
    const engine = createEngine({ typologies: loadBuiltinTypologies() });
    const alerts = [...corridor.batches()].flatMap((batch) => batch.transactions.flatMap((transaction) => engine.process(transaction).alerts));
    assert.ok(alerts.length > 0);
    await writeFile(join(folder, 'alerts.jsonl'), alerts.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
    const data = join(folder, 'data');
    assert.match(await frontera('case', 'open', '--alerts', join(folder, 'alerts.jsonl'), '--corridor', join(folder, 'corridor'), '--data', data, '--actor', 'system'), /opened \d+ case\(s\)/);
    const listed = JSON.parse(await frontera('case', 'list', '--json', '--data', data)) as Array<{ id: string }>;
    const shown = JSON.parse(await frontera('case', 'show', listed[0]!.id, '--json', '--data', data)) as { case: { subject: CaseSubject } };
    const subject = shown.case.subject;
    const profile = [...corridor.profiles()].find((entry) => entry.party.id === subject.party.id)!;
    assert.deepEqual(
      { street: subject.address?.street, number: subject.address?.number, city: subject.address?.city, activity: subject.economicActivityCode, gender: subject.gender },
      { street: profile.kyc.address.street, number: profile.kyc.address.number, city: profile.kyc.address.city, activity: profile.kyc.economicActivity.code, gender: profile.kyc.gender },
    );
    if (subject.party.type === 'person') assert.equal(subject.identityDocuments[0]?.number, profile.kyc.identityDocument?.number);
    else assert.equal(subject.representative?.paternal, profile.kyc.representative?.paternal);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
