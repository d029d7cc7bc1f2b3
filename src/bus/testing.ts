import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { createInProcessBus, type InProcessBusOptions } from './in-process.ts';
import { connectNatsBus, type NatsBusOptions } from './nats.ts';
import type { Bus } from './types.ts';

/**
 * Test support: the same bus tests run in-process and on NATS JetStream; each NATS run uses its
 * own namespace and stream, deleted afterwards. Not part of the product entry point.
 */

export const TEST_NATS_URL = process.env['FRONTERA_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

export type TestBus = { bus: Bus; dispose(): Promise<void> };

export type TestBusTarget = {
  name: 'in-process' | 'nats';
  /** Opens a fresh bus; `shared` is a namespace so two buses can talk (a restart, a second worker). */
  open(settings?: { shared?: string; ackWaitMs?: number; maxPending?: number }): Promise<TestBus>;
  /** A fresh namespace for `open({ shared })`. */
  namespace(): string;
  /** Removes what a shared namespace left behind (the NATS stream), after its buses closed. */
  dropNamespace(namespace: string): Promise<void>;
};

async function reachable(url: string): Promise<string | null> {
  try {
    const connection = await connect({ servers: url, timeout: 2000, reconnect: false });
    await connection.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

let serverCheck: Promise<void> | undefined;

/** Makes sure the local NATS server answers, starting it with JetStream if needed; fails clearly otherwise. */
export function ensureTestNats(url = TEST_NATS_URL): Promise<void> {
  serverCheck ??= (async () => {
    if ((await reachable(url)) === null) return;
    try {
      execFileSync(
        'start-stop-daemon',
        ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server', '--', '-a', '127.0.0.1', '-p', '4222', '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log'],
        { stdio: 'ignore', timeout: 10_000 },
      );
    } catch {
      // The re-check below reports the failure.
    }
    let problem: string | null = 'not started';
    for (let attempt = 0; attempt < 20 && problem !== null; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      problem = await reachable(url);
    }
    if (problem !== null) throw new Error(`NATS test server at ${url} is unreachable (${problem}). Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log`);
  })();
  return serverCheck;
}

/** A namespace unique to this run, e.g. `test-3f9a1c0b2d`. */
export function uniqueNamespace(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

/**
 * Both bus implementations for one shared suite.
 * @example for (const target of testBusTargets()) describe(`bus on ${target.name}`, () => { … });
 */
export function testBusTargets(): TestBusTarget[] {
  // In-process buses "share" a namespace by being the same object, as two clients of one server would.
  const inProcess = new Map<string, { bus: Bus; users: number }>();
  return [
    {
      name: 'in-process',
      namespace: uniqueNamespace,
      dropNamespace: async () => {},
      async open(settings = {}) {
        const busOptions: InProcessBusOptions = settings.maxPending === undefined ? {} : { maxPending: settings.maxPending };
        if (settings.shared === undefined) {
          const bus = createInProcessBus(busOptions);
          return { bus, dispose: () => bus.close() };
        }
        const key = settings.shared;
        let entry = inProcess.get(key);
        if (!entry) {
          entry = { bus: createInProcessBus(busOptions), users: 0 };
          inProcess.set(key, entry);
        }
        entry.users += 1;
        const shared = entry;
        // Each handle may close independently; the shared bus closes with its last user.
        const subscriptions: Array<{ unsubscribe(): Promise<void> }> = [];
        const bus: Bus = {
          kind: 'in-process',
          publish: (subject, message, options) => shared.bus.publish(subject, message, options),
          publishBatch: (entries, options) => shared.bus.publishBatch(entries, options),
          async subscribe(subject, handler, options) {
            const subscription = await shared.bus.subscribe(subject, handler, options);
            subscriptions.push(subscription);
            return subscription;
          },
          async close() {
            await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
            shared.users -= 1;
            if (shared.users === 0) {
              inProcess.delete(key);
              await shared.bus.close();
            }
          },
        };
        return { bus, dispose: () => bus.close() };
      },
    },
    {
      name: 'nats',
      namespace: uniqueNamespace,
      dropNamespace: (namespace) => cleanupStream({ servers: TEST_NATS_URL, namespace }),
      async open(settings = {}) {
        await ensureTestNats();
        const namespace = settings.shared ?? uniqueNamespace();
        const options: NatsBusOptions = { servers: TEST_NATS_URL, namespace, ackWaitMs: settings.ackWaitMs ?? 5000, maxAgeMs: 10 * 60_000 };
        const bus = await connectNatsBus(options);
        return {
          bus,
          async dispose() {
            await bus.close();
            if (settings.shared === undefined) await cleanupStream(options);
          },
        };
      },
    },
  ];
}

/** Deletes a test namespace's stream (for shared namespaces, after the last bus closed). */
export async function cleanupStream(options: NatsBusOptions): Promise<void> {
  const bus = await connectNatsBus(options);
  try {
    await bus.deleteStream();
  } finally {
    await bus.close();
  }
}
