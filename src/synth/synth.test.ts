import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountSchema, InstitutionSchema, PartySchema, TransactionSchema, validateCurp, validateRfc } from '../domain/index.ts';
import { generateCorridor, PATTERNS, writeCorridorFiles, type CorridorBatch } from './index.ts';
import { companyRfc, curp, personRfc } from './identity.ts';
import { createRandom } from './random.ts';

const collect = (batches: Iterable<CorridorBatch>) => {
  const transactions = [];
  const labels = [];
  for (const batch of batches) {
    transactions.push(...batch.transactions);
    labels.push(...batch.labels);
  }
  return { transactions, labels };
};

test('same seed and options give byte-identical files; another seed gives different ones', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'frontera-synth-'));
  try {
    const options = { seed: 11, transactions: 4_000, days: 30 };
    await writeCorridorFiles(generateCorridor(options), join(directory, 'a'));
    await writeCorridorFiles(generateCorridor(options), join(directory, 'b'));
    await writeCorridorFiles(generateCorridor({ ...options, seed: 12 }), join(directory, 'c'));
    const files = (await readdir(join(directory, 'a'))).sort();
    assert.deepEqual(files, ['accounts.csv', 'institutions.csv', 'labels.csv', 'manifest.json', 'parties.csv', 'transactions.csv', 'vehicle_sales.csv']);
    for (const file of files) {
      assert.ok((await readFile(join(directory, 'a', file))).equals(await readFile(join(directory, 'b', file))), `${file} differs between two runs with the same seed`);
    }
    assert.notEqual(await readFile(join(directory, 'a', 'transactions.csv'), 'utf8'), await readFile(join(directory, 'c', 'transactions.csv'), 'utf8'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('every generated record passes its domain schema, in time order, with the exact count', () => {
  const corridor = generateCorridor({ seed: 5, transactions: 6_000, days: 45, start: '2026-02-01' });
  for (const institution of corridor.institutions) assert.equal(InstitutionSchema.safeParse(institution).success, true, JSON.stringify(institution));
  const partyIds = new Set<string>();
  for (const party of corridor.parties()) {
    const result = PartySchema.safeParse(party);
    assert.equal(result.success, true, `${JSON.stringify(party)} ${result.error?.message ?? ''}`);
    partyIds.add(party.id);
  }
  const accountIds = new Set<string>();
  for (const account of corridor.accounts()) {
    const result = AccountSchema.safeParse(account);
    assert.equal(result.success, true, `${JSON.stringify(account)} ${result.error?.message ?? ''}`);
    assert.ok(partyIds.has(account.partyId));
    accountIds.add(account.id);
  }
  const { transactions } = collect(corridor.batches());
  assert.equal(transactions.length, 6_000);
  let previous = '';
  const ids = new Set<string>();
  for (const transaction of transactions) {
    const result = TransactionSchema.safeParse(transaction);
    assert.equal(result.success, true, `${JSON.stringify(transaction)} ${result.error?.message ?? ''}`);
    assert.ok(transaction.time >= previous, 'transactions are sorted by time');
    assert.ok(transaction.time >= '2026-02-01T00:00:00Z' && transaction.time < '2026-03-18T00:00:00Z', transaction.time);
    previous = transaction.time;
    ids.add(transaction.id);
    for (const end of [transaction.originator, transaction.beneficiary]) {
      if (end.accountId !== undefined && end.partyId !== undefined) assert.ok(accountIds.has(end.accountId), `unknown account ${end.accountId}`);
    }
  }
  assert.equal(ids.size, transactions.length, 'transaction ids are unique');
});

test('labels cover every pattern, point to existing transactions and stay within 1–5 % of volume', () => {
  const corridor = generateCorridor({ seed: 3, transactions: 30_000 });
  const { transactions, labels } = collect(corridor.batches());
  const ids = new Set(transactions.map((transaction) => transaction.id));
  const instancesByPattern = new Map<string, Set<string>>();
  const patternOfInstance = new Map<string, string>();
  for (const label of labels) {
    assert.ok(ids.has(label.transactionId), `label points to missing ${label.transactionId}`);
    const known = patternOfInstance.get(label.instanceId);
    assert.ok(known === undefined || known === label.pattern, 'an instance has one pattern');
    patternOfInstance.set(label.instanceId, label.pattern);
    const set = instancesByPattern.get(label.pattern) ?? new Set<string>();
    set.add(label.instanceId);
    instancesByPattern.set(label.pattern, set);
  }
  for (const pattern of PATTERNS) assert.ok((instancesByPattern.get(pattern)?.size ?? 0) >= 3, `${pattern} has instances`);
  const share = labels.length / transactions.length;
  assert.ok(share > 0.01 && share < 0.05, `laundering share ${share}`);
  // Nothing on the transaction itself reveals the label.
  const labelled = new Set(labels.map((label) => label.transactionId));
  for (const transaction of transactions) {
    assert.equal(Object.hasOwn(transaction, 'pattern') || Object.hasOwn(transaction, 'instance'), false);
    if (labelled.has(transaction.id)) assert.doesNotMatch(JSON.stringify(transaction), /structuring|funnel|mule|launder|pattern/i);
  }
});

test('structuring and funnel instances behave as docs/patterns.md describes', () => {
  const corridor = generateCorridor({ seed: 8, transactions: 40_000 });
  const { transactions, labels } = collect(corridor.batches());
  const byId = new Map(transactions.map((transaction) => [transaction.id, transaction]));
  const instances = new Map<string, { pattern: string; ids: string[] }>();
  for (const label of labels) {
    const entry = instances.get(label.instanceId) ?? { pattern: label.pattern, ids: [] };
    entry.ids.push(label.transactionId);
    instances.set(label.instanceId, entry);
  }
  for (const { pattern, ids } of instances.values()) {
    const members = ids.map((id) => byId.get(id)!);
    if (pattern === 'structuring_ctr') {
      assert.ok(members.length >= 3 && members.length <= 8);
      for (const member of members) {
        assert.equal(member.channel, 'cash_deposit');
        assert.ok(member.amountMinor >= 800_000 && member.amountMinor <= 990_000, String(member.amountMinor));
      }
    }
    if (pattern === 'structuring_mx') {
      for (const member of members) assert.ok(member.currency === 'MXN' && member.amountMinor < 7_500 * 18.5 * 100);
    }
    if (pattern === 'funnel_account') {
      const deposits = members.filter((member) => member.channel === 'cash_deposit');
      assert.ok(deposits.length >= 5);
      assert.ok(new Set(deposits.map((member) => member.originator.partyId)).size >= 5, 'distinct depositors');
      const inflow = deposits.reduce((sum, member) => sum + member.amountMinor, 0);
      const outflow = members.filter((member) => member.channel !== 'cash_deposit').reduce((sum, member) => sum + member.amountMinor, 0);
      assert.ok(outflow >= 0.7 * inflow, `funnel outflow ${outflow} of ${inflow}`);
    }
  }
});

test('--clean generates no laundering at all', () => {
  const corridor = generateCorridor({ seed: 3, transactions: 5_000, clean: true });
  const { transactions, labels } = collect(corridor.batches());
  assert.equal(transactions.length, 5_000);
  assert.equal(labels.length, 0);
});

test('identifiers follow the RFC and CURP construction rules', () => {
  const random = createRandom(1, 'test');
  const person = { given: 'José Luis', paternal: 'Hernández', maternal: 'Núñez', birthDate: '1984-03-09' };
  const rfc = personRfc(person, random);
  assert.match(rfc, /^HENL840309/);
  assert.equal(validateRfc(rfc), null);
  const key = curp({ given: 'María de los Ángeles', paternal: 'Peña', maternal: 'Ibarra', birthDate: '1990-07-21' }, 'M', 'JC', random);
  assert.match(key, /^PEIA900721MJCXBN/);
  assert.equal(validateCurp(key), null);
  const company = companyRfc('Transportes Río Bravo', '2011-06-01', random);
  assert.match(company, /^TRB110601/);
  assert.equal(validateRfc(company), null);
});
