/**
 * The PGlite thread: owns one PGlite instance and runs the statements the opening thread sends
 * (see `openPglite`'s `thread: 'worker'`). PGlite executes each statement synchronously inside
 * WASM; here that blocks only this thread, so the HTTP thread keeps parsing and answering while
 * a group commit is written. Transactions stay interactive: `begin` opens one and parks it until
 * `commit` or `rollback`; statements tagged with its number run inside it, and untagged ones wait
 * for it to end on PGlite's own lock, exactly as on the calling thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DriverSession } from './database.ts';
import { createPgliteInstance, pgliteSession, type PgliteWorkerData } from './pglite.ts';
import { READY_REPLY_ID, serializeError, type PgliteReply, type PgliteRequest } from './pglite-protocol.ts';

type OpenTransaction = { session: DriverSession; commit: () => void; rollback: (reason: Error) => void; finished: Promise<void> };

async function serve(port: NonNullable<typeof parentPort>, options: PgliteWorkerData): Promise<void> {
  const reply = (message: PgliteReply) => port.postMessage(message);
  let pglite: Awaited<ReturnType<typeof createPgliteInstance>>;
  try {
    pglite = await createPgliteInstance(options.dataDirectory, options.schema);
  } catch (error) {
    reply({ id: READY_REPLY_ID, ok: false, error: serializeError(error) });
    return;
  }
  const root = pgliteSession(pglite, options.bulkMethod);
  const transactions = new Map<number, OpenTransaction>();
  let nextTransaction = 1;

  const sessionFor = (transaction: number | null): DriverSession => {
    if (transaction === null) return root;
    const open = transactions.get(transaction);
    if (!open) throw new Error(`transaction ${transaction} is not open`);
    return open.session;
  };

  // Resolves with the transaction's number once BEGIN ran; the transaction then waits for commit/rollback.
  const begin = () =>
    new Promise<number>((begun, failed) => {
      const number = nextTransaction++;
      const parked: { finished?: Promise<void> } = {};
      parked.finished = pglite
        .transaction(
          (transaction) =>
            new Promise<void>((commit, rollback) => {
              transactions.set(number, { session: pgliteSession(transaction, options.bulkMethod), commit: () => commit(), rollback, finished: parked.finished! });
              begun(number);
            }),
        )
        .finally(() => transactions.delete(number));
      parked.finished.catch(failed);
    });

  const handle = async (request: PgliteRequest): Promise<unknown> => {
    switch (request.kind) {
      case 'query':
        return sessionFor(request.transaction).query(request.sql, request.params);
      case 'exec':
        return sessionFor(request.transaction).exec(request.sql);
      case 'copy': {
        const session = sessionFor(request.transaction);
        if (!session.copyFrom) throw new Error('this PGlite database loads rows with INSERT, not COPY');
        return session.copyFrom(request.sql, request.data);
      }
      case 'begin':
        return begin();
      case 'commit': {
        const open = transactions.get(request.transaction);
        if (!open) throw new Error(`transaction ${request.transaction} is not open`);
        open.commit();
        return open.finished;
      }
      case 'rollback': {
        const open = transactions.get(request.transaction);
        if (!open) return undefined;
        open.rollback(new Error('rolled back'));
        return open.finished.catch(() => undefined);
      }
      case 'close':
        if (!pglite.closed) await pglite.close();
        return undefined;
    }
  };

  port.on('message', (request: PgliteRequest) => {
    handle(request).then(
      (result) => reply({ id: request.id, ok: true, result }),
      (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
    );
  });
  reply({ id: READY_REPLY_ID, ok: true, result: null });
}

// Started only by `openPglite` as a worker; imported anywhere else it does nothing.
if (parentPort && (workerData as { role?: string } | null)?.role === 'frontera-pglite') await serve(parentPort, workerData as PgliteWorkerData);
