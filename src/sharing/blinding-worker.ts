// A worker thread of the blinding engine: hashes onto the group and multiplies, nothing else.
import { parentPort } from 'node:worker_threads';
import { blindGroupElements, hashToGroup, tagGroupElements } from './group.ts';

type Job = { id: number; operation: 'hash-and-blind' | 'blind' | 'blind-and-tag'; data: Uint8Array; scalar: Uint8Array };

parentPort?.on('message', (job: Job) => {
  try {
    const points = job.operation === 'hash-and-blind' ? hashToGroup(job.data) : job.data;
    const blinded = blindGroupElements(points, job.scalar);
    const result = job.operation === 'blind-and-tag' ? tagGroupElements(blinded) : blinded;
    parentPort?.postMessage({ id: job.id, ok: true, result }, [result.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
