import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, NO_COUNTERPARTY, RingPool, SubjectState, TIME } from './subject-state.ts';

const HORIZON = 30 * 86400;

/** The ring's events, newest first, as [time, amount, id]. */
function events(state: SubjectState): Array<[number, number, string]> {
  const list: Array<[number, number, string]> = [];
  for (let k = 0; k < state.count; k++) {
    const offset = state.offsetOfRecent(k);
    list.push([state.data[offset + TIME]!, state.data[offset + AMOUNT]!, state.idOfRecent(k)]);
    assert.equal(state.idAtOffset(offset), state.idOfRecent(k));
  }
  return list;
}

function push(state: SubjectState, time: number, id: string, maxEvents = 32): void {
  state.push(time, time * 10, NO_COUNTERPARTY, 0, 0, 0, 0, id, maxEvents, HORIZON);
}

test('a ring grows 4 → 6 → 9 within the horizon and keeps its events and ids in order', () => {
  const pool = new RingPool();
  const state = new SubjectState(pool, 'A', 0, 'US');
  for (let i = 1; i <= 8; i++) push(state, i, `t${i}`);
  assert.equal(state.capacity, 9);
  assert.deepEqual(events(state), [8, 7, 6, 5, 4, 3, 2, 1].map((i) => [i, i * 10, `t${i}`]));
});

test('a full ring whose oldest event is past the horizon overwrites it instead of growing', () => {
  const state = new SubjectState(new RingPool(), 'A', 0, 'US');
  for (let i = 1; i <= 4; i++) push(state, i, `t${i}`);
  push(state, HORIZON + 5, 'late');
  assert.equal(state.capacity, 4);
  assert.deepEqual(events(state).map(([, , id]) => id), ['late', 't4', 't3', 't2']);
});

test('the counterparty filter survives growth and compaction; rings of other subjects are untouched', () => {
  const pool = new RingPool();
  const states = ['A', 'B', 'C'].map((key, node) => new SubjectState(pool, key, node, 'US'));
  states[0]!.remember(42);
  states[1]!.remember(7);
  for (let i = 1; i <= 20; i++) push(states[0]!, i, `a${i}`);
  for (let i = 1; i <= 3; i++) push(states[2]!, 100 + i, `c${i}`);
  const before = states.map(events);
  pool.compact(states);
  assert.deepEqual(states.map(events), before);
  assert.equal(states[0]!.knows(42), true);
  assert.equal(states[0]!.knows(7), false);
  assert.equal(states[1]!.knows(7), true);
  // Still usable after the move: the next event lands after the others.
  push(states[2]!, 200, 'c-next');
  assert.deepEqual(events(states[2]!)[0], [200, 2000, 'c-next']);
});

test('a region freed by growth is reused, zeroed, by the next ring of that capacity', () => {
  const pool = new RingPool();
  const first = new SubjectState(pool, 'A', 0, 'US');
  first.remember(99);
  for (let i = 1; i <= 5; i++) push(first, i, `a${i}`);
  const held = pool.heldBytes;
  const second = new SubjectState(pool, 'B', 1, 'US');
  assert.equal(pool.heldBytes, held, 'no new chunk for the second ring');
  assert.equal(second.knows(99), false);
  assert.equal(second.count, 0);
  assert.deepEqual(events(first).map(([, , id]) => id), ['a5', 'a4', 'a3', 'a2', 'a1']);
});

test('compaction is wanted once freed regions pass an eighth of the pool, and clears them', () => {
  const pool = new RingPool();
  const states: SubjectState[] = [];
  for (let node = 0; node < 200; node++) states.push(new SubjectState(pool, `S${node}`, node, 'US'));
  assert.equal(pool.wantsCompaction, false);
  for (const state of states) for (let i = 1; i <= 12; i++) push(state, i, `${state.key}-${i}`);
  assert.equal(pool.wantsCompaction, true);
  const before = states.map(events);
  const held = pool.heldBytes;
  pool.compact(states);
  assert.equal(pool.wantsCompaction, false);
  assert.ok(pool.heldBytes < held, `${pool.heldBytes} < ${held}`);
  assert.deepEqual(states.map(events), before);
});
