import { z } from 'zod';
import { fieldIssues, TransactionSchema } from '../../domain/index.ts';
import { readTransactions } from '../../ingest/index.ts';
import type { Principal } from '../../auth/index.ts';
import { allow } from '../access.ts';
import { problem, ProblemSchema, sendProblem } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';
import { createIngestBatcher, IngestBacklogFullError, type IngestBatcher, type IngestEntry, type IngestResult, type IngestSubmission } from '../ingest-batcher.ts';
import type { FastifyReply } from 'fastify';

export const INGEST_ROLES = allow('institution_analyst', 'institution_approver', 'administrator');

/** Most transactions accepted in one JSON request; bigger batches go as several requests or a file. */
export const MAX_JSON_BATCH = 10_000;

const RecordResultSchema = z.object({
  index: z.number().int(),
  location: z.string(),
  id: z.string().optional(),
  status: z.enum(['accepted', 'duplicate', 'quarantined']),
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

const IngestResultSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    quarantined: z.number().int(),
    results: z.array(RecordResultSchema),
  })
  .meta({ id: 'IngestResult' });

/** Seconds a client is asked to wait when the ingest backlog is full. */
const BACKLOG_RETRY_AFTER_SECONDS = 1;

/** A full backlog is answered 503 with Retry-After: nothing of the request was written. */
async function submitOrRefuse(batcher: IngestBatcher, submission: IngestSubmission, reply: FastifyReply, instance: string): Promise<IngestResult | FastifyReply> {
  try {
    return await batcher.submit(submission);
  } catch (error) {
    if (!(error instanceof IngestBacklogFullError)) throw error;
    reply.header('retry-after', String(BACKLOG_RETRY_AFTER_SECONDS));
    return sendProblem(reply, problem(503, `${error.message}; nothing of this request was written`, instance));
  }
}

function sourceName(principal: Principal | null, kind: string): string {
  return `api:${kind}:${principal?.kind ?? 'anonymous'}:${principal?.name ?? 'unknown'}`;
}

/** Ingest over HTTP: a JSON batch or an ISO 20022 message, each answered record by record. */
export function registerTransactionRoutes({ app, options, services, now }: RouteContext): void {
  const store = services.store;
  if (!store) return;
  const batcher = createIngestBatcher({
    store,
    audit: services.audit,
    monitor: services.monitor,
    // The records are durable and were acknowledged; the next catch-up evaluates them from the log.
    onMonitorError: (error) => app.log.error({ err: error }, 'monitoring after ingest failed'),
    now,
  });
  app.addHook('onClose', () => batcher.idle());

  app.route({
    method: 'POST',
    url: '/api/v1/transactions',
    bodyLimit: options.ingestBodyLimitBytes,
    config: { access: INGEST_ROLES },
    schema: {
      summary: 'Ingest a batch of transactions (JSON); answers per record: accepted, duplicate or quarantined with reasons',
      tags: ['transactions'],
      // Records are validated one by one below so that one bad record does not reject the batch.
      body: z.object({ transactions: z.array(z.unknown()).min(1).max(MAX_JSON_BATCH) }),
      response: { 200: IngestResultSchema, 400: ProblemSchema, 413: ProblemSchema, 503: ProblemSchema },
    },
    handler: async (request, reply) => {
      const source = sourceName(request.principal, 'json');
      const entries = request.body.transactions.map((record, index): IngestEntry => {
        const location = `transactions[${index}]`;
        const parsed = TransactionSchema.safeParse(record);
        if (parsed.success) return { location, transaction: parsed.data };
        const raw = JSON.stringify(record) ?? String(record);
        return { location, quarantined: { source, location, issues: fieldIssues(parsed.error), raw: raw.length > 2000 ? `${raw.slice(0, 2000)}…[truncated]` : raw } };
      });
      return submitOrRefuse(batcher, { actor: request.principal!.name, source, format: 'json', entries }, reply, request.url);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/transactions/iso20022',
    bodyLimit: options.ingestBodyLimitBytes,
    config: { access: INGEST_ROLES },
    schema: {
      summary: 'Ingest an ISO 20022 message (pacs.008, pain.001) as XML; answers per credit transfer',
      tags: ['transactions'],
      consumes: ['application/xml', 'text/xml'],
      body: z.string().min(1).describe('ISO 20022 XML document'),
      response: { 200: IngestResultSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 503: ProblemSchema },
    },
    handler: async (request, reply) => {
      const source = sourceName(request.principal, 'iso20022');
      const entries: IngestEntry[] = [];
      for await (const record of readTransactions([request.body], { format: 'iso20022', sourceName: source, maxDocumentBytes: options.ingestBodyLimitBytes })) {
        entries.push(record.ok ? { location: record.location, transaction: record.transaction } : { location: record.quarantined.location, quarantined: record.quarantined });
      }
      return submitOrRefuse(batcher, { actor: request.principal!.name, source, format: 'iso20022', entries }, reply, request.url);
    },
  });
}
