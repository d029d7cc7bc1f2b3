/**
 * Blinding engines: where the elliptic-curve work of a match runs. The local engine runs on the
 * calling thread; the worker engine splits each batch over worker threads (one per core), which
 * is what makes 100,000 × 100,000 subjects fit in the time goal. Scalars go to the workers of
 * the same process only; they never leave the node.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { IntegrityError } from '../errors.ts';
import { blindGroupElements, hashToGroup, POINT_BYTES, tagGroupElements, TAG_BYTES } from './group.ts';

export interface BlindingEngine {
  /** Hashes 32-byte uniform strings onto the group and multiplies each by the scalar. */
  hashAndBlind(uniform: Uint8Array, scalar: Uint8Array): Promise<Uint8Array>;
  /** Multiplies each 32-byte group element by the scalar. */
  blind(points: Uint8Array, scalar: Uint8Array): Promise<Uint8Array>;
  /** Multiplies each element by the scalar and returns the 16-byte tags of the results. */
  blindAndTag(points: Uint8Array, scalar: Uint8Array): Promise<Uint8Array>;
  /** Resolves once every thread is loaded (a node warms up before its first match). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The engine on the calling thread, for small sets and tests.
 * @example const engine = createLocalBlindingEngine(); await engine.blind(points, scalar);
 */
export function createLocalBlindingEngine(): BlindingEngine {
  return {
    hashAndBlind: async (uniform, scalar) => blindGroupElements(hashToGroup(uniform), scalar),
    blind: async (points, scalar) => blindGroupElements(points, scalar),
    blindAndTag: async (points, scalar) => tagGroupElements(blindGroupElements(points, scalar)),
    ready: async () => {},
    close: async () => {},
  };
}

type WorkerReply = { id: number; ok: true; result: Uint8Array } | { id: number; ok: false; message: string };

/** Below this many elements a batch is not worth splitting. */
const MINIMUM_ELEMENTS_PER_WORKER = 2048;

/**
 * An engine over `threads` worker threads (default: the machine's parallelism).
 * @example const engine = createWorkerBlindingEngine({ threads: 2 }); … await engine.close();
 */
export function createWorkerBlindingEngine(options: { threads?: number } = {}): BlindingEngine {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const workerUrl = new URL('./blinding-worker.ts', import.meta.url).href;
  // Run from TypeScript sources, the worker registers the TypeScript loader before importing its module
  // (a worker does not inherit the loader hooks of the main thread on Node 20).
  const bootstrap = workerUrl.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`
    : `import(${JSON.stringify(workerUrl)});`;
  const workers = Array.from({ length: threads }, () => new Worker(bootstrap, { eval: true }));
  const pending = new Map<number, { resolve: (result: Uint8Array) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  for (const worker of workers) {
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new IntegrityError(reply.message));
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }

  type Operation = 'hash-and-blind' | 'blind' | 'blind-and-tag';

  function run(worker: Worker, operation: Operation, data: Uint8Array, scalar: Uint8Array): Promise<Uint8Array> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const copy = data.slice();
      worker.postMessage({ id, operation, data: copy, scalar }, [copy.buffer]);
    });
  }

  async function split(operation: Operation, data: Uint8Array, scalar: Uint8Array): Promise<Uint8Array> {
    const count = data.length / POINT_BYTES;
    if (!Number.isInteger(count)) throw new IntegrityError('group elements must be a multiple of 32 bytes');
    const parts = Math.max(1, Math.min(workers.length, Math.floor(count / MINIMUM_ELEMENTS_PER_WORKER)));
    const perPart = Math.ceil(count / parts);
    const jobs: Array<Promise<Uint8Array>> = [];
    for (let part = 0; part < parts; part++) {
      const start = part * perPart * POINT_BYTES;
      const end = Math.min(count, (part + 1) * perPart) * POINT_BYTES;
      jobs.push(run(workers[part]!, operation, data.subarray(start, end), scalar));
    }
    const results = await Promise.all(jobs);
    const joined = new Uint8Array(operation === 'blind-and-tag' ? count * TAG_BYTES : data.length);
    let offset = 0;
    for (const result of results) {
      joined.set(result, offset);
      offset += result.length;
    }
    return joined;
  }

  return {
    hashAndBlind: (uniform, scalar) => split('hash-and-blind', uniform, scalar),
    blind: (points, scalar) => split('blind', points, scalar),
    blindAndTag: (points, scalar) => split('blind-and-tag', points, scalar),
    ready: async () => {
      await Promise.all(workers.map((worker) => run(worker, 'blind', new Uint8Array(0), new Uint8Array(32))));
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
