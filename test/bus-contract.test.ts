import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../src/errors.ts';
import { DeadLetterSchema, openBus, partitionFor, partitionSubject, subjectMatches, type Bus, type DeadLetter, type Delivery } from '../src/bus/index.ts';
import { TEST_NATS_URL, cleanupStream, ensureTestNats, testBusTargets, uniqueNamespace, type TestBus } from '../src/bus/testing.ts';

const Payment = z.object({ id: z.string().min(1), amountMinor: z.number().int().positive() });
type Payment = z.infer<typeof Payment>;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collects dead letters on `dead.>`. */
async function collectDeadLetters(bus: Bus): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  await bus.subscribe('dead.>', async (letter) => void letters.push(letter), { schema: DeadLetterSchema });
  return letters;
}

describe('partitioning', () => {
  it('maps an account to the same partition every time, spread over all partitions', () => {
    assert.equal(partitionFor('acct-123', 8), partitionFor('acct-123', 8));
    // Golden values: FNV-1a 32-bit of the UTF-8 bytes finished with fmix32, so every process and
    // release agrees (FNV-1a of '' is 0x811c9dc5, of 'a' 0xe40c292c).
    assert.equal(partitionFor('', 1000), 923);
    assert.equal(partitionFor('a', 1 << 16), 45491);
    assert.equal(partitionFor('Peña', 7), partitionFor('Peña', 7));
    const counts = new Array<number>(8).fill(0);
    for (let index = 0; index < 8000; index += 1) counts[partitionFor(`account-${index}`, 8)]! += 1;
    for (const count of counts) assert.ok(count > 800 && count < 1200, `balanced partitions, got ${counts.join(',')}`);
    // Account numbers that differ only in their last digits split evenly over a power of two.
    const halves = [0, 0];
    for (let index = 0; index < 20000; index += 1) halves[partitionFor(`0021${String(index).padStart(14, '0')}`, 2)]! += 1;
    for (const count of halves) assert.ok(count > 9600 && count < 10400, `balanced halves, got ${halves.join(',')}`);
    assert.equal(partitionSubject(3), 'tx.3');
    assert.throws(() => partitionFor('x', 0), RangeError);
  });

  it('matches subjects the NATS way', () => {
    assert.equal(subjectMatches('tx.*', 'tx.3'), true);
    assert.equal(subjectMatches('tx.*', 'tx.3.x'), false);
    assert.equal(subjectMatches('tx.>', 'tx.3.x'), true);
    assert.equal(subjectMatches('tx.>', 'tx'), false);
    assert.equal(subjectMatches('tx.3', 'tx.3'), true);
    assert.equal(subjectMatches('tx.3', 'tx.30'), false);
  });
});

describe('openBus', () => {
  it('is in-process without NATS_URL and JetStream with it', async () => {
    const embedded = await openBus({});
    assert.equal(embedded.kind, 'in-process');
    await embedded.close();
    await ensureTestNats();
    const namespace = uniqueNamespace();
    const scaled = await openBus({ natsUrl: TEST_NATS_URL }, { namespace });
    try {
      assert.equal(scaled.kind, 'nats');
    } finally {
      await scaled.close();
      await cleanupStream({ servers: TEST_NATS_URL, namespace });
    }
  });
});

