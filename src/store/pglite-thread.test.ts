import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { ConflictError } from '../errors.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';

// The shared contract (types, COPY, migrations) runs on the worker thread through
// test/store-database.test.ts; these cover what only the thread hop can break.
describe('PGlite on its own thread', () => {
  let database: Database;
  before(async () => {
    database = await openPglite({ dataDirectory: 'memory://' });
    await database.exec('CREATE TABLE items (id text PRIMARY KEY, n int8 NOT NULL)');
  });
  after(() => database.close());

  it('does not block the opening thread while a statement runs', async () => {
    // A statement that keeps PGlite busy for ~300 ms; timers on this thread must keep firing.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await database.query('SELECT pg_sleep(0.3)');
    clearInterval(timer);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 290, `slept ${elapsed} ms`);
    assert.ok(ticks >= 10, `only ${ticks} timer ticks fired during a ${Math.round(elapsed)} ms statement`);
  });

  it('keeps error classes and driver fields across the thread: unique violations, int8 range', async () => {
    await database.query('INSERT INTO items VALUES ($1, $2)', ['a', 1]);
    await assert.rejects(database.query('INSERT INTO items VALUES ($1, $2)', ['a', 2]), (error: unknown) => error instanceof ConflictError && error.details['sqlState'] === '23505');
    await assert.rejects(database.query('SELECT 9007199254740993::int8 AS big'), (error: unknown) => error instanceof RangeError && /safe integer range/.test(error.message));
    await assert.rejects(database.query('SELECT * FROM no_such_table'), (error: unknown) => error instanceof Error && (error as { code?: string }).code === '42P01');
  });

  it('commits, rolls back, and makes outside statements wait for an open transaction', async () => {
    await database.transaction(async (transaction) => {
      await transaction.query('INSERT INTO items VALUES ($1, $2)', ['b', 2]);
      await transaction.insertRows('items', ['id', 'n'], [['c', 3], ['d', 4]]);
    });
    await assert.rejects(
      database.transaction(async (transaction) => {
        await transaction.query('INSERT INTO items VALUES ($1, $2)', ['e', 5]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    const order: string[] = [];
    await database.transaction(async (transaction) => {
      const outside = database.query('SELECT count(*)::int AS count FROM items').then((result) => order.push(`outside saw ${String(result.rows[0]!['count'])}`));
      await transaction.query('INSERT INTO items VALUES ($1, $2)', ['f', 6]);
      order.push('inserted');
      // The outside statement cannot overtake the transaction; give it every chance to.
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('committing');
      void outside;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(order, ['inserted', 'committing', 'outside saw 5']);
    const rows = await database.query<{ id: string }>('SELECT id FROM items ORDER BY id');
    assert.deepEqual(rows.rows.map((row) => row.id), ['a', 'b', 'c', 'd', 'f']);
  });

  it('rejects statements after close instead of hanging', async () => {
    const other = await openPglite({ dataDirectory: 'memory://' });
    await other.close();
    await assert.rejects(other.query('SELECT 1'), /PGlite thread stopped/);
  });
});

describe('PGlite on the calling thread', () => {
  it('runs the same statements with thread: current', async () => {
    const database = await openPglite({ dataDirectory: 'memory://', thread: 'current' });
    try {
      await database.exec('CREATE TABLE t (id int PRIMARY KEY)');
      await database.insertRows('t', ['id'], [[1], [2]]);
      await assert.rejects(database.query('INSERT INTO t VALUES (1)'), ConflictError);
      assert.deepEqual((await database.query('SELECT count(*)::int AS count FROM t')).rows, [{ count: 2 }]);
    } finally {
      await database.close();
    }
  });
});
