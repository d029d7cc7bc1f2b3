import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createReadStream } from 'node:fs';
import { readTransactions, type IngestFormat } from '../../ingest/index.ts';

const readFileRecords = (path: string, format: IngestFormat) => readTransactions(createReadStream(path), { format, sourceName: path });

const run = promisify(execFile);

test('frontera synth writes the corridor files, pacs.008 for the wires, and a manifest', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'frontera-synth-cli-'));
  try {
    const out = join(directory, 'corridor');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'synth', '--seed', '4', '--transactions', '3000', '--days', '20', '--out', out, '--format', 'iso20022'], { cwd: process.cwd() });
    assert.match(stdout, /wrote 3000 transactions/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    assert.equal(manifest.seed, 4);
    assert.equal(manifest.options.days, 20);
    assert.equal(manifest.files['transactions.csv'], 3000);
    for (const pattern of Object.keys(manifest.patterns)) assert.ok(manifest.patterns[pattern].instances >= 1, pattern);
    const labels = (await readFile(join(out, 'labels.csv'), 'utf8')).trim().split('\n');
    assert.equal(labels[0], 'transaction_id,pattern,instance_id');
    assert.equal(labels.length - 1, manifest.launderingTransactions);

    // The transactions file and the pacs.008 messages read back through ingest.
    let read = 0;
    for await (const record of readFileRecords(join(out, 'transactions.csv'), 'csv')) {
      assert.equal(record.ok, true, JSON.stringify(record));
      read++;
    }
    assert.equal(read, 3000);
    const messages = await readdir(join(out, 'pacs008'));
    assert.ok(messages.length > 0);
    let wires = 0;
    for (const message of messages) {
      for await (const record of readFileRecords(join(out, 'pacs008', message), 'iso20022')) {
        assert.equal(record.ok, true, JSON.stringify(record));
        wires++;
      }
    }
    const csvWires = (await readFile(join(out, 'transactions.csv'), 'utf8')).split('\n').filter((line) => line.split(',')[5] === 'wire').length;
    assert.equal(wires, csvWires);

    const clean = join(directory, 'clean');
    await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'synth', '--seed', '4', '--transactions', '1000', '--out', clean, '--clean'], { cwd: process.cwd() });
    assert.equal((await readFile(join(clean, 'labels.csv'), 'utf8')).trim(), 'transaction_id,pattern,instance_id');

    await assert.rejects(run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'synth', '--seed', 'x', '--transactions', '1000', '--out', clean], { cwd: process.cwd() }), /--seed must be a whole number/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
