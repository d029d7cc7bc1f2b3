import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IntakeResult, ReceiveFileInput } from './intake.ts';

/**
 * `receiveFile` on a pool of worker threads: validation and reading of a file are CPU-bound
 * (libxml2 on ~10 KB per SAR, then the reader), so files received together use every core
 * while the main thread keeps storing. Each worker compiles each official schema once.
 */

export interface IntakePool {
  /** Same contract and result as `receiveFile`, run on the least busy worker. */
  receive(input: ReceiveFileInput, options?: { maxBytes?: number }): Promise<IntakeResult>;
  close(): Promise<void>;
}

type WorkerReply = { id: number; ok: true; result: IntakeResult } | { id: number; ok: false; message: string };

/**
 * `threads` defaults to the cores less one.
 * @example
 * const pool = createIntakePool({ threads: 2 });
 * const results = await Promise.all(files.map((file) => pool.receive(file)));
 * await pool.close();
 */
export function createIntakePool(options: { threads?: number } = {}): IntakePool {
  // One core is left to the store: PGlite writes on a thread of its own, and on 2 cores a second
  // intake worker only slows it (100,000 reports: 125 s with 2 workers, 73 s with 1).
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  const workerUrl = new URL('./intake-worker.ts', import.meta.url).href;
  // From TypeScript sources the worker registers the TypeScript loader first (a worker does not
  // inherit the main thread's loader hooks on Node 20).
  const bootstrap = workerUrl.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`
    : `import(${JSON.stringify(workerUrl)});`;
  const slots = Array.from({ length: threads }, () => ({ worker: new Worker(bootstrap, { eval: true }), busy: 0, failure: null as Error | null }));
  const pending = new Map<number, { resolve: (result: IntakeResult) => void; reject: (error: Error) => void; slot: (typeof slots)[number] }>();
  let nextId = 1;
  for (const slot of slots) {
    slot.worker.on('message', (reply: WorkerReply) => {
      const waiter = pending.get(reply.id);
      if (waiter === undefined) return;
      pending.delete(reply.id);
      waiter.slot.busy--;
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`intake worker: ${reply.message}`));
    });
    // A worker that fails or exits takes no more files; what it held is rejected, not lost silently.
    const fail = (error: Error): void => {
      slot.failure ??= error;
      for (const [id, waiter] of pending) {
        if (waiter.slot !== slot) continue;
        pending.delete(id);
        waiter.reject(error);
      }
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`intake worker exited with code ${code}`)));
  }
  return {
    receive(input, receiveOptions = {}) {
      const live = slots.filter((candidate) => candidate.failure === null);
      if (live.length === 0) return Promise.reject(slots[0]?.failure ?? new Error('the intake pool has no worker'));
      const slot = live.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
      const id = nextId++;
      slot.busy++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ id, input, options: receiveOptions });
      });
    },
    async close() {
      for (const slot of slots) slot.failure ??= new Error('the intake pool is closed');
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
