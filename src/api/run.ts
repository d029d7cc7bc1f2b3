import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.ts';
import { DEMO_USERS, seedDemoUsers } from '../auth/index.ts';
import type { Database } from '../store/index.ts';
import { prepareServices } from './bootstrap.ts';
import type { ApiOptionsInput } from './options.ts';
import { createServer } from './server.ts';
import type { ApiServices } from './services.ts';
import { ensureWebBuild, WEB_DIST } from './web-build.ts';

export type RunningServer = {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
};

/**
 * Starts Frontera's server on an open database: migrations, services, demo users (optional),
 * the web app (built when stale), then listens on the configured host and port.
 * @example
 * const server = await startFronteraServer({ database, config, seedDemo: true });
 * console.log(server.url);
 */
export async function startFronteraServer(input: {
  database: Database;
  config: Pick<Config, 'host' | 'port'>;
  /** Services to add or override (monitoring, a party register for case subjects, …). */
  services?: ApiServices;
  options?: ApiOptionsInput;
  seedDemo?: boolean;
  buildWeb?: boolean;
  log?: (line: string) => void;
}): Promise<RunningServer> {
  const log = input.log ?? (() => undefined);
  const services = { ...(await prepareServices(input.database)), ...input.services };
  if (input.seedDemo) await seedDemoUsers(input.database);
  if (input.buildWeb !== false) await ensureWebBuild({ log });
  const app = await createServer({ db: input.database, services, options: { webRoot: WEB_DIST, ...input.options } });
  await app.listen({ host: input.config.host, port: input.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : input.config.port;
  const host = input.config.host.includes(':') ? `[${input.config.host}]` : input.config.host;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`, close: () => app.close() };
}

/** The demo sign-ins, one line per role, for printing at start-up. */
export function demoCredentialLines(): string[] {
  const width = Math.max(...DEMO_USERS.map((user) => user.role.length));
  return DEMO_USERS.map((user) => `  ${user.role.padEnd(width)}  ${user.username} / ${user.password}`);
}
