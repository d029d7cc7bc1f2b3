import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { sarCategoryFromLabel, typologyHintsOf, aggregateDailyCash, CTR_THRESHOLD_USD_MINOR } from './index.ts';
import type { Transaction } from '../domain/index.ts';

test('SAR categories are found from FinCEN descriptions, form items and the typology library labels', () => {
  assert.deepEqual(sarCategoryFromLabel('824'), { typeId: 8, subtypeId: 824 });
  assert.deepEqual(sarCategoryFromLabel('Money Laundering: Funnel account'), { typeId: 8, subtypeId: 824 });
  assert.deepEqual(sarCategoryFromLabel('36(l) TBML/BMPE'), { typeId: 8, subtypeId: 823 });
  assert.deepEqual(sarCategoryFromLabel('38(n) informal value transfer'), { typeId: 9, subtypeId: 909 });
  assert.deepEqual(sarCategoryFromLabel('Structuring: Transaction(s) below CTR threshold'), { typeId: 1, subtypeId: 114 });
  assert.deepEqual(sarCategoryFromLabel('Other: Bulk cash smuggling'), { typeId: 9, subtypeId: 9999, otherText: 'Bulk cash smuggling' });
  assert.equal(sarCategoryFromLabel('something unrelated'), null);
});

test('every SAR category in the typology library maps to a FinCEN code', async () => {
  const folder = new URL('../typologies/library/', import.meta.url);
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const typology = JSON.parse(await readFile(new URL(file, folder), 'utf8')) as Parameters<typeof typologyHintsOf>[0];
    const { hints, unmatched } = typologyHintsOf(typology);
    assert.deepEqual(unmatched, [], file);
    assert.equal(hints.typologyId, typology.id);
    if (typology.sar?.keyTerm) assert.equal(hints.advisoryKeyTerm, typology.sar.keyTerm);
  }
});

test('daily cash is aggregated per person per business day, in and out apart, above USD 10,000 only', () => {
  const cash = (id: string, partyId: string | undefined, time: string, amountMinor: number, channel: 'cash_deposit' | 'cash_withdrawal', currency = 'USD'): Transaction => ({
    id, time, amountMinor, currency, channel, originator: { country: 'US', ...(partyId ? { partyId } : {}) }, beneficiary: { country: 'US', accountId: 'A-1' },
  });
  const { aggregates, unattributed } = aggregateDailyCash([
    cash('1', 'P1', '2026-03-02T09:00:00-06:00', 600_000, 'cash_deposit'),
    cash('2', 'P1', '2026-03-02T15:00:00-06:00', 400_001, 'cash_deposit'),
    cash('3', 'P1', '2026-03-02T16:00:00-06:00', 900_000, 'cash_withdrawal'),
    cash('4', 'P1', '2026-03-03T09:00:00-06:00', 999_999, 'cash_deposit'),
    cash('5', 'P2', '2026-03-02T09:00:00-06:00', 18_500_100, 'cash_deposit', 'MXN'),
    cash('6', undefined, '2026-03-02T09:00:00-06:00', 2_000_000, 'cash_deposit'),
  ]);
  assert.deepEqual(aggregates.map((a) => [a.partyId, a.businessDay, a.cashInUsdMinor, a.cashOutUsdMinor]), [
    ['P1', '2026-03-02', 1_000_001, 900_000],
    ['P2', '2026-03-02', 1_000_005, 0],
  ]);
  assert.ok(aggregates.every((a) => a.cashInUsdMinor > CTR_THRESHOLD_USD_MINOR || a.cashOutUsdMinor > CTR_THRESHOLD_USD_MINOR));
  assert.deepEqual(unattributed.map((t) => t.id), ['6']);
});

test('UIF field 10 takes the 11-digit account part of a CLABE and leaves other numbers as they are', async () => {
  const { uifAccountNumber } = await import('./index.ts');
  assert.equal(uifAccountNumber('002010077777777771'), '07777777777');
  assert.equal(uifAccountNumber('002010077777777772'), '002010077777777772', 'not a valid CLABE: kept, and the check reports its length');
  assert.equal(uifAccountNumber('12345678'), '12345678');
});

test('a case with an accepted SAR is reported again as continuing activity with the prior BSA ID', async () => {
  const { renderSarBatch, validateAgainstOfficial } = await import('./index.ts');
  const { makeCase, testProfile } = await import('../../test/reports-case-factory.ts');
  const kase = makeCase('sar', 21);
  const previous = { format: 'fincen-sar' as const, documentSha256: 'c'.repeat(64), validatedAgainst: 'SAR', filedAt: '2025-12-01T00:00:00Z', filedBy: 'ana', regulatorFilingId: '31000055053784', acknowledgementStatus: 'accepted' as const, acknowledgementMessages: [] };
  const initial = renderSarBatch([kase], testProfile(), { filingDate: '2026-03-05' }).xml;
  assert.match(initial, /<fc2:InitialReportIndicator>Y</);
  const continuing = renderSarBatch([{ ...kase, filings: [previous] }], testProfile(), { filingDate: '2026-03-05' }).xml;
  assert.match(continuing, /<fc2:EFilingPriorDocumentNumber>31000055053784</);
  assert.match(continuing, /<fc2:ContinuingActivityReportIndicator>Y</);
  assert.doesNotMatch(continuing, /InitialReportIndicator/);
  const { results } = await validateAgainstOfficial('fincen-sar', [initial, continuing]);
  assert.deepEqual(results.map((r) => r.valid), [true, true]);
});
