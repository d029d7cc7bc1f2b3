import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuthStore, SqlClient } from '../auth/index.ts';
import type { ApiOptions } from './options.ts';
import type { ApiServices } from './services.ts';

export type ZodFastify = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What each route group receives: the app to register on and the dependencies it may call. */
export type RouteContext = {
  app: ZodFastify;
  db: SqlClient;
  auth: AuthStore;
  options: ApiOptions;
  services: ApiServices;
  now: () => Date;
};
