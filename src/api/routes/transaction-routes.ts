import { z } from 'zod';
import { fieldIssues, TransactionSchema, type QuarantinedRecord, type Transaction } from '../../domain/index.ts';
import { readTransactions } from '../../ingest/index.ts';
import type { Principal } from '../../auth/index.ts';
import { allow } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';
import type { Store } from '../../store/index.ts';

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
type IngestResult = z.infer<typeof IngestResultSchema>;
type RecordResult = z.infer<typeof RecordResultSchema>;

function sourceName(principal: Principal | null, kind: string): string {
  return `api:${kind}:${principal?.kind ?? 'anonymous'}:${principal?.name ?? 'unknown'}`;
}

/**
 * Writes valid transactions to the durable log (idempotently: repeats are reported as
 * duplicates) and invalid records to quarantine with their reasons, then hands the new ones to
 * monitoring. Nothing is silently dropped.
 */
async function commit(
  store: Store,
  monitor: ((transactions: readonly Transaction[]) => Promise<void>) | undefined,
  entries: Array<{ location: string; transaction: Transaction } | { location: string; quarantined: QuarantinedRecord }>,
): Promise<IngestResult> {
  const valid = entries.flatMap((entry) => ('transaction' in entry ? [entry.transaction] : []));
  const rejected = entries.flatMap((entry) => ('quarantined' in entry ? [entry.quarantined] : []));
  const appended = valid.length > 0 ? await store.transactionLog.append(valid) : { newIds: [], lastSequence: null };
  if (rejected.length > 0) await store.quarantine.insert(rejected);
  const fresh = new Set(appended.newIds);
  const results: RecordResult[] = [];
  let accepted = 0;
  let duplicates = 0;
  for (const [index, entry] of entries.entries()) {
    if ('quarantined' in entry) {
      results.push({ index, location: entry.location, status: 'quarantined', issues: entry.quarantined.issues });
      continue;
    }
    const id = entry.transaction.id;
    // The first occurrence of a new id in the batch is the accepted one; later repeats are duplicates.
    if (fresh.delete(id)) {
      accepted++;
      results.push({ index, location: entry.location, id, status: 'accepted' });
    } else {
      duplicates++;
      results.push({ index, location: entry.location, id, status: 'duplicate' });
    }
  }
  if (monitor && appended.newIds.length > 0) {
    const newIds = new Set(appended.newIds);
    await monitor(valid.filter((tx) => newIds.has(tx.id)));
  }
  return { accepted, duplicates, quarantined: rejected.length, results };
}

/** Ingest over HTTP: a JSON batch or an ISO 20022 message, each answered record by record. */
export function registerTransactionRoutes({ app, options, services, now }: RouteContext): void {
  const store = services.store;
  if (!store) return;
  const audit = services.audit;

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
      response: { 200: IngestResultSchema, 400: ProblemSchema, 413: ProblemSchema },
    },
    handler: async (request) => {
      const source = sourceName(request.principal, 'json');
      const entries = request.body.transactions.map((record, index) => {
        const location = `transactions[${index}]`;
        const parsed = TransactionSchema.safeParse(record);
        if (parsed.success) return { location, transaction: parsed.data };
        const raw = JSON.stringify(record) ?? String(record);
        return { location, quarantined: { source, location, issues: fieldIssues(parsed.error), raw: raw.length > 2000 ? `${raw.slice(0, 2000)}…[truncated]` : raw } };
      });
      const result = await commit(store, services.monitor, entries);
      await audit?.append({
        time: now().toISOString(),
        actor: request.principal!.name,
        action: 'transactions.ingested',
        subject: { kind: 'transactions', id: source },
        details: { format: 'json', accepted: result.accepted, duplicates: result.duplicates, quarantined: result.quarantined },
      });
      return result;
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
      response: { 200: IngestResultSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
    },
    handler: async (request) => {
      const source = sourceName(request.principal, 'iso20022');
      const entries: Array<{ location: string; transaction: Transaction } | { location: string; quarantined: QuarantinedRecord }> = [];
      for await (const record of readTransactions([request.body], { format: 'iso20022', sourceName: source, maxDocumentBytes: options.ingestBodyLimitBytes })) {
        entries.push(record.ok ? { location: record.location, transaction: record.transaction } : { location: record.quarantined.location, quarantined: record.quarantined });
      }
      const result = await commit(store, services.monitor, entries);
      await audit?.append({
        time: now().toISOString(),
        actor: request.principal!.name,
        action: 'transactions.ingested',
        subject: { kind: 'transactions', id: source },
        details: { format: 'iso20022', accepted: result.accepted, duplicates: result.duplicates, quarantined: result.quarantined },
      });
      return result;
    },
  });
}
