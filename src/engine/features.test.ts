import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURES, featureByName } from '../typologies/index.ts';
import type { FeatureVector } from '../typologies/index.ts';
import { ALL_WINDOW_OUTPUTS, CASH_DEPOSIT, DEFAULT_BANDS, computeWindowFeatures, windowOutputsFor } from './features.ts';
import { BORDER_ZIP, CROSS_BORDER, HAS_LOCATION, MEXICO_LEG, NEW_COUNTERPARTY, OUT, ROUND_AMOUNT, RingPool, SubjectState } from './subject-state.ts';

const vector = (): FeatureVector => ({ numbers: new Float64Array(FEATURES.length), strings: new Array<string | undefined>(FEATURES.length) });

/** A subject with 30 varied events over 40 days (a fixed pseudo-random sequence). */
function busySubject(now: number): SubjectState {
  const state = new SubjectState(new RingPool(), 'A', 0, 'US');
  let seed = 12345;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const flagsPool = [OUT, CROSS_BORDER, MEXICO_LEG, NEW_COUNTERPARTY, ROUND_AMOUNT, BORDER_ZIP | HAS_LOCATION];
  for (let i = 0; i < 30; i++) {
    const time = now - 40 * 86400 + i * 32 * 3600;
    let flags = i % 3 === 0 ? CASH_DEPOSIT : next(10);
    for (const bit of flagsPool) if (next(3) === 0) flags |= bit;
    state.push(time, 50_000 + next(1_500_000), next(6), flags, next(4), next(50), next(9), `t${i}`, 32, 30 * 86400);
  }
  return state;
}

test('writing only some windowed features gives exactly the values of writing them all, and nothing else', () => {
  const now = Date.UTC(2026, 3, 1) / 1000;
  const state = busySubject(now);
  const all = vector();
  computeWindowFeatures(state, now, DEFAULT_BANDS, all, ALL_WINDOW_OUTPUTS);
  const names = ['in_sum_24h', 'out_count_72h', 'crypto_out_count_72h', 'wire_in_sum_30d', 'cash_deposit_in_count_7d', 'out_in_ratio_7d', 'known_senders_30d', 'in_amount_cv_7d', 'round_share_30d', 'below_ctr_share_7d', 'largest_in_30d', 'cash_states_30d'];
  const indices = names.map((name) => featureByName(name)!.index);
  const some = vector();
  computeWindowFeatures(state, now, DEFAULT_BANDS, some, windowOutputsFor(indices));
  for (const index of indices) assert.equal(some.numbers[index], all.numbers[index], FEATURES[index]!.name);
  // The subject is busy enough that these are not trivially zero.
  assert.ok(all.numbers[featureByName('in_sum_24h')!.index]! > 0 || all.numbers[featureByName('out_count_72h')!.index]! > 0);
  assert.ok(all.numbers[featureByName('wire_in_sum_30d')!.index]! > 0);
  assert.ok(all.numbers[featureByName('in_amount_cv_7d')!.index]! > 0);
  for (let index = 0; index < FEATURES.length; index++) if (!indices.includes(index)) assert.equal(some.numbers[index], 0, FEATURES[index]!.name);
  assert.equal(windowOutputsFor(indices).count, names.length);
  assert.equal(windowOutputsFor([featureByName('amount_usd')!.index]).count, 0, 'features of other groups are ignored');
});
