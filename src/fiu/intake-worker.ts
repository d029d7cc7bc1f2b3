import { parentPort } from 'node:worker_threads';
import { receiveFile, type ReceiveFileInput } from './intake.ts';

/** One intake worker thread: runs `receiveFile` for each message, answers with the result. */
const port = parentPort;
if (port === null) throw new Error('intake-worker.ts runs as a worker thread (see createIntakePool)');
port.on('message', (message: { id: number; input: ReceiveFileInput; options: { maxBytes?: number } }) => {
  receiveFile(message.input, message.options).then(
    (result) => port.postMessage({ id: message.id, ok: true, result }),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