for (const target of testBusTargets()) {
  describe(`Bus contract on ${target.name}`, () => {
    let handle: TestBus;
    let bus: Bus;
    before(async () => {
      handle = await target.open();
      bus = handle.bus;
    });
    after(async () => {
      await handle?.dispose();
    });

    it('delivers validated messages in publish order with their delivery details', async () => {
      const received: Array<{ message: Payment; delivery: Delivery }> = [];
      const subscription = await bus.subscribe('order.a', async (message, delivery) => void received.push({ message, delivery }), { schema: Payment });
      for (let index = 1; index <= 200; index += 1) await bus.publish('order.a', { id: `p-${index}`, amountMinor: index });
      await waitFor(() => received.length === 200, '200 messages');
      assert.deepEqual(received.map((entry) => entry.message.amountMinor), Array.from({ length: 200 }, (_, index) => index + 1));
      assert.deepEqual(received[0]!.delivery.subject, 'order.a');
      assert.equal(received[0]!.delivery.deliveryCount, 1);
      const sequences = received.map((entry) => entry.delivery.sequence);
      assert.ok(sequences.every((sequence, index) => index === 0 || sequence > sequences[index - 1]!), 'sequences increase');
      await subscription.unsubscribe();
    });

    it('redelivers a message whose handler failed, until it is acknowledged', async () => {
      const attempts: Array<{ id: string; count: number }> = [];
      let failuresLeft = 2;
      const subscription = await bus.subscribe(
        'retry.a',
        async (message, delivery) => {
          attempts.push({ id: message.id, count: delivery.deliveryCount });
          if (message.id === 'flaky' && failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('downstream unavailable');
          }
        },
        { schema: Payment, retryDelayMs: 50 },
      );
      await bus.publish('retry.a', { id: 'flaky', amountMinor: 1 });
      await bus.publish('retry.a', { id: 'steady', amountMinor: 2 });
      await waitFor(() => attempts.filter((attempt) => attempt.id === 'flaky').length === 3 && attempts.some((attempt) => attempt.id === 'steady'), 'redelivery');
      assert.deepEqual(attempts.filter((attempt) => attempt.id === 'flaky').map((attempt) => attempt.count), [1, 2, 3]);
      assert.equal(attempts.filter((attempt) => attempt.id === 'steady').length, 1, 'the other message is delivered once');
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(attempts.filter((attempt) => attempt.id === 'flaky').length, 3, 'no delivery after the acknowledgement');
      await subscription.unsubscribe();
    });

    it('dead-letters a message after maxDeliver failures and an invalid one at once', async () => {
      const letters = await collectDeadLetters(bus);
      const handled: string[] = [];
      const subscription = await bus.subscribe(
        'dead-test.a',
        async (message) => {
          if (message.id === 'poison') throw new Error('cannot process poison');
          handled.push(message.id);
        },
        { schema: Payment, maxDeliver: 3, retryDelayMs: 20 },
      );
      await bus.publish('dead-test.a', { id: 'poison', amountMinor: 1 });
      await bus.publish('dead-test.a', { id: '', amountMinor: -5 });
      await bus.publish('dead-test.a', { id: 'fine', amountMinor: 3 });
      await waitFor(() => letters.length === 2 && handled.includes('fine'), 'two dead letters');
      const byReason = new Map(letters.map((letter) => [letter.reason, letter]));
      const failed = byReason.get('handler_failed')!;
      assert.equal(failed.subject, 'dead-test.a');
      assert.equal(failed.deliveryCount, 3);
      assert.deepEqual(JSON.parse(failed.payload), { id: 'poison', amountMinor: 1 });
      assert.deepEqual(failed.issues, [{ field: '(handler)', reason: 'cannot process poison' }]);
      const invalid = byReason.get('invalid_message')!;
      assert.deepEqual(invalid.issues.map((issue) => issue.field).sort(), ['amountMinor', 'id']);
      assert.equal(invalid.deliveryCount, 1);
      assert.deepEqual(handled, ['fine']);
      await subscription.unsubscribe();
    });

    it('refuses to publish a message that fails its schema or is not JSON, and bad subjects', async () => {
      await assert.rejects(bus.publish('order.b', { id: 'x', amountMinor: 1.5 }, { schema: Payment }), ValidationError);
      await assert.rejects(bus.publish('order.b', { big: 1n }), ValidationError);
      await assert.rejects(bus.publish('order.*', { id: 'x' }), ValidationError);
      await assert.rejects(bus.subscribe('order..b', async () => {}, { schema: Payment }), ValidationError);
    });

    it('publishes a batch in order, or nothing when one message is invalid', async () => {
      const received: number[] = [];
      const subscription = await bus.subscribe('batch.*', async (message) => void received.push(message.amountMinor), { schema: Payment });
      await assert.rejects(
        bus.publishBatch([{ subject: 'batch.a', message: { id: 'ok', amountMinor: 1 } }, { subject: 'batch.a', message: { id: 'bad', amountMinor: 0 } }], { schema: Payment }),
        ValidationError,
      );
      const entries = Array.from({ length: 500 }, (_, index) => ({ subject: `batch.${index % 2 === 0 ? 'even' : 'odd'}`, message: { id: `b-${index}`, amountMinor: index + 1 }, messageId: `batch-${index}` }));
      await bus.publishBatch(entries, { schema: Payment });
      await bus.publishBatch(entries.slice(0, 10));
      await waitFor(() => received.length >= 500, '500 batch messages');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(received, Array.from({ length: 500 }, (_, index) => index + 1), 'in order, the bad batch and the repeated ids not delivered');
      await subscription.unsubscribe();
    });

    it('drops a repeated message id', async () => {
      const received: string[] = [];
      const subscription = await bus.subscribe('dedupe.a', async (message) => void received.push(message.id), { schema: Payment });
      await bus.publish('dedupe.a', { id: 'one', amountMinor: 1 }, { messageId: 'm-1' });
      await bus.publish('dedupe.a', { id: 'one-again', amountMinor: 1 }, { messageId: 'm-1' });
      await bus.publish('dedupe.a', { id: 'two', amountMinor: 2 }, { messageId: 'm-2' });
      await waitFor(() => received.includes('two'), 'second message');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(received, ['one', 'two']);
      await subscription.unsubscribe();
    });

    it('routes wildcard subscriptions and shares a queue between subscribers, each message once', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const a = await bus.subscribe('part.*', async (message) => void first.push(message.id), { schema: Payment, queue: 'workers' });
      const b = await bus.subscribe('part.*', async (message) => void second.push(message.id), { schema: Payment, queue: 'workers' });
      const ids = Array.from({ length: 60 }, (_, index) => `q-${index}`);
      for (const [index, id] of ids.entries()) await bus.publish(`part.${index % 3}`, { id, amountMinor: 1 });
      await waitFor(() => first.length + second.length === 60, 'all queue messages');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual([...first, ...second].sort(), [...ids].sort(), 'every message exactly once across the queue');
      await a.unsubscribe();
      await b.unsubscribe();
    });

    it('refuses to reuse a durable name for another subject', async () => {
      const subscription = await bus.subscribe('durable-a.x', async () => {}, { schema: Payment, durable: 'same-name' });
      await assert.rejects(bus.subscribe('durable-b.x', async () => {}, { schema: Payment, durable: 'same-name' }), ConflictError);
      await subscription.unsubscribe();
    });

    it('keeps a durable consumer position across a restart of its subscriber', async () => {
      const namespace = target.namespace();
      const producer = await target.open({ shared: namespace });
      const firstWorker = await target.open({ shared: namespace });
      try {
        const seen: string[] = [];
        await firstWorker.bus.subscribe('tx.7', async (message) => void seen.push(message.id), { schema: Payment, durable: 'engine-7' });
        await producer.bus.publish('tx.7', { id: 'before-1', amountMinor: 1 });
        await producer.bus.publish('tx.7', { id: 'before-2', amountMinor: 1 });
        await waitFor(() => seen.length === 2, 'messages before the restart');
        await firstWorker.dispose();

        for (const id of ['while-down-1', 'while-down-2', 'while-down-3']) await producer.bus.publish('tx.7', { id, amountMinor: 1 });
        const restarted = await target.open({ shared: namespace });
        try {
          const resumed: string[] = [];
          await restarted.bus.subscribe('tx.7', async (message) => void resumed.push(message.id), { schema: Payment, durable: 'engine-7' });
          await waitFor(() => resumed.length === 3, 'messages published while down');
          assert.deepEqual(resumed, ['while-down-1', 'while-down-2', 'while-down-3']);
          assert.deepEqual(seen, ['before-1', 'before-2']);
        } finally {
          await restarted.dispose();
        }
      } finally {
        await producer.dispose();
        await target.dropNamespace(namespace);
      }
    });

    it('redelivers to another subscriber a message left unacknowledged by one that stopped', async () => {
      const namespace = target.namespace();
      const producer = await target.open({ shared: namespace, ackWaitMs: 1000 });
      const crashing = await target.open({ shared: namespace, ackWaitMs: 1000 });
      let release: () => void = () => {};
      try {
        const stuck = new Promise<void>((resolve) => (release = resolve));
        const started: string[] = [];
        await crashing.bus.subscribe(
          'work.x',
          async (message) => {
            started.push(message.id);
            await stuck;
            throw new Error('worker lost its connection');
          },
          { schema: Payment, queue: 'pool', retryDelayMs: 20 },
        );
        await producer.bus.publish('work.x', { id: 'job-1', amountMinor: 1 });
        await waitFor(() => started.length === 1, 'first worker to start');
        const rescued: Array<{ id: string; count: number }> = [];
        const healthy = await target.open({ shared: namespace, ackWaitMs: 1000 });
        try {
          await healthy.bus.subscribe('work.x', async (message, delivery) => void rescued.push({ id: message.id, count: delivery.deliveryCount }), { schema: Payment, queue: 'pool' });
          const closing = crashing.dispose();
          release();
          await closing;
          await waitFor(() => rescued.length === 1, 'redelivery to the healthy worker');
          assert.equal(rescued[0]!.id, 'job-1');
          assert.equal(rescued[0]!.count, 2);
        } finally {
          await healthy.dispose();
        }
      } finally {
        release();
        await producer.dispose();
        await target.dropNamespace(namespace);
      }
    });
  });
}
